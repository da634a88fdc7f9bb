using System.Text.Json;
using Dapper;
using IntegrationHub.Canonical;
using IntegrationHub.Pipeline;
using IntegrationHub.Pipeline.Dispatch;
using IntegrationHub.Pipeline.Outbox;
using IntegrationHub.Translation;
using Microsoft.Extensions.Options;
using Npgsql;

namespace IntegrationHub.Features.StoreDocuments;

/// <summary>
/// Stores a pushed shipment or invoice under the store's id, matches it to its order (order number and, if given,
/// partner), records its differences from the order, and writes it to the partner (856/810 or ShipNoticeRequest /
/// InvoiceDetailRequest) as an outbound message, all in one transaction; a duplicate id answers as the first push did.
/// </summary>
internal sealed class StoreDocumentIntake(NpgsqlDataSource dataSource, MappingsProvider mappings, TimeProvider time, IOptions<PipelineOptions> options,
    IOptions<SsccOptions> sscc, PipelineJobs jobs)
{
    /// <summary>What a push gave; <paramref name="Conflict"/>: the id was pushed before with another document (nothing is stored).</summary>
    public sealed record Outcome(long Id, string Status, long? OutboundId, JsonElement? Diagnostics, bool Duplicate, string? Unmatched = null,
        [property: System.Text.Json.Serialization.JsonIgnore] bool Conflict = false);

    private sealed record Row(long Id, string Status, long? OutboundId, string? Diagnostics, bool SameContent);

    private sealed record OrderRow(long Id, string Canonical);

    public async Task<Outcome> ReceiveAsync(string kind, string storeId, string? orderNumber, string? partnerId, object document,
        Func<Order, string?, (IReadOnlyList<string> Checks, object Document)> prepare, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var canonical = CanonicalJson.Serialize(document);
        if (await ExistingAsync(transaction, kind, storeId, canonical, cancellationToken) is { } first)
            return first.SameContent ? Answer(first, duplicate: true) : Answer(first, duplicate: true) with { Conflict = true };
        // The order's row is share-locked before any control number is reserved: its delivery job may be composing the 855
        // under the row's update lock and reserving the same partner's numbers, and taking the locks in this order cannot deadlock.
        var orders = (await connection.QueryAsync<OrderRow>(new CommandDefinition("""
            SELECT id, canonical::text AS Canonical FROM hub.purchase_order
            WHERE order_number = @OrderNumber AND kind = 'order' AND (@PartnerId::text IS NULL OR partner_id = @PartnerId)
            FOR KEY SHARE
            """, new { OrderNumber = orderNumber, PartnerId = partnerId }, transaction, cancellationToken: cancellationToken))).ToList();
        if (orders.Count != 1)
            return new Outcome(0, "unmatched", null, null, false, orders.Count == 0
                ? $"No order {orderNumber} from {partnerId ?? "any partner"} is known."
                : $"Order {orderNumber} is known from {orders.Count} partners; name the partner.");
        var order = CanonicalJson.Deserialize<Order>(orders[0].Canonical);
        var inbound = await PartnerDocuments.InboundOfOrderAsync(transaction, orders[0].Id, cancellationToken);
        var (checks, prepared) = prepare(order, inbound.DedupeKey);
        var (x12, cxml) = kind == "shipment" ? ("856", "ShipNoticeRequest") : ("810", "InvoiceDetailRequest");
        var current = mappings.Current;
        string? labelProblem = null;
        if (prepared is Shipment shipment) // packages the store did not label get SSCC-18 labels of the hub's
            (prepared, labelProblem) = await SsccLabels.LabelAsync(transaction, shipment, current.Partners.Find(inbound.PartnerId), sscc.Value, cancellationToken);
        var (outboundId, mapDiagnostics) = labelProblem is not null ? (0, labelProblem)
            : await PartnerDocuments.QueueAsync(transaction, inbound, x12, cxml, prepared, current, time, options.Value, cancellationToken);
        var diagnostics = JsonSerializer.Serialize(new { checks, map = mapDiagnostics is null ? (JsonElement?)null : JsonDocument.Parse(mapDiagnostics).RootElement });
        var row = await connection.QuerySingleAsync<Row>(new CommandDefinition("""
            INSERT INTO hub.store_document (kind, store_id, purchase_order_id, canonical, status, diagnostics, outbound_id)
            VALUES (@Kind, @StoreId, @OrderId, @Canonical::jsonb, @Status, @Diagnostics::jsonb, @OutboundId)
            RETURNING id, status, outbound_id AS OutboundId, diagnostics::text AS Diagnostics, true AS SameContent
            """, new
        {
            Kind = kind, StoreId = storeId, OrderId = orders[0].Id, Canonical = canonical,
            Status = mapDiagnostics is null ? "queued" : "parked", Diagnostics = diagnostics, OutboundId = outboundId > 0 ? outboundId : (long?)null,
        }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        if (outboundId > 0) jobs.Send(outboundId);
        return Answer(row, duplicate: false);
    }

    // The same id with the same document (compared as JSON values, so key order and spacing do not matter) is a repeat.
    private static async Task<Row?> ExistingAsync(NpgsqlTransaction transaction, string kind, string storeId, string canonical,
        CancellationToken cancellationToken)
    {
        // Two pushes of one id at once: the second waits on this lock and then finds the first.
        await transaction.Connection!.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(hashtextextended(@Key, 0))",
            new { Key = "store-document:" + kind + ":" + storeId }, transaction, cancellationToken: cancellationToken));
        return await transaction.Connection!.QuerySingleOrDefaultAsync<Row>(new CommandDefinition("""
            SELECT id, status, outbound_id AS OutboundId, diagnostics::text AS Diagnostics, canonical = CAST(@Canonical AS jsonb) AS SameContent
            FROM hub.store_document WHERE kind = @Kind AND store_id = @StoreId
            """, new { Kind = kind, StoreId = storeId, Canonical = canonical }, transaction, cancellationToken: cancellationToken));
    }

    private static Outcome Answer(Row row, bool duplicate) =>
        new(row.Id, row.Status, row.OutboundId, row.Diagnostics is null ? null : JsonDocument.Parse(row.Diagnostics).RootElement, duplicate);
}
