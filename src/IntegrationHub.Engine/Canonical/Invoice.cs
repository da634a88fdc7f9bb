namespace IntegrationHub.Canonical;

public enum InvoicePurpose
{
    Standard,
    CreditMemo,
    DebitMemo,
    LineLevelCredit,
}

/// <summary>The supplier's bill (X12 810, cXML InvoiceDetailRequest).</summary>
public sealed record Invoice
{
    public required string InvoiceNumber { get; init; }

    public InvoicePurpose Purpose { get; init; } = InvoicePurpose.Standard;

    public DocumentPurpose Operation { get; init; } = DocumentPurpose.Original;

    public required Moment InvoiceDate { get; init; }

    public required string Currency { get; init; }

    public required OrderReference Order { get; init; }

    public string? ShipmentId { get; init; }

    public IReadOnlyList<Party> Parties { get; init; } = [];

    public PaymentTerms? Terms { get; init; }

    public Transport? Transport { get; init; }

    public IReadOnlyList<ChargeOrAllowance> ChargesAndAllowances { get; init; } = [];

    /// <summary>The tax summary.</summary>
    public IReadOnlyList<Tax> Taxes { get; init; } = [];

    public DocumentTotals? Totals { get; init; }

    public IReadOnlyList<Note> Notes { get; init; } = [];

    public IReadOnlyList<Extrinsic> Extrinsics { get; init; } = [];

    public IReadOnlyList<InvoiceLine> Lines { get; init; } = [];
}

/// <summary>One invoiced quantity of an order line.</summary>
public sealed record InvoiceLine
{
    public required string LineNumber { get; init; }

    /// <summary>The order line this bills, where it differs from <see cref="LineNumber"/>.</summary>
    public string? OrderLineNumber { get; init; }

    public required decimal Quantity { get; init; }

    public required string UnitOfMeasure { get; init; }

    public ItemDetail Item { get; init; } = ItemDetail.None;

    /// <summary>Quantity times unit price, as the document states it.</summary>
    public Money? Amount { get; init; }

    public IReadOnlyList<ChargeOrAllowance> ChargesAndAllowances { get; init; } = [];

    public IReadOnlyList<Tax> Taxes { get; init; } = [];

    public IReadOnlyList<Extrinsic> Extrinsics { get; init; } = [];
}
