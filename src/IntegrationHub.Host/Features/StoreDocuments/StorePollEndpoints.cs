using System.Text.Json;
using Hangfire;
using IntegrationHub.Hosting;
using IntegrationHub.Stores;
using Microsoft.Extensions.Options;
using Npgsql;

namespace IntegrationHub.Features.StoreDocuments;

/// <summary>The admin API over the store polls (behind the admin key): the recent runs with their counts, and a poll on demand.</summary>
internal static class StorePollEndpoints
{
    public sealed record PollRun(long Id, string Kind, string Status, DateTime StartedAt, DateTime? FinishedAt, double? DurationMs, int Pages,
        int Received, int Duplicates, int Skipped, JsonElement Diagnostics, string? Error);

    public sealed record PollQueued(string JobId);

    public static void MapStorePolls(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapAdminApi("/store-polls");
        admin.MapGet("/{kind}/runs", RunsAsync).WithName("StorePollRuns")
            .WithSummary("The latest polls of the shipment or invoice store, newest first: pages, records received, duplicates and skipped (with why), duration and error.");
        admin.MapPost("/{kind}/run", Poll).WithName("StorePollNow")
            .WithSummary("Queues a poll of the shipment or invoice store now; 409 when that store has no BaseUrl.");
    }

    private static string? Kind(string kind) => kind switch
    {
        "shipments" or StoreDocumentIntake.Shipments => StoreDocumentIntake.Shipments,
        "invoices" or StoreDocumentIntake.Invoices => StoreDocumentIntake.Invoices,
        _ => null,
    };

    private static IResult Unknown(string kind) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No store '{kind}': the hub polls shipments and invoices.");

    private static async Task<IResult> RunsAsync(NpgsqlDataSource dataSource, string kind, CancellationToken cancellationToken)
    {
        if (Kind(kind) is not { } known) return Unknown(kind);
        var runs = await RecentRuns.ListAsync(dataSource, "hub.store_poll_runs", ("received", "duplicates"), known, cancellationToken);
        return Results.Ok(runs.Select(r => new PollRun(r.Id, r.Kind, r.Status, r.StartedAt, r.FinishedAt, r.DurationMs, r.Pages, r.First, r.Second,
            r.Skipped, r.Diagnostics, r.Error)).ToList());
    }

    private static IResult Poll(IBackgroundJobClient jobs, IOptions<ShipmentStoreOptions> shipments, IOptions<InvoiceStoreOptions> invoices, string kind)
    {
        if (Kind(kind) is not { } known) return Unknown(kind);
        var (section, baseUrl) = known == StoreDocumentIntake.Shipments
            ? (ShipmentStoreOptions.Section, shipments.Value.BaseUrl) : (InvoiceStoreOptions.Section, invoices.Value.BaseUrl);
        if (baseUrl is null) return Results.Problem($"{section}:BaseUrl is not configured: that store cannot be polled.", statusCode: StatusCodes.Status409Conflict);
        var id = jobs.Enqueue<StorePollJob>(job => job.PollAsync(known, CancellationToken.None));
        return Results.Accepted(value: new PollQueued(id));
    }
}
