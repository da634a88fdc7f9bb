namespace IntegrationHub.Canonical;

/// <summary>What a change does to one line (X12 860 POC02; a cXML update restates the whole order instead).</summary>
public enum LineChangeKind
{
    Add,
    Delete,
    Change,
    QuantityIncrease,
    QuantityDecrease,
    PriceChange,
    DateChange,
    NoChange,
}

/// <summary>A buyer's change to an order it already sent, or its cancellation.</summary>
public sealed record OrderChange
{
    public required string OrderNumber { get; init; }

    /// <summary>Change or cancel.</summary>
    public OrderType Type { get; init; } = OrderType.Change;

    /// <summary>The buyer's change sequence or order version.</summary>
    public string? ChangeSequence { get; init; }

    public Moment? ChangeDate { get; init; }

    public Moment? OrderDate { get; init; }

    public string? Currency { get; init; }

    public IReadOnlyList<Party> Parties { get; init; } = [];

    public IReadOnlyList<Reference> References { get; init; } = [];

    public IReadOnlyList<Note> Notes { get; init; } = [];

    public IReadOnlyList<Extrinsic> Extrinsics { get; init; } = [];

    public IReadOnlyList<OrderLineChange> Lines { get; init; } = [];
}

/// <summary>One changed line: the kind of change and the line as it now stands.</summary>
public sealed record OrderLineChange
{
    public required string LineNumber { get; init; }

    public required LineChangeKind Kind { get; init; }

    /// <summary>The line's quantity after the change.</summary>
    public decimal? Quantity { get; init; }

    /// <summary>By how much the quantity changed, where the document says so.</summary>
    public decimal? QuantityChange { get; init; }

    public string? UnitOfMeasure { get; init; }

    public ItemDetail Item { get; init; } = ItemDetail.None;

    public Moment? RequestedDeliveryDate { get; init; }

    public IReadOnlyList<Note> Notes { get; init; } = [];
}
