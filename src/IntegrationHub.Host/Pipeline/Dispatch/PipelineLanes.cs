using IntegrationHub.Persistence;
using IntegrationHub.Pipeline.Delivery;
using IntegrationHub.Pipeline.Outbox;
using IntegrationHub.Pipeline.Translate;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Pipeline.Dispatch;

/// <summary>
/// The pipeline's workers (Worker role): <see cref="PipelineOptions.Lanes"/> loops that each claim the next ready row of
/// any stage (a received message, a due order, a due outbound message) with <c>FOR UPDATE SKIP LOCKED</c>, work it in its
/// own transaction, and go on while there is work. Rows are the work items (ADR 0003); a lane sleeps when there is none
/// until the <see cref="PipelineSignal"/> wakes it (work made in this process, or a Hangfire wake-up from another) or
/// <see cref="PipelineOptions.IdlePollMilliseconds"/> pass, which is also how retries fall due. Any number of processes
/// may run lanes on one database: the row lock lets one worker at a time have a row.
/// </summary>
internal sealed partial class PipelineLanes(HubDatabase database, IServiceScopeFactory scopes, PipelineSignal signal, IOptions<PipelineOptions> options,
    ILogger<PipelineLanes> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await database.WhenReady.WaitAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        await Task.WhenAll(Enumerable.Range(0, options.Value.Lanes).Select(_ => Task.Run(() => LaneAsync(stoppingToken), CancellationToken.None)));
    }

    private async Task LaneAsync(CancellationToken stoppingToken)
    {
        var idle = TimeSpan.FromMilliseconds(options.Value.IdlePollMilliseconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            var woken = signal.Next;
            try
            {
                if (await RunOnceAsync(stoppingToken)) continue;
                await woken.WaitAsync(idle, stoppingToken);
            }
            catch (TimeoutException)
            {
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return; // the host is stopping and the database went first
            }
            catch (Exception ex) when (DatabaseLifecycle.IsDatabaseProblem(ex))
            {
                LogFailed(ex.Message);
                await Pause(idle, stoppingToken);
            }
            catch (Exception ex)
            {
                // A bug: the row it happened on stays where it was (its transaction rolled back) and is tried again.
                LogBug(ex);
                await Pause(idle, stoppingToken);
            }
        }
    }

    /// <summary>One item of each stage, translation first; whether any stage found work.</summary>
    private async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var translated = await services.GetRequiredService<TranslateJob>().RunNextAsync(cancellationToken);
        var delivered = await services.GetRequiredService<DeliverOrderJob>().RunNextAsync(cancellationToken);
        var sent = await services.GetRequiredService<SendOutboundJob>().RunNextAsync(cancellationToken);
        return translated || delivered || sent;
    }

    private static async Task Pause(TimeSpan idle, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(idle, stoppingToken);
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "A pipeline lane could not reach the database ({Reason}); it tries again shortly")]
    private partial void LogFailed(string reason);

    [LoggerMessage(2, LogLevel.Error, "A pipeline lane failed; it goes on after a pause")]
    private partial void LogBug(Exception ex);
}
