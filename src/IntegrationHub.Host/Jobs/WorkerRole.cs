using Hangfire;
using Hangfire.Common;
using IntegrationHub.Hosting;
using IntegrationHub.Persistence;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Jobs;

/// <summary>
/// The Worker role: a Hangfire server that starts once the database is ready (not before, so a database that is down at
/// start gives one clear log line instead of a storm of job-storage errors) and drains on shutdown.
/// </summary>
internal sealed partial class WorkerRole(
    HubDatabase database,
    IServiceProvider services,
    IOptions<HubOptions> options,
    ILogger<WorkerRole> logger) : IHostedService, IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task? _starting;
    private BackgroundJobServer? _server;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _starting = StartWhenReadyAsync(_stopping.Token);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_starting is not null) await _starting;
        if (_server is null) return;
        _server.SendStop();
        try
        {
            await _server.WaitForShutdownAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            LogAbandoned(); // the host's shutdown timeout passed; Hangfire requeues what did not finish
        }
    }

    public ValueTask DisposeAsync()
    {
        _server?.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task StartWhenReadyAsync(CancellationToken stopping)
    {
        try
        {
            await database.WhenReady.WaitAsync(stopping);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        _ = services.GetRequiredService<IGlobalConfiguration>(); // applies AddHangfire's serializer settings
        _server = new BackgroundJobServer(
            new BackgroundJobServerOptions
            {
                WorkerCount = options.Value.WorkerCount,
                ServerName = $"{Environment.MachineName}:{Environment.ProcessId}",
                // This host's container, not Hangfire's static defaults: jobs get their dependencies from it.
                // Built here rather than taken from DI: AddHangfire's JobActivator is Hangfire's static one, which the
                // last host in a process to configure Hangfire owns (in the tests, possibly one already disposed).
                Activator = new Hangfire.AspNetCore.AspNetCoreJobActivator(services.GetRequiredService<IServiceScopeFactory>()),
                FilterProvider = services.GetRequiredService<IJobFilterProvider>(),
            },
            services.GetRequiredService<JobStorage>());
        LogStarted(options.Value.WorkerCount);
    }

    [LoggerMessage(1, LogLevel.Information, "Worker role started with {WorkerCount} Hangfire workers")]
    private partial void LogStarted(int workerCount);

    [LoggerMessage(2, LogLevel.Warning, "Jobs still running at shutdown were abandoned; Hangfire runs them again after its invisibility timeout")]
    private partial void LogAbandoned();
}
