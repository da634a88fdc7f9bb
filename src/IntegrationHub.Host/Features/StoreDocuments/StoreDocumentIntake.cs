using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Hangfire;
using IntegrationHub.Canonical;
using IntegrationHub.Pipeline;
using IntegrationHub.Pipeline.Delivery;
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
    IOptions<SsccOptions> sscc, PipelineJobs jobs, IBackgroundJobClient backgroundJobs)
{
    /// <summary>What a push gave; <paramref name="Conflict"/>: the id was pushed before with another document (nothing is stored).</summary>
    public sealed record Outcome(long Id, string Status, long? OutboundId, JsonElement? Diagnostics, bool Duplicate, string? Unmatched = null,
        [property: System.Text.Json.Serialization.JsonIgnore] bool Conflict = false)
    {
        /// <summary>A vendor's shipment or invoice, newly stored: the supplier's store is to get it (<see cref="StoreDeliveryJob"/>).</summary>
        [System.Text.Json.Serialization.JsonIgnore]
        public bool ToStore { get; init; }
    }

    private sealed record Row(long Id, string Status, long? OutboundId, string? Diagnostics, bool SameContent);

    private sealed record OrderRow(long Id, string Canonical);

    /// <summary>Receives one pushed or polled record in a transaction of its own, and wakes its outbound message once committed.</summary>
    /// <exception cref="JsonException">The record is not a canonical shipment or invoice.</exception>
    public async Task<Outcome> ReceiveAsync(string kind, string json, string? partnerId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var outcome = await ReceiveAsync(transaction, kind, json, partnerId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Wake(outcome);
        return outcome;
    }

    /// <summary>
    /// Receives one record (<paramref name="kind"/> <c>shipment</c> or <c>invoice</c>, as the store sends it) inside the
    /// caller's transaction; once that commits, <see cref="Wake"/> sends what it queued.
    /// </summary>
    /// <exception cref="JsonException">The record is not a canonical shipment or invoice, or has no id.</exception>
    public Task<Outcome> ReceiveAsync(NpgsqlTransaction transaction, string kind, string json, string? partnerId, CancellationToken cancellationToken) =>
        kind switch
        {
            Shipments => ReceiveAsync(transaction, CanonicalJson.Deserialize<Shipment>(json), partnerId, null, cancellationToken),
            Invoices => ReceiveAsync(transaction, CanonicalJson.Deserialize<Invoice>(json), partnerId, null, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "A store document is a shipment or an invoice."),
        };

    /// <summary>A document that came from a vendor (a 3PL warehouse, a drop-ship vendor) instead of the supplier's own store: its partner and inbound message.</summary>
    public sealed record VendorSource(string PartnerId, long MessageId);

    /// <summary>
    /// Receives a vendor's shipment, invoice or order acknowledgment, translated from its 856/810/855 or cXML, inside the
    /// caller's transaction: stored under <c>vendor/id</c>, matched to its order and checked like a push, and forwarded to
    /// the buyer in the buyer's format only where the buyer's partner file lists it under <c>forward:</c> (else kept).
    /// </summary>
    /// <exception cref="JsonException">The document has no id.</exception>
    public Task<Outcome> ReceiveFromVendorAsync(NpgsqlTransaction transaction, VendorSource vendor, object document, CancellationToken cancellationToken) =>
        ReceiveAsync(transaction, document, null, vendor, cancellationToken);

    private Task<Outcome> ReceiveAsync(NpgsqlTransaction transaction, object document, string? partnerId, VendorSource? vendor,
        CancellationToken cancellationToken)
    {
        var plan = Plan(document, vendor);
        return ReceiveAsync(transaction, plan, partnerId, vendor, document, cancellationToken);
    }

    // What a document is stored under, the order it names, and how it is completed from its order (the order's payloadID and date) and checked against it.
    private sealed record DocumentPlan(string Kind, string StoreId, string? OrderNumber, Func<Order, string?, (IReadOnlyList<string> Checks, object Document)> Prepare);

    private static DocumentPlan Plan(object document, VendorSource? vendor)
    {
        switch (document)
        {
            case Shipment shipment:
                var number = (shipment.Orders.Count > 0 ? shipment.Orders[0].OrderNumber : null) ?? (shipment.Contents.Count > 0 ? shipment.Contents[0].OrderNumber : null);
                return new(Shipments, Id(shipment.ShipmentId, "shipmentId", vendor), number, (order, payloadId) =>
                    (OrderChecks.Shipment(shipment, order), shipment with
                    {
                        Orders = shipment.Orders.Count > 0
                            ? shipment.Orders.Select(o => o with { DocumentId = Reference(o.DocumentId, payloadId, vendor), OrderDate = o.OrderDate ?? order.OrderDate }).ToList()
                            : [new OrderReference(order.OrderNumber, order.OrderDate, payloadId)],
                    }));
            case Invoice invoice:
                return new(Invoices, Id(invoice.InvoiceNumber, "invoiceNumber", vendor), invoice.Order.OrderNumber,
                    (order, payloadId) => (OrderChecks.Invoice(invoice, order), invoice with
                    {
                        Order = invoice.Order with { DocumentId = Reference(invoice.Order.DocumentId, payloadId, vendor), OrderDate = invoice.Order.OrderDate ?? order.OrderDate },
                    }));
            case OrderAcknowledgment acknowledgment when vendor is not null:
                // An acknowledgment has no number of its own: one per order per inbound document.
                return new(Acknowledgments, $"{vendor.PartnerId}/{vendor.MessageId}/{Id(acknowledgment.OrderNumber, "orderNumber", null)}",
                    acknowledgment.OrderNumber, (order, payloadId) => (OrderChecks.Acknowledgment(acknowledgment, order), acknowledgment with
                    {
                        // The ConfirmationRequest references the buyer's order by the payloadID the buyer sent, not by whatever the vendor named.
                        OrderDate = acknowledgment.OrderDate ?? order.OrderDate,
                        Extrinsics = [.. acknowledgment.Extrinsics.Where(e => e.Name != AcknowledgmentComposer.OrderPayloadIdExtrinsic),
                            .. payloadId is { Length: > 0 } ? [new Extrinsic(AcknowledgmentComposer.OrderPayloadIdExtrinsic, payloadId)] : Array.Empty<Extrinsic>()],
                    }));
            default:
                throw new ArgumentOutOfRangeException(nameof(document), document.GetType().Name, "A store document is a shipment, an invoice or (from a vendor) an acknowledgment.");
        }
    }

    /// <summary>What composing a document again found and did: the status it had, and (when it was parked) what it is now.</summary>
    public sealed record Recomposed(string PreviousStatus, Outcome? Outcome);

    private sealed record StoredRow(long Id, string Status, string Canonical, long OrderId, string? VendorId, long? MessageId, string? Labels);

    /// <summary>
    /// Composes a parked document (one its outbound map could not write) again from its stored canonical document, against
    /// the order it was matched to, with the mappings as they are now, and queues its outbound message; the SSCC labels it
    /// was given before are kept. The row stays locked until the transaction ends, so two calls at once queue one message:
    /// the second finds it queued. Null: no such document; <see cref="Recomposed.Outcome"/> null: it is not parked.
    /// </summary>
    public async Task<Recomposed?> ComposeAgainAsync(string kind, string storeId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<StoredRow>(new CommandDefinition("""
            SELECT id, status, canonical::text AS Canonical, purchase_order_id AS OrderId, vendor_id AS VendorId, message_id AS MessageId,
                   (diagnostics -> 'labels')::text AS Labels
            FROM hub.store_document WHERE kind = @Kind AND store_id = @StoreId FOR UPDATE
            """, new { Kind = kind, StoreId = storeId }, transaction, cancellationToken: cancellationToken));
        if (row is null) return null;
        if (row.Status != "parked") return new Recomposed(row.Status, null);
        var vendor = row is { VendorId: { } vendorId, MessageId: { } messageId } ? new VendorSource(vendorId, messageId) : null;
        object document = kind switch
        {
            Shipments => CanonicalJson.Deserialize<Shipment>(row.Canonical),
            Invoices => CanonicalJson.Deserialize<Invoice>(row.Canonical),
            _ => CanonicalJson.Deserialize<OrderAcknowledgment>(row.Canonical),
        };
        // The order it was matched to, share-locked before any control number is reserved (as on intake).
        var order = await connection.QuerySingleAsync<OrderRow>(new CommandDefinition("""
            SELECT id, canonical::text AS Canonical FROM hub.purchase_order WHERE id = @Id FOR KEY SHARE
            """, new { Id = row.OrderId }, transaction, cancellationToken: cancellationToken));
        var labels = row.Labels is null ? null : JsonSerializer.Deserialize<string[]>(row.Labels);
        var written = await WriteAsync(transaction, Plan(document, vendor), vendor, order, labels, cancellationToken);
        var updated = await connection.QuerySingleAsync<Row>(new CommandDefinition("""
            UPDATE hub.store_document SET status = @Status, diagnostics = @Diagnostics::jsonb, outbound_id = @OutboundId WHERE id = @Id
            RETURNING id, status, outbound_id AS OutboundId, diagnostics::text AS Diagnostics, true AS SameContent
            """, new { row.Id, written.Status, written.Diagnostics, written.OutboundId }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        var outcome = Answer(updated, duplicate: false);
        Wake(outcome);
        return new Recomposed(row.Status, outcome);
    }

    /// <summary>Wakes the outbound message a committed record queued (a duplicate, a conflict or an unmatched record queued none).</summary>
    public void Wake(Outcome outcome)
    {
        if (outcome.Duplicate || outcome.Unmatched is not null) return;
        if (outcome.OutboundId is { } outboundId) jobs.Send(outboundId);
        if (outcome.ToStore) backgroundJobs.Enqueue<StoreDeliveryJob>(job => job.RunAsync(outcome.Id, CancellationToken.None));
    }

    public const string Shipments = "shipment";
    public const string Invoices = "invoice";
    public const string Acknowledgments = "acknowledgment";

    // The order's payloadID the buyer sent: the store may name it itself; a vendor's reference is to what it was sent, so the buyer's own wins.
    private static string? Reference(string? given, string? orderPayloadId, VendorSource? vendor) =>
        vendor is null ? given ?? orderPayloadId : orderPayloadId ?? given;

    // A vendor's ids are its own: they live beside the store's under the vendor's partner id.
    private static string Id(string? id, string name, VendorSource? vendor) =>
        string.IsNullOrWhiteSpace(id) ? throw new JsonException($"The record has no {name}.") : vendor is null ? id : $"{vendor.PartnerId}/{id}";

    private async Task<Outcome> ReceiveAsync(NpgsqlTransaction transaction, DocumentPlan plan, string? partnerId, VendorSource? vendor, object document,
        CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        var canonical = CanonicalJson.Serialize(document);
        if (await ExistingAsync(transaction, plan.Kind, plan.StoreId, canonical, cancellationToken) is { } first)
            return first.SameContent ? Answer(first, duplicate: true) : Answer(first, duplicate: true) with { Conflict = true };
        // The order's row is share-locked before any control number is reserved: its delivery job may be composing the 855
        // under the row's update lock and reserving the same partner's numbers, and taking the locks in this order cannot deadlock.
        var orders = (await connection.QueryAsync<OrderRow>(new CommandDefinition("""
            SELECT id, canonical::text AS Canonical FROM hub.purchase_order
            WHERE order_number = @OrderNumber AND kind = 'order' AND (@PartnerId::text IS NULL OR partner_id = @PartnerId)
            FOR KEY SHARE
            """, new { plan.OrderNumber, PartnerId = partnerId }, transaction, cancellationToken: cancellationToken))).ToList();
        if (orders.Count != 1)
            return new Outcome(0, "unmatched", null, null, false, orders.Count == 0
                ? $"No order {plan.OrderNumber} from {partnerId ?? "any partner"} is known."
                : $"Order {plan.OrderNumber} is known from {orders.Count} partners; name the partner.");
        var written = await WriteAsync(transaction, plan, vendor, orders[0], null, cancellationToken);
        var toStore = vendor is not null && plan.Kind != Acknowledgments; // the store's own documents it has already
        var row = await connection.QuerySingleAsync<Row>(new CommandDefinition("""
            INSERT INTO hub.store_document (kind, store_id, purchase_order_id, canonical, status, diagnostics, outbound_id, vendor_id, message_id, store_delivery)
            VALUES (@Kind, @StoreId, @OrderId, @Canonical::jsonb, @Status, @Diagnostics::jsonb, @OutboundId, @VendorId, @MessageId, @StoreDelivery)
            RETURNING id, status, outbound_id AS OutboundId, diagnostics::text AS Diagnostics, true AS SameContent
            """, new
        {
            plan.Kind, plan.StoreId, OrderId = orders[0].Id, Canonical = canonical, written.Status, written.Diagnostics, written.OutboundId,
            VendorId = vendor?.PartnerId, MessageId = vendor?.MessageId, StoreDelivery = toStore ? "pending" : null,
        }, transaction, cancellationToken: cancellationToken));
        return Answer(row, duplicate: false) with { ToStore = toStore };
    }

    // What writing a document to its buyer gave: the row's status, diagnostics (checks, map and the SSCC labels given) and outbound message.
    private sealed record Written(string Status, string Diagnostics, long? OutboundId);

    /// <summary>
    /// Completes the document from its order, checks it, labels a shipment's unlabelled packages (with
    /// <paramref name="assignedLabels"/> when it was labelled before) and writes it to the order's partner with the current
    /// mappings, queuing the outbound message in the caller's transaction; the order's row must be locked (FOR KEY SHARE).
    /// </summary>
    private async Task<Written> WriteAsync(NpgsqlTransaction transaction, DocumentPlan plan, VendorSource? vendor, OrderRow orderRow,
        IReadOnlyList<string>? assignedLabels, CancellationToken cancellationToken)
    {
        var order = CanonicalJson.Deserialize<Order>(orderRow.Canonical);
        var inbound = await PartnerDocuments.InboundOfOrderAsync(transaction, orderRow.Id, cancellationToken);
        var (checks, prepared) = plan.Prepare(order, inbound.DedupeKey);
        var (x12, cxml) = plan.Kind switch
        {
            Shipments => ("856", "ShipNoticeRequest"),
            Invoices => ("810", "InvoiceDetailRequest"),
            _ => ("855", "ConfirmationRequest"), // a vendor's acknowledgment, not the order's own (that one names the order in `acknowledges`)
        };
        var set = mappings.Current;
        // The store's own documents always go to the buyer; a vendor's only where the buyer's partner file asks for them.
        var forward = vendor is null || set.Partners.Find(inbound.PartnerId)?.Forward.Contains(plan.Kind + "s") == true;
        string? labelProblem = null;
        IReadOnlyList<string> labels = assignedLabels ?? [];
        if (forward && prepared is Shipment shipment) // packages the store did not label get SSCC-18 labels of the hub's
            (prepared, labels, labelProblem) = await SsccLabels.LabelAsync(transaction, shipment, assignedLabels, set.Partners.Find(inbound.PartnerId), sscc.Value,
                cancellationToken);
        var (outboundId, mapDiagnostics) = !forward ? (0, null)
            : labelProblem is not null ? (0, labelProblem)
            : await PartnerDocuments.QueueAsync(transaction, inbound, x12, cxml, prepared, set, time, options.Value, cancellationToken);
        var diagnostics = new JsonObject
        {
            ["checks"] = new JsonArray([.. checks.Select(c => JsonValue.Create(c))]),
            ["map"] = mapDiagnostics is null ? null : JsonNode.Parse(mapDiagnostics),
        };
        if (labels.Count > 0) diagnostics["labels"] = new JsonArray([.. labels.Select(l => JsonValue.Create(l))]);
        return new Written(!forward ? "kept" : mapDiagnostics is null ? "queued" : "parked", diagnostics.ToJsonString(), outboundId > 0 ? outboundId : null);
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
