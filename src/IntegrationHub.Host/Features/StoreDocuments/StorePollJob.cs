using System.Diagnostics;
using System.Text.Json;
using Dapper;
using IntegrationHub.Jobs;
using IntegrationHub.Stores;
using Microsoft.Extensions.Options;
using Npgsql;

namespace IntegrationHub.Features.StoreDocuments;

/// <summary>How a poll ended: the run it recorded, or null when another process was polling the same store.</summary>
internal sealed record StorePollOutcome(long? RunId, string Status);

/// <summary>
/// Polls the shipment or invoice store for its records since the stored cursor and feeds each into the same intake as a
/// push (<see cref="StoreDocumentIntake"/>): stored once under the store's id, a duplicate ignored, a record that breaks
/// the contract (not a canonical document, an unknown order, a known id with another document) skipped with a
/// diagnostic. A page and its cursor commit in one transaction, so a failure or a crash mid-poll repeats only what the
/// intake already ignores as duplicates. One poll per store at a time across processes (a session advisory lock); a store
/// that cannot be reached ends the run as failed and the next scheduled run resumes at the cursor.
/// </summary>
internal sealed partial class StorePollJob(NpgsqlDataSource dataSource, ShipmentStoreClient shipmentStore, InvoiceStoreClient invoiceStore,
    IOptions<ShipmentStoreOptions> shipmentOptions, IOptions<InvoiceStoreOptions> invoiceOptions, StoreDocumentIntake intake, TimeProvider time,
    ILogger<StorePollJob> logger)
{
    /// <summary>The advisory lock of the shipment store's poll: "shippoll" in ASCII.</summary>
    public const long ShipmentLockKey = 0x73686970706f6c6c;

    /// <summary>The advisory lock of the invoice store's poll: "invopoll" in ASCII.</summary>
    public const long InvoiceLockKey = 0x696e766f706f6c6c;

    private const string Savepoint = "store_record";

    /// <summary>Polls one store now, as its recurring job does: <paramref name="kind"/> is <c>shipment</c> or <c>invoice</c>.</summary>
    public async Task<StorePollOutcome> PollAsync(string kind, CancellationToken cancellationToken)
    {
        var (store, pageSize, lockKey) = kind switch
        {
            StoreDocumentIntake.Shipments => ((DocumentStoreClient)shipmentStore, shipmentOptions.Value.Poll.PageSize, ShipmentLockKey),
            StoreDocumentIntake.Invoices => (invoiceStore, invoiceOptions.Value.Poll.PageSize, InvoiceLockKey),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "The hub polls a shipment store or an invoice store."),
        };
        var (ran, outcome) = await ExclusiveRun.TryAsync(dataSource, lockKey, () => PollStoreAsync(kind, store, Math.Max(1, pageSize), cancellationToken),
            cancellationToken);
        if (ran) return outcome!;
        LogBusy(kind);
        return new StorePollOutcome(null, "busy");
    }

    private sealed class Counts
    {
        public int Pages;
        public int Received;
        public int Duplicates;
        public List<SyncDiagnostic> Skipped { get; } = [];
    }

    private async Task<StorePollOutcome> PollStoreAsync(string kind, DocumentStoreClient store, int pageSize, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var runId = await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO hub.store_poll_runs (kind, status, started_at) VALUES (@Kind, 'running', @Now) RETURNING id
            """, new { Kind = kind, Now = time.GetUtcNow() }, cancellationToken: cancellationToken));
        var cursor = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT cursor FROM hub.store_poll_state WHERE kind = @Kind", new { Kind = kind }, cancellationToken: cancellationToken));
        var counts = new Counts();
        string? error = null;
        while (true)
        {
            var result = await store.RecordsAsync(cursor, pageSize, cancellationToken);
            if (result.Page is not { } page)
            {
                error = result.Failure;
                break;
            }
            List<StoreDocumentIntake.Outcome> queued;
            try
            {
                queued = await WritePageAsync(connection, kind, page, cursor, counts, cancellationToken);
            }
            catch (PostgresException ex)
            {
                // The page rolls back whole and the cursor stays before it; the next run asks for it again.
                error = $"Page {counts.Pages + 1} could not be written: {ex.MessageText}";
                break;
            }
            foreach (var outcome in queued) intake.Wake(outcome);
            if (!page.HasMore || page.NextCursor is null) break;
            if (page.NextCursor == cursor)
            {
                error = $"The store said it has more after cursor {cursor} but named the same cursor again; the poll stops here.";
                break;
            }
            cursor = page.NextCursor;
        }
        var status = error is null ? "succeeded" : "failed";
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE hub.store_poll_runs SET status = @Status, finished_at = started_at + @Duration, pages = @Pages, received = @Received,
                duplicates = @Duplicates, skipped = @Skipped, diagnostics = @Diagnostics::jsonb, error = @Error
            WHERE id = @RunId
            """, new
        {
            RunId = runId, Status = status, Duration = clock.Elapsed, counts.Pages, counts.Received, counts.Duplicates, Skipped = counts.Skipped.Count,
            Diagnostics = JsonSerializer.Serialize(counts.Skipped, SyncJson.Default.ListSyncDiagnostic), Error = error,
        }, cancellationToken: cancellationToken));
        if (error is null) LogPolled(kind, runId, counts.Pages, counts.Received, counts.Duplicates, counts.Skipped.Count, clock.ElapsedMilliseconds);
        else LogFailed(kind, runId, counts.Pages, error);
        return new StorePollOutcome(runId, status);
    }

    // One transaction: every record of the page (each behind a savepoint, so one that fails leaves the others) and the cursor after it.
    private async Task<List<StoreDocumentIntake.Outcome>> WritePageAsync(NpgsqlConnection connection, string kind, DocumentStorePage page, string? cursor,
        Counts counts, CancellationToken cancellationToken)
    {
        var queued = new List<StoreDocumentIntake.Outcome>();
        var skipped = new List<SyncDiagnostic>();
        int received = 0, duplicates = 0;
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var record in page.Records ?? [])
        {
            var key = StoreId(kind, record);
            await transaction.SaveAsync(Savepoint, cancellationToken);
            StoreDocumentIntake.Outcome outcome;
            try
            {
                outcome = await intake.ReceiveAsync(transaction, kind, record.GetRawText(), null, cancellationToken);
            }
            catch (Exception ex) when (ex is JsonException or PostgresException)
            {
                await transaction.RollbackAsync(Savepoint, cancellationToken);
                skipped.Add(new SyncDiagnostic(kind, key, ex is JsonException ? $"Not a canonical {kind}: {ex.Message}"
                    : $"Could not be stored: {((PostgresException)ex).MessageText}"));
                continue;
            }
            await transaction.ReleaseAsync(Savepoint, cancellationToken);
            if (outcome.Unmatched is { } unmatched) skipped.Add(new SyncDiagnostic(kind, key, unmatched));
            else if (outcome.Conflict)
                skipped.Add(new SyncDiagnostic(kind, key, $"Received before (store document {outcome.Id}) with another document; a correction needs an id of its own."));
            else if (outcome.Duplicate) duplicates++;
            else
            {
                received++;
                queued.Add(outcome);
            }
        }
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO hub.store_poll_state (kind, cursor, updated_at) VALUES (@Kind, @Cursor, @Now)
            ON CONFLICT (kind) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at
            """, new { Kind = kind, Cursor = page.NextCursor ?? cursor, Now = time.GetUtcNow() }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        counts.Pages++;
        counts.Received += received;
        counts.Duplicates += duplicates;
        counts.Skipped.AddRange(skipped);
        foreach (var diagnostic in skipped) LogSkipped(kind, diagnostic.Key, diagnostic.Reason);
        return queued;
    }

    private static string? StoreId(string kind, JsonElement record) =>
        record.ValueKind == JsonValueKind.Object && record.TryGetProperty(kind == StoreDocumentIntake.Shipments ? "shipmentId" : "invoiceNumber", out var id)
            && id.ValueKind == JsonValueKind.String ? id.GetString() : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Poll of the {Kind} store skipped: another process is polling it")]
    private partial void LogBusy(string kind);

    [LoggerMessage(Level = LogLevel.Information, Message = "Poll {RunId} of the {Kind} store: {Pages} pages, {Received} received, {Duplicates} duplicates, {Skipped} skipped in {ElapsedMs} ms")]
    private partial void LogPolled(string kind, long runId, int pages, int received, int duplicates, int skipped, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Poll {RunId} of the {Kind} store stopped after {Pages} committed pages: {Error}")]
    private partial void LogFailed(string kind, long runId, int pages, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Kind} store's record {StoreId} was skipped: {Reason}")]
    private partial void LogSkipped(string kind, string? storeId, string reason);
}
