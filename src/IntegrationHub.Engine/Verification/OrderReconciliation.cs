using System.Globalization;
using IntegrationHub.Canonical;

namespace IntegrationHub.Verification;

/// <summary>The buyer's price for a line today: its price list (contract before general, the quantity break of the ordered quantity).</summary>
public sealed record CurrentPrice(decimal UnitPrice, string Currency, string UnitOfMeasure);

/// <summary>
/// A difference between an order line and what the hub expected, for an engineer to review; the order is delivered all the same.
/// </summary>
/// <param name="Kind">What differs: <see cref="ReviewKinds"/>.</param>
/// <param name="LineIndex">The line's position in the order, from 0.</param>
/// <param name="LineNumber">The buyer's line number.</param>
/// <param name="Source">What the line was compared with: <c>cart</c> (the punchout cart line it came from) or <c>priceList</c> (the buyer's price today).</param>
/// <param name="Expected">What the cart or the price list says.</param>
/// <param name="Actual">What the order says.</param>
public sealed record ReviewFlag(string Kind, int LineIndex, string LineNumber, string Source, string? Expected, string? Actual);

/// <summary>The kinds of <see cref="ReviewFlag"/>.</summary>
public static class ReviewKinds
{
    public const string NotInCart = "notInCart", Quantity = "quantity", UnitOfMeasure = "unitOfMeasure", UnitPrice = "unitPrice", Currency = "currency";

    public const string Cart = "cart", PriceList = "priceList";
}

/// <summary>
/// Compares each line of an order linked to a punchout session with the cart line it came from (quantity, unit of measure, unit
/// price, currency) and with the buyer's current price for the ordered quantity (unit price, currency, unit). An order not linked to
/// any session gives no flags; in a linked order, a line that matches no cart line is flagged <c>notInCart</c>. Pure.
/// </summary>
public static class OrderReconciliation
{
    /// <param name="order">The canonical order.</param>
    /// <param name="link">Its lines' cart lines (<see cref="OrderLinking.Link"/>).</param>
    /// <param name="prices">The buyer's current price per line index, for the lines whose product the catalog has.</param>
    public static IReadOnlyList<ReviewFlag> Compare(Order order, OrderLink link, IReadOnlyDictionary<int, CurrentPrice> prices)
    {
        if (!link.Linked) return [];
        var flags = new List<ReviewFlag>();
        foreach (var (line, index) in order.Lines.Select((l, i) => (l, i)))
        {
            var cart = link.Lines[index].CartLine;
            var currency = line.Item.UnitPrice?.Currency ?? order.Currency;
            var price = UnitPrice(line);
            void Flag(string kind, string source, string? expected, string? actual) =>
                flags.Add(new ReviewFlag(kind, index, line.LineNumber, source, expected, actual));

            if (cart is null)
            {
                Flag(ReviewKinds.NotInCart, ReviewKinds.Cart, null, Describe(line));
            }
            else
            {
                if (cart.Quantity != line.Quantity) Flag(ReviewKinds.Quantity, ReviewKinds.Cart, Text(cart.Quantity), Text(line.Quantity));
                if (cart.UnitOfMeasure is { } unit && unit != line.UnitOfMeasure) Flag(ReviewKinds.UnitOfMeasure, ReviewKinds.Cart, unit, line.UnitOfMeasure);
                if (cart.UnitPrice is { } shown)
                {
                    if (shown.Currency != currency) Flag(ReviewKinds.Currency, ReviewKinds.Cart, shown.Currency, currency);
                    else if (price is { } amount && amount != shown.Amount) Flag(ReviewKinds.UnitPrice, ReviewKinds.Cart, Text(shown.Amount), Text(amount));
                }
            }

            if (!prices.TryGetValue(index, out var current)) continue;
            if (current.UnitOfMeasure != line.UnitOfMeasure && cart?.UnitOfMeasure is null)
                Flag(ReviewKinds.UnitOfMeasure, ReviewKinds.PriceList, current.UnitOfMeasure, line.UnitOfMeasure);
            if (current.Currency != currency) Flag(ReviewKinds.Currency, ReviewKinds.PriceList, current.Currency, currency);
            else if (price is { } amount && amount != current.UnitPrice) Flag(ReviewKinds.UnitPrice, ReviewKinds.PriceList, Text(current.UnitPrice), Text(amount));
        }
        return flags;
    }

    /// <summary>
    /// The order line's price of one ordering unit: its unit price, divided by the price basis quantity when that is in the same unit;
    /// null when the line has no price or is priced per another unit (then it cannot be compared).
    /// </summary>
    public static decimal? UnitPrice(OrderLine line) => line.Item switch
    {
        { UnitPrice: null } => null,
        { PriceBasis: null } item => item.UnitPrice.Amount,
        { PriceBasis: { ConversionFactor: null, Quantity: > 0 } basis } item when basis.UnitOfMeasure == line.UnitOfMeasure => item.UnitPrice.Amount / basis.Quantity,
        _ => null,
    };

    /// <summary>A decimal as it is shown in a flag: invariant, without trailing zeros (0.85, not 0.8500).</summary>
    public static string Text(decimal value) => (value / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);

    private static string Describe(OrderLine line) =>
        string.Join(" ", new[] { line.Item.Ids.SupplierPartId, line.Item.Ids.SupplierPartAuxiliaryId }.Where(s => !string.IsNullOrEmpty(s)));
}
