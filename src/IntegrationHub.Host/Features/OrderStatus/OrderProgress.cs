using IntegrationHub.Canonical;

namespace IntegrationHub.Features.OrderStatus;

/// <summary>
/// How far an order has come, from what the hub recorded about it: each line's ordered, shipped and invoiced quantities
/// (summed over every shipment and invoice pushed for it), and the order's shipped and invoiced state from them.
/// </summary>
internal static class OrderProgress
{
    public const string None = "none", Partial = "partial", Full = "full";

    public sealed record Line(string LineNumber, decimal Ordered, decimal Shipped, decimal Invoiced);

    public sealed record Progress(string Shipped, string Invoiced, IReadOnlyList<Line> Lines);

    public static Progress Of(Order order, IEnumerable<Shipment> shipments, IEnumerable<Invoice> invoices)
    {
        var shipped = Sum(shipments.SelectMany(s => s.Contents.Select(c => (c.LineNumber, c.Quantity))));
        var invoiced = Sum(invoices.SelectMany(i => i.Lines.Select(l => (l.OrderLineNumber ?? l.LineNumber, l.Quantity))));
        var lines = order.Lines.Select(l => new Line(l.LineNumber, l.Quantity, shipped.GetValueOrDefault(l.LineNumber), invoiced.GetValueOrDefault(l.LineNumber)))
            .ToList();
        return new Progress(State(lines, l => l.Shipped), State(lines, l => l.Invoiced), lines);
    }

    // Full when every line has reached its ordered quantity, none when nothing was, partial in between.
    private static string State(List<Line> lines, Func<Line, decimal> done) =>
        lines.Count == 0 || lines.All(l => done(l) <= 0) ? None
        : lines.All(l => done(l) >= l.Ordered) ? Full
        : Partial;

    private static Dictionary<string, decimal> Sum(IEnumerable<(string LineNumber, decimal Quantity)> lines) =>
        lines.GroupBy(l => l.LineNumber, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(l => l.Quantity), StringComparer.Ordinal);
}
