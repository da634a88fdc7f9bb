using IntegrationHub.Canonical;
using IntegrationHub.Stores;

namespace IntegrationHub.Pipeline.Delivery;

/// <summary>
/// Builds the canonical acknowledgment of an order from the store's answer: each order line takes the status the store
/// named for it (a changed line its new quantity), a line the store did not name takes the answer's own status when that
/// is accepted or rejected and is accepted otherwise. The order's payloadID, for cXML, goes in as the extrinsic the
/// ConfirmationRequest map references (<c>orderPayloadID</c>).
/// </summary>
internal static class AcknowledgmentComposer
{
    public const string OrderPayloadIdExtrinsic = "orderPayloadID";

    public static OrderAcknowledgment Compose(Order order, OrderStoreAnswer answer, DateTimeOffset now, string? orderPayloadId)
    {
        var named = (answer.Lines ?? []).GroupBy(l => l.LineNumber, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        var fallback = answer.Status == "rejected" ? LineStatus.Rejected : LineStatus.Accepted;
        var lines = order.Lines.Select(line => named.TryGetValue(line.LineNumber, out var said)
            ? new AcknowledgedLine
            {
                LineNumber = line.LineNumber, Status = StatusOf(said.Status, fallback), Quantity = said.Quantity ?? line.Quantity,
                UnitOfMeasure = line.UnitOfMeasure, Item = line.Item,
                Notes = said.Note is { Length: > 0 } note ? [new Note(note)] : [],
            }
            : new AcknowledgedLine { LineNumber = line.LineNumber, Status = fallback, Quantity = line.Quantity, UnitOfMeasure = line.UnitOfMeasure, Item = line.Item })
            .ToList();
        var status = StatusOf(lines, answer, whole: "accepted");
        return new OrderAcknowledgment
        {
            OrderNumber = order.OrderNumber, OrderDate = order.OrderDate, AcknowledgmentNumber = answer.StoreOrderId,
            AcknowledgmentDate = Moment.FromDateTimeOffset(now), Status = status, Currency = order.Currency,
            Notes = answer.Message is { Length: > 0 } message ? [new Note(message)] : [],
            Extrinsics = orderPayloadId is { Length: > 0 } payloadId ? [new Extrinsic(OrderPayloadIdExtrinsic, payloadId)] : [],
            Lines = lines,
        };
    }

    /// <summary>
    /// The acknowledgment of an order change (an 865 for an 860), built as <see cref="Compose"/> builds the 855's: each
    /// changed line takes the status the store named for it, and carries the change the buyer asked for.
    /// </summary>
    public static OrderAcknowledgment ComposeChange(OrderChange change, OrderStoreAnswer answer, DateTimeOffset now)
    {
        var named = (answer.Lines ?? []).GroupBy(l => l.LineNumber, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        var fallback = answer.Status == "rejected" ? LineStatus.Rejected : LineStatus.Accepted;
        var lines = change.Lines.Select(line =>
        {
            var said = named.GetValueOrDefault(line.LineNumber);
            return new AcknowledgedLine
            {
                LineNumber = line.LineNumber, Change = line.Kind, Status = said is null ? fallback : StatusOf(said.Status, fallback),
                // A deleted line may come with no quantity or unit: it is answered with neither.
                Quantity = said?.Quantity ?? line.Quantity ?? 0, UnitOfMeasure = line.UnitOfMeasure ?? string.Empty, Item = line.Item,
                Notes = said?.Note is { Length: > 0 } note ? [new Note(note)] : [],
            };
        }).ToList();
        return new OrderAcknowledgment
        {
            OrderNumber = change.OrderNumber, ChangeSequence = change.ChangeSequence, OrderDate = change.OrderDate, AcknowledgmentNumber = answer.StoreOrderId,
            AcknowledgmentDate = Moment.FromDateTimeOffset(now), Status = StatusOf(lines, answer, whole: "changed"), Currency = change.Currency,
            Notes = answer.Message is { Length: > 0 } message ? [new Note(message)] : [],
            Lines = lines,
        };
    }

    // Rejected when every line is; accepted when every line is and the store took the document whole (accepted, or for a
    // change also "changed": it applied the change as asked); accepted with changes otherwise.
    private static AcknowledgmentStatus StatusOf(List<AcknowledgedLine> lines, OrderStoreAnswer answer, string whole) =>
        lines.All(l => l.Status == LineStatus.Rejected) && (lines.Count > 0 || answer.Status == "rejected") ? AcknowledgmentStatus.Rejected
        : lines.All(l => l.Status == LineStatus.Accepted) && (answer.Status == "accepted" || answer.Status == whole) ? AcknowledgmentStatus.Accepted
        : AcknowledgmentStatus.AcceptedWithChanges;

    private static LineStatus StatusOf(string said, LineStatus fallback) => said switch
    {
        "accepted" => LineStatus.Accepted,
        "rejected" => LineStatus.Rejected,
        "changed" => LineStatus.Changed,
        "backordered" => LineStatus.Backordered,
        _ => fallback,
    };
}
