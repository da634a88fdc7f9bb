using IntegrationHub.Canonical;

namespace IntegrationHub.Features.StoreDocuments;

/// <summary>Differences between a shipment, invoice or vendor acknowledgment and its order: lines the order lacks, quantities above ordered, amounts that do not add up.</summary>
internal static class OrderChecks
{
    public static IReadOnlyList<string> Shipment(Shipment shipment, Order order) =>
        Quantities(order, shipment.Contents.Select(c => (c.LineNumber, c.Quantity)));

    /// <summary>A vendor's acknowledgment: lines the order lacks, and more acknowledged (in all the line's splits) than ordered.</summary>
    public static IReadOnlyList<string> Acknowledgment(OrderAcknowledgment acknowledgment, Order order) =>
        Quantities(order, acknowledgment.Lines.Select(l => (l.LineNumber, l.Quantity)));

    public static IReadOnlyList<string> Invoice(Invoice invoice, Order order)
    {
        var found = Quantities(order, invoice.Lines.Select(l => (l.OrderLineNumber ?? l.LineNumber, l.Quantity))).ToList();
        var lineAmounts = invoice.Lines.Where(l => l.Amount is not null).Sum(l => l.Amount!.Amount);
        if (invoice.Totals?.Subtotal is { } subtotal && invoice.Lines.All(l => l.Amount is not null) && subtotal.Amount != lineAmounts)
            found.Add($"The subtotal {subtotal.Amount} is not the sum of the line amounts ({lineAmounts}).");
        if (!string.Equals(invoice.Currency, order.Currency, StringComparison.OrdinalIgnoreCase))
            found.Add($"The invoice's currency {invoice.Currency} is not the order's ({order.Currency}).");
        return found;
    }

    private static List<string> Quantities(Order order, IEnumerable<(string LineNumber, decimal Quantity)> lines)
    {
        var ordered = order.Lines.ToDictionary(l => l.LineNumber, l => l.Quantity, StringComparer.Ordinal);
        var found = new List<string>();
        foreach (var group in lines.GroupBy(l => l.LineNumber, StringComparer.Ordinal))
        {
            var quantity = group.Sum(l => l.Quantity);
            if (!ordered.TryGetValue(group.Key, out var limit)) found.Add($"Line {group.Key} is not on order {order.OrderNumber}.");
            else if (quantity > limit) found.Add($"Line {group.Key}: {quantity} is more than the {limit} ordered.");
        }
        return found;
    }
}
