using System.Net;
using IntegrationHub.Host.Tests.Fixtures;
using IntegrationHub.Persistence;

namespace IntegrationHub.Host.Tests.Hosting;

/// <summary>The run command as an operator uses it: embedded PostgreSQL, Ctrl+C, kill -9, a taken port, bad configuration.</summary>
public sealed class HostProcessTests(PostgresServer server) : IDisposable
{
    private static readonly TimeSpan StartWithin = TimeSpan.FromSeconds(60);
    private readonly string _data = Path.Combine(Path.GetTempPath(), $"integrationhub-process-{Guid.NewGuid():N}");
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };

    [Fact]
    public async Task Run_BecomesReadyPrintsKeyAndLeavesNothingRunning_WhenInterrupted()
    {
        RequirePostgresBinaries();
        var url = LoopbackUrl();
        await using var hub = HostProcess.Start(url, Embedded());

        Assert.True(await ReadyAsync(url), hub.Output);
        Assert.Contains("Admin API key for this run", hub.Output, StringComparison.Ordinal);
        Assert.Contains($"listening on {url}", hub.Output, StringComparison.Ordinal);

        await hub.InterruptAsync();

        Assert.Equal(0, await hub.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Empty(ServersOn(_data));
    }

    [Fact]
    public async Task Run_StopsItsDatabaseAndExitsCleanly_WhenTerminated()
    {
        RequirePostgresBinaries();
        var url = LoopbackUrl();
        await using var hub = HostProcess.Start(url, Embedded());
        Assert.True(await ReadyAsync(url), hub.Output);
        Assert.NotEmpty(ServersOn(_data));

        await hub.TerminateAsync();

        Assert.Equal(0, await hub.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Empty(ServersOn(_data));
    }

    [Fact]
    public async Task Run_RecoversTheSameData_WhenPreviousRunWasKilled()
    {
        RequirePostgresBinaries();
        var url = LoopbackUrl();
        await using (var first = HostProcess.Start(url, Embedded()))
        {
            Assert.True(await ReadyAsync(url), first.Output);
            first.Kill();
            await first.WaitForExitAsync(TimeSpan.FromSeconds(10));
        }
        Assert.NotEmpty(ServersOn(_data)); // kill -9 gave the hub no chance to stop its server

        await using var second = HostProcess.Start(url, Embedded());

        Assert.True(await ReadyAsync(url), second.Output);
        Assert.Contains("left running by an earlier run", second.Output, StringComparison.Ordinal);
        await second.InterruptAsync();
        Assert.Equal(0, await second.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Empty(ServersOn(_data));
    }

    [Fact]
    public async Task Run_ExitsWithOneClearLineAndStopsItsDatabase_WhenPortIsTaken()
    {
        RequirePostgresBinaries();
        using var squatter = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)squatter.LocalEndpoint).Port}";
        await using var hub = HostProcess.Start(url, Embedded());

        Assert.Equal(1, await hub.WaitForExitAsync(StartWithin));
        Assert.Contains("address already in use", hub.StartupFailureLine(), StringComparison.OrdinalIgnoreCase);
        Assert.Empty(ServersOn(_data));
    }

    [Fact]
    public async Task Run_ExitsWithOneClearLine_WhenRolesNameNothing()
    {
        RequirePostgresBinaries();
        var environment = new Dictionary<string, string?>(Embedded()) { ["Hub__Roles"] = "None" };
        await using var hub = HostProcess.Start(LoopbackUrl(), environment);

        Assert.Equal(1, await hub.WaitForExitAsync(StartWithin));
        Assert.Contains("cannot start: Hub:Roles names no role", hub.StartupFailureLine(), StringComparison.Ordinal);
        Assert.Empty(ServersOn(_data));
    }

    [Fact]
    public async Task Run_ExitsWithOneClearLine_WhenDatabaseIsConfiguredWithoutAdminKey()
    {
        await using var hub = HostProcess.Start(LoopbackUrl(), new Dictionary<string, string?> { ["ConnectionStrings__Hub"] = "Host=127.0.0.1;Database=hub" });

        Assert.Equal(1, await hub.WaitForExitAsync(StartWithin));
        Assert.Contains("cannot start: Hub:AdminApiKey is required", hub.StartupFailureLine(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Hub__AdminApiKey", "short", "Hub:AdminApiKey is 5 characters")]
    [InlineData("Hub__Roles", "Wroker", "The 'Hub' settings cannot be read")]
    [InlineData("Hub__WorkerCount", "0", "Hub:WorkerCount")]
    public async Task Run_ExitsWithOneClearLine_WhenASettingIsWrong(string name, string value, string message)
    {
        await using var hub = HostProcess.Start(LoopbackUrl(), new Dictionary<string, string?>(Embedded()) { [name] = value });

        Assert.Equal(1, await hub.WaitForExitAsync(StartWithin));
        Assert.Contains(message, hub.StartupFailureLine(), StringComparison.Ordinal);
        Assert.Empty(ServersOn(_data));
    }

    [Fact]
    public async Task Run_ListensWhereTheEnvironmentSays_WhenNoUrlsArgumentIsGiven()
    {
        RequirePostgresBinaries();
        var url = LoopbackUrl();
        await using var hub = HostProcess.Start(null, new Dictionary<string, string?>(Embedded()) { ["ASPNETCORE_URLS"] = url });

        Assert.True(await ReadyAsync(url), hub.Output);
    }

    [Fact]
    public async Task Run_ExitsWithOneClearLine_WhenConnectionStringIsMalformed()
    {
        await using var hub = HostProcess.Start(LoopbackUrl(), new Dictionary<string, string?>
        {
            ["ConnectionStrings__Hub"] = "Server=127.0.0.1;Flavour=strawberry",
            ["Hub__AdminApiKey"] = "a-key-for-this-test-that-is-long-enough",
        });

        Assert.Equal(1, await hub.WaitForExitAsync(StartWithin));
        Assert.Contains("cannot start: ConnectionStrings:Hub is not a valid PostgreSQL connection string", hub.StartupFailureLine(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_RefusesABodyOverTheLimit_With413()
    {
        RequirePostgresBinaries();
        var url = LoopbackUrl();
        const string key = "a-key-for-the-size-limit-test-0123456789";
        await using var hub = HostProcess.Start(url, new Dictionary<string, string?>(Embedded())
        {
            ["Hub__MaxRequestBodyBytes"] = "2048",
            ["Hub__AdminApiKey"] = key,
        });
        Assert.True(await ReadyAsync(url), hub.Output);

        using var small = new HttpRequestMessage(HttpMethod.Post, $"{url}/hangfire/jobs/enqueued/delete") { Content = new StringContent(new string('a', 100)) };
        using var large = new HttpRequestMessage(HttpMethod.Post, $"{url}/hangfire/jobs/enqueued/delete") { Content = new StringContent(new string('a', 10_000)) };
        foreach (var request in new[] { small, large })
        {
            request.Headers.Add("X-Api-Key", key);
            request.Content!.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded");
        }
        using var smallResponse = await _http.SendAsync(small, TestContext.Current.CancellationToken);
        using var largeResponse = await _http.SendAsync(large, TestContext.Current.CancellationToken);

        Assert.NotEqual(HttpStatusCode.RequestEntityTooLarge, smallResponse.StatusCode);
        Assert.True(largeResponse.StatusCode == HttpStatusCode.RequestEntityTooLarge, $"{largeResponse.StatusCode}: {hub.Output}");
    }

    [Fact]
    public async Task Migrate_NeedsNoAdminKey_WithAConfiguredDatabase()
    {
        var connection = await server.CreateDatabaseAsync("migrate");
        await using var hub = HostProcess.Start(LoopbackUrl(), new Dictionary<string, string?> { ["ConnectionStrings__Hub"] = connection }, "--migrate", "--urls", LoopbackUrl());

        Assert.Equal(0, await hub.WaitForExitAsync(StartWithin));
        Assert.Contains($"Database ready at schema version {MigrationRunner.LatestVersion}", hub.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_AppliesMigrationsAndExits_WithEmbeddedDatabase()
    {
        RequirePostgresBinaries();
        await using var hub = HostProcess.Start(LoopbackUrl(), Embedded(), "--migrate");

        Assert.Equal(0, await hub.WaitForExitAsync(StartWithin));
        Assert.Contains($"Database ready at schema version {MigrationRunner.LatestVersion}", hub.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("listening on", hub.Output, StringComparison.Ordinal);
        Assert.Empty(ServersOn(_data));
    }

    public void Dispose()
    {
        _http.Dispose();
        if (Directory.Exists(_data)) Directory.Delete(_data, recursive: true);
    }

    private Dictionary<string, string?> Embedded() => new() { ["Database__EmbeddedPath"] = _data };

    private void RequirePostgresBinaries()
    {
        if (PostgresBinaries.Find() is null) Assert.Skip(server.Unavailable ?? PostgresBinaries.Remedies);
    }

    private static string LoopbackUrl() => $"http://127.0.0.1:{Http.FreePort()}";

    private Task<bool> ReadyAsync(string url) => Http.EventuallyAsync(async () =>
    {
        try
        {
            using var response = await _http.GetAsync($"{url}/health/ready", TestContext.Current.CancellationToken);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }, StartWithin);

    /// <summary>Live PostgreSQL processes whose command line names this data folder.</summary>
    private static List<int> ServersOn(string folder) =>
        Directory.EnumerateDirectories("/proc")
            .Select(path => int.TryParse(Path.GetFileName(path), out var pid) ? pid : 0)
            .Where(pid => pid > 0)
            .Where(pid =>
            {
                try
                {
                    return File.ReadAllText($"/proc/{pid}/cmdline").Contains(folder, StringComparison.Ordinal) && EmbeddedPostgres.IsServerOf(pid, Path.Combine(folder, "data"));
                }
                catch (IOException)
                {
                    return false;
                }
            })
            .ToList();
}
