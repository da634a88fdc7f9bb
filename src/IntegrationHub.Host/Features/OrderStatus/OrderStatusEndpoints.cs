using System.Text.Json;
using Dapper;
using IntegrationHub.Canonical;
using IntegrationHub.Hosting;
using Npgsql;

namespace IntegrationHub.Features.OrderStatus;

/// <summary>
/// <c>GET /api/admin/orders/{id}/status</c> (admin key): one order's status from what the hub recorded: the store's
/// answer, the acknowledgment sent to the buyer (and, for X12, whether the buyer's 997/999 accepted it), and how much
/// of each line was shipped and invoiced by the pushed shipments and invoices, every StatusUpdateRequest the buyer sent
/// about the documents the hub sent it for this order, and the vendors' acknowledgments (the latest one's status as <c>acknowledged</c>).
/// </summary>
internal static class OrderStatusEndpoints
{
    public sealed record Acknowledgment(string? State, long? OutboundId, string? OutboundStatus, string? PartnerAcknowledgment);

    public sealed record StatusView(long Id, string PartnerId, string OrderNumber, string Status, string? StoreAnswer, Acknowledgment Acknowledgment,
        string Shipped, string Invoiced, IReadOnlyList<OrderProgress.Line> Lines, IReadOnlyList<string> Shipments, IReadOnlyList<string> Invoices,
        IReadOnlyList<StatusUpdate> StatusUpdates, string? Acknowledged, IReadOnlyList<string> Acknowledgments);

    /// <summary>A StatusUpdateRequest from the buyer: the outbound document it is about (id, type, payloadID) and what it said.</summary>
    public sealed record StatusUpdate(long MessageId, long RefersTo, string DocumentType, string PayloadId, int Code, string Text, string? Detail,
        string? DocumentStatus, DateTime ReceivedAt);

    private sealed record OrderRow(long Id, string PartnerId, string OrderNumber, string Kind, string Status, string? StoreAnswer, string? Acknowledgment,
        string Canonical, long? OutboundId, string? OutboundStatus, string? PartnerAcknowledgment);

    private sealed record DocumentRow(string Kind, string StoreId, string Canonical);

    public static void MapOrderStatus(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapAdminApi()
            .MapGet("/orders/{id:long}/status", GetAsync).WithName("GetOrderStatus")
            .WithSummary("One order's status: the store's answer, its acknowledgment to the buyer, and what was shipped and invoiced per line.");

    private static async Task<IResult> GetAsync(NpgsqlDataSource dataSource, long id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var order = await connection.QuerySingleOrDefaultAsync<OrderRow>(new CommandDefinition("""
            SELECT o.id, o.partner_id AS PartnerId, o.order_number AS OrderNumber, o.kind, o.status, o.store_answer AS StoreAnswer,
                   o.acknowledgment, o.canonical::text AS Canonical, m.id AS OutboundId, m.status AS OutboundStatus,
                   (SELECT CASE WHEN bool_or(s.status = 'rejected') THEN 'rejected' WHEN bool_and(s.status = 'accepted') THEN 'accepted' ELSE 'awaiting' END
                    FROM hub.sent_set s WHERE s.message_id = m.id) AS PartnerAcknowledgment
            FROM hub.purchase_order o LEFT JOIN hub.message m ON m.acknowledges = o.id
            WHERE o.id = @Id
            """, new { Id = id }, cancellationToken: cancellationToken));
        if (order is null || order.Kind != "order")
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No order {id} (an order change has no status of its own).");
        var documents = (await connection.QueryAsync<DocumentRow>(new CommandDefinition("""
            SELECT kind, store_id AS StoreId, canonical::text AS Canonical FROM hub.store_document WHERE purchase_order_id = @Id ORDER BY id
            """, new { Id = id }, cancellationToken: cancellationToken))).ToList();
        var updates = (await connection.QueryAsync<StatusUpdate>(new CommandDefinition("""
            SELECT u.message_id AS MessageId, u.refers_to AS RefersTo, m.document_type AS DocumentType, m.dedupe_key AS PayloadId, u.code, u.text, u.detail,
                   u.document_status AS DocumentStatus, u.received_at AS ReceivedAt
            FROM hub.status_update u JOIN hub.message m ON m.id = u.refers_to WHERE u.purchase_order_id = @Id ORDER BY u.id
            """, new { Id = id }, cancellationToken: cancellationToken))).ToList();
        var acknowledgments = documents.Where(d => d.Kind == "acknowledgment").ToList();
        // A vendor's acknowledgments (855, ConfirmationRequest): the latest one says where the order stands.
        var acknowledged = acknowledgments.Count == 0 ? null
            : JsonNamingPolicy.CamelCase.ConvertName(CanonicalJson.Deserialize<OrderAcknowledgment>(acknowledgments[^1].Canonical).Status.ToString());
        var shipments = documents.Where(d => d.Kind == "shipment").ToList();
        var invoices = documents.Where(d => d.Kind == "invoice").ToList();
        var progress = OrderProgress.Of(CanonicalJson.Deserialize<Order>(order.Canonical),
            shipments.Select(d => CanonicalJson.Deserialize<Shipment>(d.Canonical)), invoices.Select(d => CanonicalJson.Deserialize<Invoice>(d.Canonical)));
        return Results.Ok(new StatusView(order.Id, order.PartnerId, order.OrderNumber, order.Status, order.StoreAnswer,
            new Acknowledgment(order.Acknowledgment, order.OutboundId, order.OutboundStatus, order.PartnerAcknowledgment),
            progress.Shipped, progress.Invoiced, progress.Lines, [.. shipments.Select(d => d.StoreId)], [.. invoices.Select(d => d.StoreId)], updates,
            acknowledged, [.. acknowledgments.Select(d => d.StoreId)]));
    }
}
