using System.Text.Json;
using Hangfire;
using IntegrationHub.Hosting;
using IntegrationHub.Stores;
using Microsoft.Extensions.Options;
using Npgsql;

namespace IntegrationHub.Features.CatalogSync;

/// <summary>The admin API over catalog sync (behind the admin key): the recent runs with their counts, and a full resync on demand.</summary>
internal static class CatalogSyncEndpoints
{
    public sealed record SyncRun(long Id, string Kind, string Status, DateTime StartedAt, DateTime? FinishedAt, double? DurationMs, int Pages,
        int Upserted, int Deleted, int Skipped, JsonElement Diagnostics, string? Error);

    public sealed record ResyncQueued(string JobId);

    public static void MapCatalogSyncEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapAdminApi("/catalog-sync");
        admin.MapGet("/runs", RunsAsync).WithName("CatalogSyncRuns")
            .WithSummary("The latest catalog sync runs, newest first: pages, records upserted, deleted and skipped (with why), duration and error.");
        admin.MapPost("/resync", Resync).WithName("CatalogResync")
            .WithSummary("Queues a full resync from the beginning of the catalog store's history; 409 when no catalog store is configured.");
    }

    private static async Task<IResult> RunsAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var runs = await RecentRuns.ListAsync(dataSource, "hub.catalog_sync_runs", ("upserted", "deleted"), null, cancellationToken);
        return Results.Ok(runs.Select(r => new SyncRun(r.Id, r.Kind, r.Status, r.StartedAt, r.FinishedAt, r.DurationMs, r.Pages, r.First, r.Second,
            r.Skipped, r.Diagnostics, r.Error)).ToList());
    }

    private static IResult Resync(IBackgroundJobClient jobs, IOptions<CatalogStoreOptions> options)
    {
        if (options.Value.BaseUrl is null)
            return Results.Problem("Stores:Catalog:BaseUrl is not configured: catalog sync is off.", statusCode: StatusCodes.Status409Conflict);
        var id = jobs.Enqueue<CatalogSyncJob>(job => job.FullAsync(CancellationToken.None));
        return Results.Accepted(value: new ResyncQueued(id));
    }
}
