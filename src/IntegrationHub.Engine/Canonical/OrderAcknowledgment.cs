namespace IntegrationHub.Canonical;

public enum AcknowledgmentStatus
{
    Accepted,
    AcceptedWithChanges,
    Rejected,
}

public enum LineStatus
{
    Accepted,
    Changed,
    Backordered,
    Rejected,
    Delayed,
}

/// <summary>The supplier's answer to an order (X12 855, cXML ConfirmationRequest).</summary>
public sealed record OrderAcknowledgment
{
    public required string OrderNumber { get; init; }

    /// <summary>For the acknowledgment of an order change (X12 865): the buyer's change sequence it answers.</summary>
    public string? ChangeSequence { get; init; }

    public Moment? OrderDate { get; init; }

    /// <summary>The supplier's own number for this acknowledgment or for the order in its system.</summary>
    public string? AcknowledgmentNumber { get; init; }

    public Moment? AcknowledgmentDate { get; init; }

    public required AcknowledgmentStatus Status { get; init; }

    public string? Currency { get; init; }

    public IReadOnlyList<Party> Parties { get; init; } = [];

    public IReadOnlyList<Note> Notes { get; init; } = [];

    public DocumentTotals? Totals { get; init; }

    public IReadOnlyList<Extrinsic> Extrinsics { get; init; } = [];

    public IReadOnlyList<AcknowledgedLine> Lines { get; init; } = [];
}

/// <summary>The supplier's answer to one order line; a line may be split (part shipped now, part backordered).</summary>
public sealed record AcknowledgedLine
{
    public required string LineNumber { get; init; }

    /// <summary>For the acknowledgment of an order change (X12 865): the change the buyer asked for on this line.</summary>
    public LineChangeKind? Change { get; init; }

    public required LineStatus Status { get; init; }

    public required decimal Quantity { get; init; }

    public required string UnitOfMeasure { get; init; }

    public ItemDetail Item { get; init; } = ItemDetail.None;

    public Moment? ScheduledShipDate { get; init; }

    public Moment? ScheduledDeliveryDate { get; init; }

    public IReadOnlyList<Note> Notes { get; init; } = [];
}
