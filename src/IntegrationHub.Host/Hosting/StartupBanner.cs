using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace IntegrationHub.Hosting;

/// <summary>
/// Tells the operator where the hub listens once it does. A generated admin key is written to the console only, never to
/// the log pipeline, so it does not end up in log files or log shipping.
/// </summary>
internal sealed partial class StartupBanner(
    IServer server,
    IHostApplicationLifetime lifetime,
    ILogger<StartupBanner> logger,
    GeneratedAdminKey generated) : IHostedService
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
        foreach (var address in addresses)
            LogListening(address, $"{address}/health/ready", $"{address}/api-reference", $"{address}/hangfire");
        if (generated.Plain is not null)
        {
            Console.WriteLine($"Admin API key for this run (X-Api-Key header, or the password at the dashboard prompt): {generated.Plain}");
            Console.WriteLine("Set Hub__AdminApiKey to keep one key across runs.");
        }
    }

    [LoggerMessage(1, LogLevel.Information, "IntegrationHub listening on {Address} — health {Health}, API reference {Reference}, jobs dashboard {Dashboard}")]
    private partial void LogListening(string address, string health, string reference, string dashboard);
}

/// <summary>The admin key generated for this run, if one was: kept only to show it once at start.</summary>
internal sealed record GeneratedAdminKey(string? Plain);
