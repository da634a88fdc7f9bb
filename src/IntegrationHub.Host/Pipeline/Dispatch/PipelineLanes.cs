using Dapper;
using System.Collections.Concurrent;
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
        if (!await database.WaitUntilReadyAsync(stoppingToken)) return;
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

    // Rows whose handling threw a bug, per stage, set aside for this process's lifetime (see PipelineClaim).
    private readonly ConcurrentDictionary<long, byte> _translateAside = new(), _deliverAside = new(), _sendAside = new();

    /// <summary>One item of each stage, translation first; whether any stage found work.</summary>
    private async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var translated = await StageAsync("translate", _translateAside, ParkMessageSql, (claim, ct) => services.GetRequiredService<TranslateJob>().RunNextAsync(claim, ct), cancellationToken);
        var delivered = await StageAsync("deliver", _deliverAside, ParkOrderSql, (claim, ct) => services.GetRequiredService<DeliverOrderJob>().RunNextAsync(claim, ct), cancellationToken);
        var sent = await StageAsync("send", _sendAside, ParkMessageSql, (claim, ct) => services.GetRequiredService<SendOutboundJob>().RunNextAsync(claim, ct), cancellationToken);
        return translated || delivered || sent;
    }

    private const string ParkMessageSql = """
        UPDATE hub.message SET status = 'parked', last_error = @Error, updated_at = now() WHERE id = @Id AND status IN ('received', 'pending', 'retrying')
        """;
    private const string ParkOrderSql = """
        UPDATE hub.purchase_order SET status = 'parked', last_error = @Error, updated_at = now() WHERE id = @Id AND status IN ('pending', 'retrying')
        """;

    /// <summary>
    /// One claim on a stage. A bug on a claimed row parks that row with the error (an engineer replays it from the admin
    /// API once the cause is mended) and, should even that fail, sets it aside in this process, so that the lanes never take
    /// it first for ever and stall the rows behind it. Database problems and cancellation go to the lane's own handling.
    /// </summary>
    private async Task<bool> StageAsync(string stage, ConcurrentDictionary<long, byte> aside, string parkSql, Func<PipelineClaim, CancellationToken, Task<bool>> run,
        CancellationToken cancellationToken)
    {
        var claim = new PipelineClaim(aside.IsEmpty ? [] : [.. aside.Keys]); // almost always empty: no copy on the hot path
        try
        {
            return await run(claim, cancellationToken);
        }
        catch (Exception ex) when (claim.Id is { } id && ex is not OperationCanceledException and not ObjectDisposedException && !DatabaseLifecycle.IsDatabaseProblem(ex))
        {
            aside.TryAdd(id, 0);
            LogSetAside(ex, stage, id);
            try
            {
                await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
                await connection.ExecuteAsync(new CommandDefinition(parkSql,
                    new { Id = id, Error = $"The pipeline's {stage} stage failed: {ex.GetType().Name}: {ex.Message}" }, cancellationToken: cancellationToken));
            }
            catch (Exception parking) when (DatabaseLifecycle.IsDatabaseProblem(parking))
            {
                LogFailed(parking.Message); // set aside in this process all the same
            }
            return true;
        }
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

    [LoggerMessage(3, LogLevel.Error, "The pipeline's {Stage} stage failed on row {Id}; the row is parked with the error for an engineer to replay")]
    private partial void LogSetAside(Exception ex, string stage, long id);

    [LoggerMessage(2, LogLevel.Error, "A pipeline lane failed; it goes on after a pause")]
    private partial void LogBug(Exception ex);
}
