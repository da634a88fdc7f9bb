using Microsoft.Playwright;

namespace IntegrationHub.Host.Tests.Fixtures;

/// <summary>
/// The machine's Chromium (Debian's <c>chromium</c> package), driven by Playwright with a fresh profile. Playwright never
/// downloads a browser here. Without /usr/bin/chromium a browser test is skipped with the reason, except on CI
/// (<c>CI=true</c>), where .ci/run installs it and its absence fails the test.
/// </summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private static readonly string[] Arguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    /// <summary>A browser context on a fresh user-data folder, deleted with it.</summary>
    public static async Task<ChromiumSession> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            var reason = $"No Chromium at {ExecutablePath} for the browser tests: apt-get install chromium.";
            if (Environment.GetEnvironmentVariable("CI") == "true") Assert.Fail(reason);
            Assert.Skip(reason);
        }
        var profile = Directory.CreateTempSubdirectory("integrationhub-chromium-");
        var playwright = await Playwright.CreateAsync();
        try
        {
            var context = await playwright.Chromium.LaunchPersistentContextAsync(profile.FullName, new BrowserTypeLaunchPersistentContextOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Args = Arguments,
                Timeout = 60_000,
            });
            context.SetDefaultTimeout(30_000);
            return new ChromiumSession(playwright, context, profile);
        }
        catch
        {
            playwright.Dispose();
            profile.Delete(recursive: true);
            throw;
        }
    }
}

/// <summary>A running browser; disposing it closes the browser and deletes its profile.</summary>
public sealed class ChromiumSession(IPlaywright playwright, IBrowserContext context, DirectoryInfo profile) : IAsyncDisposable
{
    public IBrowserContext Context => context;

    public async ValueTask DisposeAsync()
    {
        await context.CloseAsync();
        playwright.Dispose();
        try
        {
            profile.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
