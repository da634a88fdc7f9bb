using System.Text.Json;
using Dapper;
using Hangfire;
using IntegrationHub.Hosting;
using Npgsql;

namespace IntegrationHub.Features.StoreDocuments;

/// <summary>
/// The admin API over pushed shipments and invoices (behind the admin key): one by its store id, with its order checks and
/// map diagnostics; and the replay of a vendor document's parked delivery to the supplier's store.
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

    private const string ReplaySuffix = "/replay";

    public static void MapStoreDocumentAdmin(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapAdminApi();
        admin.MapGet("/store-documents/{kind}/{**storeId}", GetAsync).WithName("GetStoreDocument")
            .WithSummary("A pushed, polled or vendor shipment or invoice (a vendor's id is vendor/id): its order, status (queued or parked), order checks, map diagnostics and outbound message.");
        // A store id may hold slashes (vendor/id) and a catch-all must end the route, so the catch-all takes the id and the /replay after it.
        admin.MapPost("/store-documents/{kind}/{**storeIdThenReplay}", ReplayAsync).WithName("ReplayStoreDelivery")
            .WithSummary("POST .../{kind}/{storeId}/replay: a vendor's shipment or invoice whose delivery to the supplier's store is parked is due again (retrying, same idempotency key).");
    }

    private static async Task<IResult> ReplayAsync(NpgsqlDataSource dataSource, IBackgroundJobClient jobs, string kind, string storeIdThenReplay,
        CancellationToken cancellationToken)
    {
        if (!storeIdThenReplay.EndsWith(ReplaySuffix, StringComparison.Ordinal) || storeIdThenReplay.Length == ReplaySuffix.Length)
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "Replay with POST /api/admin/store-documents/{kind}/{storeId}/replay.");
        var storeId = storeIdThenReplay[..^ReplaySuffix.Length];
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
