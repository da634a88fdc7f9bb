using System.Text.Json;
using Dapper;
using IntegrationHub.Hosting;
using Npgsql;

namespace IntegrationHub.Features.StoreDocuments;

/// <summary>The admin API over pushed shipments and invoices (behind the admin key): one by its store id, with its order checks and map diagnostics.</summary>
internal static class StoreDocumentAdminEndpoints
{
    public sealed record StoreDocumentView(long Id, string Kind, string StoreId, long PurchaseOrderId, string OrderNumber, string Status, long? OutboundId,
        string? OutboundStatus, JsonElement? Diagnostics, JsonElement Canonical, DateTime ReceivedAt);

    private sealed record Row(long Id, string Kind, string StoreId, long PurchaseOrderId, string OrderNumber, string Status, long? OutboundId,
        string? OutboundStatus, string? Diagnostics, string Canonical, DateTime ReceivedAt);

    public static void MapStoreDocumentAdmin(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGroup("/api/admin").RequireAuthorization(AdminAuthenticationHandler.Policy).WithTags("Admin")
            .MapGet("/store-documents/{kind}/{**storeId}", GetAsync).WithName("GetStoreDocument")
            .WithSummary("A pushed, polled or vendor shipment or invoice (a vendor's id is vendor/id): its order, status (queued or parked), order checks, map diagnostics and outbound message.");

    private static async Task<IResult> GetAsync(NpgsqlDataSource dataSource, string kind, string storeId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition("""
            SELECT d.id, d.kind, d.store_id AS StoreId, d.purchase_order_id AS PurchaseOrderId, o.order_number AS OrderNumber, d.status,
                   d.outbound_id AS OutboundId, m.status AS OutboundStatus, d.diagnostics::text AS Diagnostics, d.canonical::text AS Canonical,
                   d.received_at AS ReceivedAt
            FROM hub.store_document d JOIN hub.purchase_order o ON o.id = d.purchase_order_id LEFT JOIN hub.message m ON m.id = d.outbound_id
            WHERE d.kind = @Kind AND d.store_id = @StoreId
            """, new { Kind = kind, StoreId = storeId }, cancellationToken: cancellationToken));
        if (row is null) return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No {kind} {storeId} was pushed.");
        return Results.Ok(new StoreDocumentView(row.Id, row.Kind, row.StoreId, row.PurchaseOrderId, row.OrderNumber, row.Status, row.OutboundId,
            row.OutboundStatus, row.Diagnostics is null ? null : JsonDocument.Parse(row.Diagnostics).RootElement, JsonDocument.Parse(row.Canonical).RootElement,
            row.ReceivedAt));
    }
}
