namespace IntegrationHub.Canonical;

public enum DocumentPurpose
{
    Original,
    Replace,
    Cancel,
}

/// <summary>
/// A shipment (X12 856, cXML ShipNoticeRequest). Contents are flat and point at their package by SSCC, so one shipment
/// can be written in any 856 hierarchy (SOPI, SOTPI, SOI) or as cXML.
/// </summary>
public sealed record Shipment
{
    /// <summary>The shipper's shipment identifier (X12 BSN02, cXML shipmentID).</summary>
    public required string ShipmentId { get; init; }

    public DocumentPurpose Purpose { get; init; } = DocumentPurpose.Original;

    public Moment? NoticeDate { get; init; }

    public required Moment ShipDate { get; init; }

    public Moment? EstimatedDeliveryDate { get; init; }

    public Transport? Transport { get; init; }

    public IReadOnlyList<string> TrackingNumbers { get; init; } = [];

    public IReadOnlyList<Party> Parties { get; init; } = [];

    /// <summary>The orders this shipment fills, with their dates where known.</summary>
    public IReadOnlyList<OrderReference> Orders { get; init; } = [];

    public IReadOnlyList<Package> Packages { get; init; } = [];

    public IReadOnlyList<ShipmentLine> Contents { get; init; } = [];

    public IReadOnlyList<Extrinsic> Extrinsics { get; init; } = [];
}

/// <summary>
/// A reference to an order: by the buyer's order number, or (cXML) by the payloadID of the OrderRequest that carried it.
/// A document may give either or both; matching it to an order is the hub's work, not the map's.
/// </summary>
/// <param name="OrderNumber">The buyer's order number.</param>
/// <param name="OrderDate">The order's date, where given.</param>
/// <param name="DocumentId">The payloadID of the order document (cXML DocumentReference).</param>
public sealed record OrderReference(string? OrderNumber = null, Moment? OrderDate = null, string? DocumentId = null);

/// <summary>A physical package: a carton or a pallet, labelled with an SSCC-18.</summary>
public sealed record Package
{
    /// <summary>
    /// The Serial Shipping Container Code on the label, with its application identifier 00 as MAN*GM carries it (20 digits;
    /// see <see cref="Canonical.Sscc"/>). From a store, a value that is not a valid SSCC is its own reference: the hub labels the package.
    /// </summary>
    public string? Sscc { get; init; }

    /// <summary>For example <c>carton</c>, <c>pallet</c> (X12 PO1 packaging code or cXML packaging description).</summary>
    public string? Kind { get; init; }

    public string? TrackingNumber { get; init; }

    public decimal? GrossWeight { get; init; }

    /// <summary>UN/CEFACT code for the weight, such as <c>KGM</c> or <c>LBR</c>.</summary>
    public string? WeightUnit { get; init; }

    /// <summary>The SSCC of the pallet this carton is on, where there is one.</summary>
    public string? ParentSscc { get; init; }
}

/// <summary>A quantity of one order line in this shipment, and the package it is in (if packed).</summary>
public sealed record ShipmentLine
{
    public required string OrderNumber { get; init; }

    public required string LineNumber { get; init; }

    public required decimal Quantity { get; init; }

    public required string UnitOfMeasure { get; init; }

    public ItemDetail Item { get; init; } = ItemDetail.None;

    public string? PackageSscc { get; init; }

    public IReadOnlyList<string> SerialNumbers { get; init; } = [];

    public string? LotNumber { get; init; }
}
