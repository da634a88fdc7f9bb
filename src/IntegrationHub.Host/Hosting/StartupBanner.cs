using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace IntegrationHub.Hosting;

/// <summary>
/// Tells the operator where the hub listens once it does. A generated admin key (embedded database only: a local run) is
/// written to standard output directly, not through the logging pipeline, so no configured log sink receives it; where
/// standard output itself is collected, it is in that collection, which is why production configures its own key.
/// </summary>
internal sealed partial class StartupBanner(
    IServer server,
    IHostApplicationLifetime lifetime,
    ILogger<StartupBanner> logger,
    GeneratedAdminKey generated,
    Microsoft.Extensions.Options.IOptions<HubOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(Show);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Show()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var web = options.Value.Roles.HasFlag(HubRoles.Web);
        foreach (var address in addresses)
        {
            if (web) LogListening(address, $"{address}/health/ready", $"{address}/api-reference", $"{address}/hangfire");
            else LogListeningWorker(address, $"{address}/health/ready");
        }
        if (generated.Plain is not null)
        {
            Console.WriteLine($"Admin API key for this run (X-Api-Key header, or the password at the dashboard prompt): {generated.Plain}");
            Console.WriteLine("Set Hub__AdminApiKey to keep one key across runs.");
        }
    }

    [LoggerMessage(1, LogLevel.Information, "IntegrationHub listening on {Address} — health {Health}, API reference {Reference}, jobs dashboard {Dashboard}")]
    private partial void LogListening(string address, string health, string reference, string dashboard);

    [LoggerMessage(2, LogLevel.Information, "IntegrationHub worker listening on {Address} for health checks only — {Health}")]
    private partial void LogListeningWorker(string address, string health);
}

/// <summary>The admin key generated for this run, if one was: kept only to show it once at start.</summary>
internal sealed record GeneratedAdminKey(string? Plain);
