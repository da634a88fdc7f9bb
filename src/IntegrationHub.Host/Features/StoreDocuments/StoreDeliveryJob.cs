using System.Text.Json;
using Dapper;
using Hangfire;
using IntegrationHub.Pipeline;
using IntegrationHub.Stores;
using Microsoft.Extensions.Options;
using Npgsql;

namespace IntegrationHub.Features.StoreDocuments;

/// <summary>
/// Hands a vendor's shipment or invoice to the supplier's shipment or invoice store (<c>POST shipments</c>,
/// <c>POST invoices</c>) with an idempotency key that is the same on every try. The document's row is locked for the
/// call, so two workers never deliver it at once. A transient failure is retried with the pipeline's back-off until
/// <see cref="PipelineOptions.MaxAttempts"/>, a permanent one parks the document; every attempt is recorded against the
/// vendor's inbound message. Woken after translation and on retry; the recurring <c>store-delivery</c> job picks up what
/// a lost wake-up left.
/// </summary>
[AutomaticRetry(Attempts = 5)]
internal sealed partial class StoreDeliveryJob(NpgsqlDataSource dataSource, ShipmentStoreClient shipments, InvoiceStoreClient invoices,
    IOptions<PipelineOptions> options, IBackgroundJobClient jobs, ILogger<StoreDeliveryJob> logger)
{
    public const string RecurringJobId = "store-delivery";

    private sealed record Row(long Id, string Kind, string StoreId, string? VendorId, long? MessageId, string PartnerId, string OrderNumber, string Canonical,
        int Attempts);

    /// <summary>The key the store sees on every try of one document, replays included.</summary>
    public static string IdempotencyKey(long storeDocumentId) => $"store-document/{storeDocumentId}";

    /// <summary>Delivers every document that is due; the recurring job's entry.</summary>
    public async Task RunDueAsync(CancellationToken cancellationToken)
    {
        while (await RunAsync(null, cancellationToken))
        {
        }
    }

    /// <summary>Delivers one document if it is still due; false when it is delivered, parked, not due or held by another worker.</summary>
    public Task<bool> RunAsync(long storeDocumentId, CancellationToken cancellationToken) => RunAsync((long?)storeDocumentId, cancellationToken);

    private async Task<bool> RunAsync(long? wanted, CancellationToken cancellationToken)
    {
        TimeSpan? retryAfter = null;
        long id;
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition("""
                SELECT d.id, d.kind, d.store_id AS StoreId, d.vendor_id AS VendorId, d.message_id AS MessageId, o.partner_id AS PartnerId,
                       o.order_number AS OrderNumber, d.canonical::text AS Canonical, d.store_attempts AS Attempts
                FROM hub.store_document d JOIN hub.purchase_order o ON o.id = d.purchase_order_id
                WHERE (CAST(@Id AS bigint) IS NULL OR d.id = @Id) AND d.store_delivery IN ('pending', 'retrying')
                  AND d.store_next_attempt_at <= now() + CASE WHEN CAST(@Id AS bigint) IS NULL THEN interval '0' ELSE interval '2 seconds' END
                ORDER BY d.store_next_attempt_at, d.id LIMIT 1
                FOR UPDATE OF d SKIP LOCKED
                """, new { Id = wanted }, transaction, cancellationToken: cancellationToken));
            if (row is null) return false;
            id = row.Id;
            DocumentStoreClient store = row.Kind == StoreDocumentIntake.Shipments ? shipments : invoices;
            using var document = JsonDocument.Parse(row.Canonical);
            var result = await store.SendAsync(new StoreDocumentRequest(row.Id, row.VendorId ?? "", row.PartnerId, row.OrderNumber, document.RootElement),
                IdempotencyKey(row.Id), cancellationToken);
            var attempts = row.Attempts + 1;
            var (status, error) = result.Outcome switch
            {
                StoreDeliveryOutcome.Delivered => ("delivered", (string?)null),
                StoreDeliveryOutcome.Transient when attempts < options.Value.MaxAttempts => ("retrying", result.Detail),
                StoreDeliveryOutcome.Transient => ("parked", $"Gave up after {attempts} attempts: {result.Detail}"),
                _ => ("parked", result.Detail),
            };
            if (status == "retrying") retryAfter = options.Value.RetryDelay(attempts);
            if (row.MessageId is { } messageId)
                await connection.ExecuteAsync(new CommandDefinition("""
                    INSERT INTO hub.attempt (message_id, target, outcome, http_status, detail) VALUES (@MessageId, @Target, @Outcome, @HttpStatus, @Detail)
                    """, new
                {
                    MessageId = messageId, Target = row.Kind + "-store",
                    Outcome = result.Outcome switch { StoreDeliveryOutcome.Delivered => "succeeded", StoreDeliveryOutcome.Transient => "transient", _ => "permanent" },
                    result.HttpStatus, Detail = $"{row.Kind} {row.StoreId}: {result.Detail}",
                }, transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE hub.store_document SET store_delivery = @Status, store_attempts = @Attempts, store_last_error = @Error,
                       store_next_attempt_at = now() + @After
                WHERE id = @Id
                """, new { row.Id, Status = status, Attempts = attempts, Error = error, After = retryAfter ?? TimeSpan.Zero }, transaction,
                cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            if (status == "parked") LogParked(row.Kind, row.StoreId, error!);
            else if (retryAfter is { } delay) LogRetrying(row.Kind, row.StoreId, attempts, delay, error!);
        }
        if (retryAfter is { } after) jobs.Schedule<StoreDeliveryJob>(job => job.RunAsync(id, CancellationToken.None), after);
        return true;
    }

    [LoggerMessage(1, LogLevel.Warning, "The {Kind} {StoreId} was not delivered to its store (attempt {Attempts}); next attempt in {Delay}: {Reason}")]
    private partial void LogRetrying(string kind, string storeId, int attempts, TimeSpan delay, string reason);

    [LoggerMessage(2, LogLevel.Error, "The {Kind} {StoreId} is parked: its store did not take it: {Reason}")]
    private partial void LogParked(string kind, string storeId, string reason);
}
