using System.Text.Json;
using Dapper;
using Npgsql;

namespace IntegrationHub.Hosting;

/// <summary>
/// The latest rows of a background job's run table (<c>hub.store_poll_runs</c>, <c>hub.catalog_sync_runs</c>), newest
/// first, for the admin API: each table has the same columns but for the two counts that are its own.
/// </summary>
internal static class RecentRuns
{
    public const int Limit = 50;

    /// <summary>One run as read: <see cref="First"/> and <see cref="Second"/> are the table's own two counts, in the order they were named.</summary>
    public sealed record Run(long Id, string Kind, string Status, DateTime StartedAt, DateTime? FinishedAt, double? DurationMs, int Pages,
        int First, int Second, int Skipped, JsonElement Diagnostics, string? Error);

    /// <summary>
    /// The latest <see cref="Limit"/> runs of <paramref name="table"/> (of <paramref name="kind"/>, or all when null), with
    /// its two counts read from the columns <paramref name="counts"/> names. Table and columns are the hub's own constants, never input.
    /// </summary>
    public static async Task<IReadOnlyList<Run>> ListAsync(NpgsqlDataSource dataSource, string table, (string First, string Second) counts, string? kind,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long Id, string Kind, string Status, DateTime StartedAt, DateTime? FinishedAt, double? DurationMs, int Pages,
            int First, int Second, int Skipped, string Diagnostics, string? Error)>(new CommandDefinition($"""
            SELECT id, kind, status, started_at, finished_at, extract(epoch FROM finished_at - started_at)::float8 * 1000, pages, {counts.First}, {counts.Second},
                   skipped, diagnostics::text, error
            FROM {table} WHERE @Kind::text IS NULL OR kind = @Kind ORDER BY id DESC LIMIT {Limit}
            """, new { Kind = kind }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new Run(r.Id, r.Kind, r.Status, r.StartedAt, r.FinishedAt, r.DurationMs, r.Pages, r.First, r.Second, r.Skipped,
            JsonDocument.Parse(r.Diagnostics).RootElement.Clone(), r.Error))];
    }
}
