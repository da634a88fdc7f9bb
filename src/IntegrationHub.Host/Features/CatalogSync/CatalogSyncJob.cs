using System.Diagnostics;
using System.Text.Json;
using Dapper;
using IntegrationHub.Jobs;
using IntegrationHub.Stores;
using Microsoft.Extensions.Options;
using Npgsql;

namespace IntegrationHub.Features.CatalogSync;

/// <summary>How a sync call ended: the run it recorded, or null when another process held the sync lock.</summary>
internal sealed record CatalogSyncOutcome(long? RunId, string Status);

/// <summary>
/// Pulls the catalog store's pages since the stored cursor and writes each into the catalog tables in one transaction
/// that also advances the cursor, so a crash or a store failure mid-sync loses nothing and repeats only idempotent
/// upserts. One sync at a time across processes: a PostgreSQL session advisory lock.
/// </summary>
internal sealed partial class CatalogSyncJob(NpgsqlDataSource dataSource, CatalogStoreClient store, IOptions<CatalogStoreOptions> options,
    TimeProvider time, ILogger<CatalogSyncJob> logger)
{
    /// <summary>The advisory lock's key: "catalogs" in ASCII.</summary>
    public const long LockKey = 0x636174616c6f6773;

    /// <summary>The incremental sync Hangfire runs on its schedule.</summary>
    public Task<CatalogSyncOutcome> IncrementalAsync(CancellationToken cancellationToken) => RunAsync(full: false, cancellationToken);

    /// <summary>A full resync: from the beginning of the store's history, whatever the cursor says.</summary>
    public Task<CatalogSyncOutcome> FullAsync(CancellationToken cancellationToken) => RunAsync(full: true, cancellationToken);

    private async Task<CatalogSyncOutcome> RunAsync(bool full, CancellationToken cancellationToken)
    {
        var (ran, outcome) = await ExclusiveRun.TryAsync(dataSource, LockKey, () => SyncAsync(full, cancellationToken), cancellationToken);
        if (ran) return outcome!;
        LogBusy();
        return new CatalogSyncOutcome(null, "busy");
    }

    private async Task<CatalogSyncOutcome> SyncAsync(bool full, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var runId = await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO hub.catalog_sync_runs (kind, status, started_at) VALUES (@Kind, 'running', @Now) RETURNING id
            """, new { Kind = full ? "full" : "incremental", Now = time.GetUtcNow() }, cancellationToken: cancellationToken));
        var cursor = full ? null : await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT cursor FROM hub.catalog_sync_state WHERE id = 1", cancellationToken: cancellationToken));
        int pages = 0, upserted = 0, deleted = 0;
        var skipped = new List<SyncDiagnostic>();
        string? error = null;
        // The next page is fetched (and parsed) while this one is written; it is only ever written after this one's commit.
        using var fetching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task<CatalogStoreResult>? next = store.ChangesAsync(cursor, options.Value.PageSize, fetching.Token);
        try
        {
            while (next is not null)
            {
                var result = await next;
                next = null;
                if (result is CatalogStoreResult.Failed failed)
                {
                    error = failed.Reason;
                    break;
                }
                var page = ((CatalogStoreResult.Page)result).Changes;
                if (page.HasMore && page.NextCursor is not null) next = store.ChangesAsync(page.NextCursor, options.Value.PageSize, fetching.Token);
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                PageCounts counts;
                try
                {
                    counts = await CatalogPageWriter.WriteAsync(connection, transaction, page, cancellationToken);
                }
                catch (PostgresException ex)
                {
                    // The page rolls back whole and the cursor stays before it; the next run tries it again.
                    error = $"Page {pages + 1} could not be written: {ex.MessageText}";
                    break;
                }
                await connection.ExecuteAsync(new CommandDefinition("""
                    INSERT INTO hub.catalog_sync_state (id, cursor, updated_at) VALUES (1, @Cursor, @Now)
                    ON CONFLICT (id) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at
                    """, new { Cursor = page.NextCursor ?? cursor, Now = time.GetUtcNow() }, transaction, cancellationToken: cancellationToken));
                await transaction.CommitAsync(cancellationToken);
                pages++;
                upserted += counts.Upserted;
                deleted += counts.Deleted;
                skipped.AddRange(counts.Skipped);
                cursor = page.NextCursor ?? cursor;
            }
        }
        finally
        {
            // A page fetched ahead of a failed write is dropped unread.
            if (next is not null)
            {
                await fetching.CancelAsync();
                try { await next; }
                catch (OperationCanceledException) { }
            }
        }
        var status = error is null ? "succeeded" : "failed";
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE hub.catalog_sync_runs SET status = @Status, finished_at = started_at + @Duration, pages = @Pages, upserted = @Upserted,
                deleted = @Deleted, skipped = @Skipped, diagnostics = @Diagnostics::jsonb, error = @Error
            WHERE id = @RunId
            """, new
        {
            RunId = runId, Status = status, Duration = clock.Elapsed, Pages = pages, Upserted = upserted, Deleted = deleted, Skipped = skipped.Count,
            Diagnostics = JsonSerializer.Serialize(skipped, SyncJson.Default.ListSyncDiagnostic), Error = error,
        }, cancellationToken: cancellationToken));
        if (error is null) LogSynced(runId, pages, upserted, deleted, skipped.Count, clock.ElapsedMilliseconds);
        else LogFailed(runId, pages, error);
        return new CatalogSyncOutcome(runId, status);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Catalog sync skipped: another process is syncing")]
    private partial void LogBusy();

    [LoggerMessage(Level = LogLevel.Information, Message = "Catalog sync {RunId}: {Pages} pages, {Upserted} upserted, {Deleted} deleted, {Skipped} skipped in {ElapsedMs} ms")]
    private partial void LogSynced(long runId, int pages, int upserted, int deleted, int skipped, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Catalog sync {RunId} stopped after {Pages} committed pages: {Error}")]
    private partial void LogFailed(long runId, int pages, string error);
}
