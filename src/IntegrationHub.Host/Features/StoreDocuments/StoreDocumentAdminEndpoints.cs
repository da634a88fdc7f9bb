using System.Text.Json;
using Dapper;
using Hangfire;
using IntegrationHub.Hosting;
using Npgsql;

namespace IntegrationHub.Features.StoreDocuments;

/// <summary>
/// The admin API over pushed shipments and invoices (behind the admin key): one by its store id, with its order checks and
/// map diagnostics; composing again a document its outbound map could not write (<c>/compose</c>); and the replay of a
/// vendor document's parked delivery to the supplier's store (<c>/replay</c>). The two are apart because a vendor's
/// document can be parked both ways at once, and each call says which of its ways it retries.
/// </summary>
internal static class StoreDocumentAdminEndpoints
{
    /// <summary>One document; <c>StoreDelivery</c> (with its attempts and last error): a vendor's document on its way to the supplier's store, null for the store's own.</summary>
    public sealed record StoreDocumentView(long Id, string Kind, string StoreId, long PurchaseOrderId, string OrderNumber, string Status, long? OutboundId,
        string? OutboundStatus, JsonElement? Diagnostics, JsonElement Canonical, DateTime ReceivedAt, string? VendorId, long? MessageId,
        string? StoreDelivery, int StoreAttempts, string? StoreLastError);

    private sealed record Row(long Id, string Kind, string StoreId, long PurchaseOrderId, string OrderNumber, string Status, long? OutboundId,
        string? OutboundStatus, string? Diagnostics, string Canonical, DateTime ReceivedAt, string? VendorId, long? MessageId, string? StoreDelivery,
        int StoreAttempts, string? StoreLastError);

    /// <summary>What a replay did: the document is due again at its store, under the same idempotency key.</summary>
    public sealed record ReplayedDelivery(long Id, string Kind, string StoreId, string StoreDelivery, string IdempotencyKey);

    /// <summary>What a compose did: <c>composed</c> (queued, <c>OutboundId</c>), <c>kept</c> (the buyer's partner file no longer asks for it) or <c>still-not-written</c> (parked, the new <c>Diagnostics</c>).</summary>
    public sealed record ComposedDocument(long Id, string Kind, string StoreId, string Outcome, string Status, long? OutboundId, JsonElement? Diagnostics);

    private const string ReplaySuffix = "/replay", ComposeSuffix = "/compose";

    public static void MapStoreDocumentAdmin(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapAdminApi();
        admin.MapGet("/store-documents/{kind}/{**storeId}", GetAsync).WithName("GetStoreDocument")
            .WithSummary("A pushed, polled or vendor shipment or invoice (a vendor's id is vendor/id): its order, status (queued or parked), order checks, map diagnostics and outbound message.");
        // A store id may hold slashes (vendor/id) and a catch-all must end the route, so the catch-all takes the id and the action after it.
        admin.MapPost("/store-documents/{kind}/{**storeIdThenAction}", ActAsync).WithName("StoreDocumentAction")
            .WithSummary("POST .../{kind}/{storeId}/compose: a document its outbound map could not write (status parked) is composed again with the current mappings and queued (202), "
                + "or stays parked with the new diagnostics (422). POST .../{kind}/{storeId}/replay: a vendor's shipment or invoice whose delivery to the supplier's store "
                + "is parked is due again (retrying, same idempotency key).");
    }

    private static Task<IResult> ActAsync(NpgsqlDataSource dataSource, IBackgroundJobClient jobs, StoreDocumentIntake intake, string kind, string storeIdThenAction,
        CancellationToken cancellationToken)
    {
        if (StoreId(storeIdThenAction, ReplaySuffix) is { } replayed) return ReplayAsync(dataSource, jobs, kind, replayed, cancellationToken);
        if (StoreId(storeIdThenAction, ComposeSuffix) is { } composed) return ComposeAsync(intake, kind, composed, cancellationToken);
        return Task.FromResult(Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found",
            detail: "POST /api/admin/store-documents/{kind}/{storeId}/compose or .../replay."));
    }

    private static string? StoreId(string storeIdThenAction, string suffix) =>
        storeIdThenAction.Length > suffix.Length && storeIdThenAction.EndsWith(suffix, StringComparison.Ordinal) ? storeIdThenAction[..^suffix.Length] : null;

    private static async Task<IResult> ComposeAsync(StoreDocumentIntake intake, string kind, string storeId, CancellationToken cancellationToken)
    {
        if (kind is not (StoreDocumentIntake.Shipments or StoreDocumentIntake.Invoices or StoreDocumentIntake.Acknowledgments))
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No {kind} {storeId} was received.");
        switch (await intake.ComposeAgainAsync(kind, storeId, cancellationToken))
        {
            case null:
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No {kind} {storeId} was received.");
            case { Outcome: null } found:
                return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Nothing to compose",
                    detail: $"The {kind} {storeId} is {found.PreviousStatus}, not parked: it was written already (a parked outbound message is replayed by its id, messages/{{outboundId}}/replay).");
            case { Outcome: { } outcome }:
                var view = new ComposedDocument(outcome.Id, kind, storeId, outcome.Status switch { "queued" => "composed", "kept" => "kept", _ => "still-not-written" },
                    outcome.Status, outcome.OutboundId, outcome.Diagnostics);
                return outcome.Status == "parked" ? Results.UnprocessableEntity(view) : Results.Accepted(value: view);
        }
    }

    private static async Task<IResult> ReplayAsync(NpgsqlDataSource dataSource, IBackgroundJobClient jobs, string kind, string storeId,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // The delivery job holds the row's lock while it calls the store: a replay waits for that call instead of racing it.
        var row = await connection.QuerySingleOrDefaultAsync<(long Id, string? Delivery)?>(new CommandDefinition("""
            SELECT id, store_delivery FROM hub.store_document WHERE kind = @Kind AND store_id = @StoreId FOR UPDATE
            """, new { Kind = kind, StoreId = storeId }, transaction, cancellationToken: cancellationToken));
        if (row is not var (id, delivery))
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No {kind} {storeId} was received.");
        if (delivery != "parked")
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Nothing to replay", detail: delivery is null
                ? $"The {kind} {storeId} is not delivered to a store (only a vendor's shipments and invoices are; the store's own it has)."
                : $"The {kind} {storeId}'s delivery to its store is {delivery}, not parked.");
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE hub.store_document SET store_delivery = 'retrying', store_attempts = 0, store_last_error = NULL, store_next_attempt_at = now() WHERE id = @Id
            """, new { Id = id }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        jobs.Enqueue<StoreDeliveryJob>(job => job.RunAsync(id, CancellationToken.None));
        return Results.Accepted(value: new ReplayedDelivery(id, kind, storeId, "retrying", StoreDeliveryJob.IdempotencyKey(id)));
    }

    private static async Task<IResult> GetAsync(NpgsqlDataSource dataSource, string kind, string storeId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition("""
            SELECT d.id, d.kind, d.store_id AS StoreId, d.purchase_order_id AS PurchaseOrderId, o.order_number AS OrderNumber, d.status,
                   d.outbound_id AS OutboundId, m.status AS OutboundStatus, d.diagnostics::text AS Diagnostics, d.canonical::text AS Canonical,
                   d.received_at AS ReceivedAt, d.vendor_id AS VendorId, d.message_id AS MessageId, d.store_delivery AS StoreDelivery,
                   d.store_attempts AS StoreAttempts, d.store_last_error AS StoreLastError
            FROM hub.store_document d JOIN hub.purchase_order o ON o.id = d.purchase_order_id LEFT JOIN hub.message m ON m.id = d.outbound_id
            WHERE d.kind = @Kind AND d.store_id = @StoreId
            """, new { Kind = kind, StoreId = storeId }, cancellationToken: cancellationToken));
        if (row is null) return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No {kind} {storeId} was pushed.");
        return Results.Ok(new StoreDocumentView(row.Id, row.Kind, row.StoreId, row.PurchaseOrderId, row.OrderNumber, row.Status, row.OutboundId,
            row.OutboundStatus, row.Diagnostics is null ? null : JsonDocument.Parse(row.Diagnostics).RootElement, JsonDocument.Parse(row.Canonical).RootElement,
            row.ReceivedAt, row.VendorId, row.MessageId, row.StoreDelivery, row.StoreAttempts, row.StoreLastError));
    }
}
