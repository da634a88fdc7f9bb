namespace IntegrationHub.Canonical;

public enum OrderType
{
    New,
    Change,
    Cancel,
}

/// <summary>A buyer's purchase order, from a cXML OrderRequest or an X12 850.</summary>
public sealed record Order
{
    /// <summary>The buyer's order number (cXML orderID, X12 BEG03).</summary>
    public required string OrderNumber { get; init; }

    public OrderType Type { get; init; } = OrderType.New;

    /// <summary>For a change or cancel: the version or change sequence the buyer gave.</summary>
    public string? OrderVersion { get; init; }

    public Moment? OrderDate { get; init; }

    /// <summary>The order's currency, ISO 4217.</summary>
    public required string Currency { get; init; }

    public Moment? RequestedDeliveryDate { get; init; }

    public Moment? RequestedShipDate { get; init; }

    public IReadOnlyList<Party> Parties { get; init; } = [];

    public PaymentTerms? Terms { get; init; }

    public Transport? Transport { get; init; }

    public IReadOnlyList<Reference> References { get; init; } = [];

    public IReadOnlyList<Note> Notes { get; init; } = [];

    public IReadOnlyList<ChargeOrAllowance> ChargesAndAllowances { get; init; } = [];

    public IReadOnlyList<Tax> Taxes { get; init; } = [];

    public DocumentTotals? Totals { get; init; }

    public IReadOnlyList<Extrinsic> Extrinsics { get; init; } = [];

    public IReadOnlyList<OrderLine> Lines { get; init; } = [];
}

/// <summary>One line of an order.</summary>
public sealed record OrderLine
{
    /// <summary>The buyer's line number (cXML lineNumber, X12 PO101), as given.</summary>
    public required string LineNumber { get; init; }

    public required decimal Quantity { get; init; }

    /// <summary>UN/CEFACT Recommendation 20 code, such as <c>EA</c>, <c>H87</c> (piece), <c>BX</c>, <c>KGM</c>.</summary>
    public required string UnitOfMeasure { get; init; }

    public ItemDetail Item { get; init; } = ItemDetail.None;

    public Moment? RequestedDeliveryDate { get; init; }

    public Moment? RequestedShipDate { get; init; }

    public IReadOnlyList<ScheduleLine> Schedule { get; init; } = [];

    /// <summary>The line's own ship-to, where it differs from the order's.</summary>
    public Party? ShipTo { get; init; }

    public IReadOnlyList<AccountingSplit> Accounting { get; init; } = [];

    public IReadOnlyList<ChargeOrAllowance> ChargesAndAllowances { get; init; } = [];

    public IReadOnlyList<Tax> Taxes { get; init; } = [];

    public IReadOnlyList<Note> Notes { get; init; } = [];

    public IReadOnlyList<Extrinsic> Extrinsics { get; init; } = [];
}

/// <summary>Sums stated by a document; the hub compares them with its own sums rather than trusting them.</summary>
public sealed record DocumentTotals
{
    public Money? Subtotal { get; init; }

    public Money? Tax { get; init; }

    public Money? Shipping { get; init; }

    public Money? Charges { get; init; }

    public Money? Allowances { get; init; }

    public Money? Gross { get; init; }

    public Money? Net { get; init; }

    public Money? Due { get; init; }
}
