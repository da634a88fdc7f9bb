using Dapper;
using IntegrationHub.Persistence;
using Microsoft.Extensions.Options;
using Npgsql;

namespace IntegrationHub.Pipeline.Dispatch;

/// <summary>
/// Queues again whatever is due and has not moved for <see cref="PipelineOptions.StuckAfterSeconds"/>: a message
/// stored but never translated (the process died between commit and enqueue), an order or outbound message whose
/// retry was never woken. Runs in the Worker role of every process; a transaction-scoped advisory lock lets one sweep
/// at a time, and a job woken twice finds nothing to do the second time.
/// </summary>
internal sealed partial class Sweeper(HubDatabase database, PipelineJobs jobs, IOptions<PipelineOptions> options, ILogger<Sweeper> logger) : BackgroundService
{
    private const long LockKey = 0x1_4842_5357_50; // "IntegrationHub sweeper"

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await database.WhenReady.WaitAsync(stoppingToken);
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.SweepIntervalSeconds));
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await SweepAsync(stoppingToken);
                }
                catch (Exception ex) when (DatabaseLifecycle.IsDatabaseProblem(ex))
                {
                    LogFailed(ex.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (ObjectDisposedException)
        {
            // The host failed to start or is stopping, and the database went first: there is nothing left to do.
        }
    }

    /// <summary>One sweep; returns how many items were queued again.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await connection.ExecuteScalarAsync<bool>(new CommandDefinition($"SELECT pg_try_advisory_xact_lock({LockKey})", transaction: transaction,
                cancellationToken: cancellationToken))) return 0;
        var stuck = TimeSpan.FromSeconds(options.Value.StuckAfterSeconds);
        var received = (await connection.QueryAsync<long>(new CommandDefinition("""
            UPDATE hub.message SET updated_at = now()
            WHERE direction = 'in' AND status = 'received' AND updated_at < now() - @Stuck RETURNING id
            """, new { Stuck = stuck }, transaction, cancellationToken: cancellationToken))).ToList();
        var orders = (await connection.QueryAsync<long>(new CommandDefinition("""
            UPDATE hub.purchase_order SET updated_at = now()
            WHERE status IN ('pending', 'retrying') AND next_attempt_at <= now() AND updated_at < now() - @Stuck RETURNING id
            """, new { Stuck = stuck }, transaction, cancellationToken: cancellationToken))).ToList();
        var outbound = (await connection.QueryAsync<long>(new CommandDefinition("""
            UPDATE hub.message SET updated_at = now()
            WHERE direction = 'out' AND status IN ('pending', 'retrying') AND next_attempt_at <= now() AND updated_at < now() - @Stuck RETURNING id
            """, new { Stuck = stuck }, transaction, cancellationToken: cancellationToken))).ToList();
        await transaction.CommitAsync(cancellationToken);
        foreach (var id in received) jobs.Translate(id);
        foreach (var id in orders) jobs.Deliver(id);
        foreach (var id in outbound) jobs.Send(id);
        var total = received.Count + orders.Count + outbound.Count;
        if (total > 0) LogSwept(received.Count, orders.Count, outbound.Count);
        return total;
    }

    [LoggerMessage(1, LogLevel.Information, "Sweeper queued again {Messages} messages, {Orders} orders and {Outbound} outbound messages that had not moved")]
    private partial void LogSwept(int messages, int orders, int outbound);

    [LoggerMessage(2, LogLevel.Warning, "The sweep failed: {Reason}")]
    private partial void LogFailed(string reason);
}
