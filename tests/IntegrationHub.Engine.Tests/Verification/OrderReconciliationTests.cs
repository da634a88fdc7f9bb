using IntegrationHub.Canonical;
using IntegrationHub.Verification;

namespace IntegrationHub.Engine.Tests.Verification;

public sealed class CartLineReferenceTests
{
    private const string Reference = "3f9c0a12b7d4e865";

    [Theory]
    [InlineData("", "ih-3f9c0a12b7d4e865")]
    [InlineData("BOX5", "BOX5/ih-3f9c0a12b7d4e865")]
    [InlineData("a/b", "a/b/ih-3f9c0a12b7d4e865")]
    public void Issue_ReadsBack_WithTheCatalogAuxiliaryId(string catalog, string issued)
    {
        Assert.Equal(issued, CartLineReference.Issue(catalog, Reference));
        Assert.True(CartLineReference.TryRead(issued, out var readCatalog, out var readReference));
        Assert.Equal((catalog, Reference), (readCatalog, readReference));
    }

    [Theory]
    [InlineData("BOX5")]
    [InlineData("ps-0001/1")]
    [InlineData("ih-3F9C0A12B7D4E865")]
    [InlineData("ih-3f9c0a12b7d4e86")]
    [InlineData("ih-3f9c0a12b7d4e865\n")]
    [InlineData("xih-3f9c0a12b7d4e865")]
    public void TryRead_KeepsTheValueAsTheCatalogs_WhenTheHubDidNotIssueIt(string value)
    {
        Assert.False(CartLineReference.TryRead(value, out var catalog, out var reference));
        Assert.Equal((value, ""), (catalog, reference));
    }

    [Fact]
    public void Issue_Throws_WhenTheReferenceIsNotSixteenHexDigits() =>
        Assert.Throws<ArgumentException>(() => CartLineReference.Issue("", "not-a-reference"));
}

public sealed class OrderLinkingTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Old = Guid.Parse("00000000-0000-0000-0000-00000000000a"), New = Guid.Parse("00000000-0000-0000-0000-00000000000b");

    internal static SessionCartLine Cart(Guid session, int line, string reference, string part, decimal quantity = 10, decimal price = 0.85m,
        string? cookie = null, int daysAgo = 1, string auxiliary = "") =>
        new(session, cookie, Now.AddDays(-daysAgo), line, reference, part, auxiliary, quantity, "EA", new Money(price, "EUR"));

    internal static Order Order(params (string Part, string? Auxiliary, decimal Quantity, decimal? Price)[] lines) => new()
    {
        OrderNumber = "PO-1",
        Currency = "EUR",
        Lines = [.. lines.Select((l, i) => new OrderLine
        {
            LineNumber = (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            Quantity = l.Quantity,
            UnitOfMeasure = "EA",
            Item = new ItemDetail
            {
                Ids = new ItemIds { SupplierPartId = l.Part, SupplierPartAuxiliaryId = l.Auxiliary },
                UnitPrice = l.Price is { } p ? new Money(p, "EUR") : null,
            },
        })],
    };

    [Fact]
    public void Link_FindsTheCartLineByTheIssuedAuxiliaryId_EvenInAnOlderSession()
    {
        var candidates = new[] { Cart(Old, 1, "0000000000000001", "PEN", daysAgo: 90), Cart(New, 1, "0000000000000002", "PEN") };

        var link = OrderLinking.Link(Order(("PEN", "ih-0000000000000001", 10, 0.85m)), [], candidates, Now.AddDays(-30));

        Assert.Equal(Old, link.SessionId);
        Assert.Equal((Old, 1, LinkedBy.AuxiliaryId), (link.Lines[0].CartLine!.SessionId, link.Lines[0].CartLine!.LineNumber, link.Lines[0].LinkedBy));
    }

    [Fact]
    public void Link_MatchesTheOtherLinesWithinTheSessionOfTheIssuedIds()
    {
        var candidates = new[] { Cart(Old, 1, "0000000000000001", "PEN"), Cart(Old, 2, "0000000000000003", "PAD"), Cart(New, 1, "0000000000000002", "PAD") };

        var link = OrderLinking.Link(Order(("PEN", "ih-0000000000000001", 10, null), ("PAD", null, 1, null)), [], candidates, Now.AddDays(-30));

        Assert.Equal((Old, 2, LinkedBy.SameSession), (link.Lines[1].CartLine!.SessionId, link.Lines[1].CartLine!.LineNumber, link.Lines[1].LinkedBy));
    }

    [Fact]
    public void Link_UsesTheSessionTheHeaderNames_ByBuyerCookieOrSessionId()
    {
        var candidates = new[] { Cart(Old, 1, "0000000000000001", "PEN", cookie: "c-old"), Cart(New, 1, "0000000000000002", "PEN", cookie: "c-new") };

        var byCookie = OrderLinking.Link(Order(("PEN", null, 10, null)), ["c-old"], candidates, Now.AddDays(-30));
        var byId = OrderLinking.Link(Order(("PEN", null, 10, null)), [Old.ToString("D").ToUpperInvariant()], candidates, Now.AddDays(-30));

        Assert.Equal((Old, LinkedBy.SessionReference), (byCookie.SessionId, byCookie.Lines[0].LinkedBy));
        Assert.Equal(Old, byId.SessionId);
    }

    [Fact]
    public void Link_FallsBackToTheLatestRecentCartWithThePart_WhenTheOrderNamesNoSession()
    {
        var candidates = new[] { Cart(Old, 1, "0000000000000001", "PEN", daysAgo: 3), Cart(New, 1, "0000000000000002", "PEN", daysAgo: 45) };

        var link = OrderLinking.Link(Order(("PEN", null, 10, null), ("PEN", null, 5, null), ("GLUE", null, 1, null)), [], candidates, Now.AddDays(-30));

        Assert.Equal(Old, link.SessionId);
        Assert.Equal((Old, LinkedBy.RecentSession), (link.Lines[0].CartLine!.SessionId, link.Lines[0].LinkedBy));
        Assert.Null(link.Lines[1].CartLine); // the one recent PEN line serves one order line; the older cart is outside the 30 days
        Assert.Null(link.Lines[2].CartLine);
    }

    [Fact]
    public void Link_IsNotLinked_WhenNothingMatches()
    {
        var link = OrderLinking.Link(Order(("GLUE", "BLUE", 1, 2m)), ["unknown"], [Cart(Old, 1, "0000000000000001", "PEN")], Now.AddDays(-30));

        Assert.False(link.Linked);
        Assert.Null(link.Lines[0].CartLine);
    }

    [Fact]
    public void Link_RespectsTheCatalogAuxiliaryIdTheOrderNames()
    {
        var candidates = new[] { Cart(New, 1, "0000000000000001", "PAP", auxiliary: "BOX1"), Cart(New, 2, "0000000000000002", "PAP", auxiliary: "BOX5") };

        var link = OrderLinking.Link(Order(("PAP", "BOX5", 2, null)), [], candidates, Now.AddDays(-30));

        Assert.Equal(2, link.Lines[0].CartLine!.LineNumber);
    }
}

public sealed class OrderReconciliationTests
{
    private static readonly Guid Session = Guid.Parse("00000000-0000-0000-0000-00000000000b");
    private static readonly DateTimeOffset Since = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private static IReadOnlyList<ReviewFlag> Reconcile(Order order, IReadOnlyList<SessionCartLine> cart, IReadOnlyDictionary<int, CurrentPrice>? prices = null) =>
        OrderReconciliation.Compare(order, OrderLinking.Link(order, [], cart, Since), prices ?? new Dictionary<int, CurrentPrice>());

    [Fact]
    public void Compare_FlagsNothing_WhenTheOrderIsAsTheCartAndThePriceList()
    {
        var order = OrderLinkingTests.Order(("PEN", "ih-0000000000000001", 10, 0.8500m));

        var flags = Reconcile(order, [OrderLinkingTests.Cart(Session, 1, "0000000000000001", "PEN", 10, 0.85m)],
            new Dictionary<int, CurrentPrice> { [0] = new(0.85m, "EUR", "EA") });

        Assert.Empty(flags);
    }

    [Fact]
    public void Compare_FlagsEachDifference_WithWhatWasExpectedAndWhatCame()
    {
        var order = OrderLinkingTests.Order(("PEN", "ih-0000000000000001", 60, 0.80m), ("GLUE", null, 1, 2m));

        var flags = Reconcile(order, [OrderLinkingTests.Cart(Session, 1, "0000000000000001", "PEN", 10, 0.85m)],
            new Dictionary<int, CurrentPrice> { [0] = new(0.75m, "EUR", "EA") });

        Assert.Equal(
        [
            new ReviewFlag(ReviewKinds.Quantity, 0, "1", ReviewKinds.Cart, "10", "60"),
            new ReviewFlag(ReviewKinds.UnitPrice, 0, "1", ReviewKinds.Cart, "0.85", "0.8"),
            new ReviewFlag(ReviewKinds.UnitPrice, 0, "1", ReviewKinds.PriceList, "0.75", "0.8"),
            new ReviewFlag(ReviewKinds.NotInCart, 1, "2", ReviewKinds.Cart, null, "GLUE"),
        ], flags);
    }

    [Fact]
    public void Compare_FlagsTheUnitAndTheCurrency_InsteadOfComparingPricesInAnotherCurrency()
    {
        var order = OrderLinkingTests.Order(("PEN", "ih-0000000000000001", 10, 0.85m)) with { Currency = "USD" };
        order = order with { Lines = [order.Lines[0] with { UnitOfMeasure = "BX", Item = order.Lines[0].Item with { UnitPrice = new Money(0.85m, "USD") } }] };

        var flags = Reconcile(order, [OrderLinkingTests.Cart(Session, 1, "0000000000000001", "PEN")],
            new Dictionary<int, CurrentPrice> { [0] = new(0.85m, "EUR", "EA") });

        Assert.Equal(
        [
            new ReviewFlag(ReviewKinds.UnitOfMeasure, 0, "1", ReviewKinds.Cart, "EA", "BX"),
            new ReviewFlag(ReviewKinds.Currency, 0, "1", ReviewKinds.Cart, "EUR", "USD"),
            new ReviewFlag(ReviewKinds.Currency, 0, "1", ReviewKinds.PriceList, "EUR", "USD"),
        ], flags);
    }

    [Fact]
    public void Compare_FlagsNothing_WhenTheOrderIsNotLinked()
    {
        var order = OrderLinkingTests.Order(("GLUE", null, 1, 2m));

        Assert.Empty(Reconcile(order, [], new Dictionary<int, CurrentPrice> { [0] = new(9m, "EUR", "EA") }));
    }

    [Fact]
    public void UnitPrice_DividesByThePriceBasis_WhenItIsInTheOrderingUnit()
    {
        var line = OrderLinkingTests.Order(("PEN", null, 100, 85m)).Lines[0];

        Assert.Equal(0.85m, OrderReconciliation.UnitPrice(line with { Item = line.Item with { PriceBasis = new PriceBasis(100, "EA") } }));
        Assert.Null(OrderReconciliation.UnitPrice(line with { Item = line.Item with { PriceBasis = new PriceBasis(1, "KGM") } }));
        Assert.Equal(85m, OrderReconciliation.UnitPrice(line));
    }
}
