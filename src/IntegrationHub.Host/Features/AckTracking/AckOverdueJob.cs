using Dapper;
using Hangfire;
using Microsoft.Extensions.Options;
using Npgsql;

namespace IntegrationHub.Features.AckTracking;

/// <summary>
/// The recurring overdue check (<c>ack-overdue</c>): every set whose 997/999 is overdue is logged as a warning once
/// (its <c>alerted_at</c> is set in the same transaction) and stays listed in the admin API's alerts until it is
/// acknowledged. Two processes running it at once warn about each set once (the rows are locked, skipping those taken).
/// </summary>
[AutomaticRetry(Attempts = 0)]
internal sealed partial class AckOverdueJob(NpgsqlDataSource dataSource, IOptions<AckTrackingOptions> options, TimeProvider time,
    ILogger<AckOverdueJob> logger)
{
    private const int Batch = 500;

    /// <summary>One check; returns how many sets it warned about.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var overdue = await OverdueSets.FindAsync(connection, options.Value, time.GetUtcNow(), Batch, cancellationToken, transaction, unalertedOnly: true);
        foreach (var set in overdue)
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE hub.sent_set SET alerted_at = now() WHERE message_id = @MessageId AND group_control = @GroupControl AND set_control = @SetControl
                """, set, transaction, cancellationToken: cancellationToken));
        }
        await transaction.CommitAsync(cancellationToken);
        foreach (var set in overdue) LogOverdue(set.PartnerId, set.SetId, set.SetControl, set.MessageId, set.SentAt);
        return overdue.Count;
    }

    [LoggerMessage(1, LogLevel.Warning, "{PartnerId} has not acknowledged set {SetId} {SetControl} of outbound message {MessageId}, sent {SentAt:u}")]
    private partial void LogOverdue(string partnerId, string setId, string setControl, long messageId, DateTime sentAt);
}
