namespace IntegrationHub.Canonical;

/// <summary>How a line's item is identified, by each party that names it.</summary>
public sealed record ItemIds
{
    public string? SupplierPartId { get; init; }

    /// <summary>The supplier's extra key for this exact configuration or punchout cart line (cXML SupplierPartAuxiliaryID).</summary>
    public string? SupplierPartAuxiliaryId { get; init; }

    public string? BuyerPartId { get; init; }

    public string? ManufacturerPartId { get; init; }

    public string? ManufacturerName { get; init; }

    /// <summary>A GTIN (UPC/EAN), 8 to 14 digits.</summary>
    public string? Gtin { get; init; }

    /// <summary>No ids: the one default of every item that states none (a record is never changed, only copied).</summary>
    internal static ItemIds None { get; } = new();
}

/// <summary>What a line is for and how it is priced: shared by orders, carts, acknowledgments and invoices.</summary>
public sealed record ItemDetail
{
    public ItemIds Ids { get; init; } = ItemIds.None;

    public string? Description { get; init; }

    public IReadOnlyList<Classification> Classifications { get; init; } = [];

    /// <summary>The price of one price unit.</summary>
    public Money? UnitPrice { get; init; }

    /// <summary>How the unit price is meant: the quantity and unit it is per, when not "per one ordering unit".</summary>
    public PriceBasis? PriceBasis { get; init; }

    public int? LeadTimeDays { get; init; }

    /// <summary>
    /// An item with nothing stated: the one default of every line's item, so that a line made with its own item does
    /// not first make (and drop) an empty one, with empty ids of its own.
    /// </summary>
    internal static ItemDetail None { get; } = new();
}

/// <summary>A unit price quoted per something other than one ordering unit, for example per 100 or per kilogram.</summary>
/// <param name="Quantity">How many of <paramref name="UnitOfMeasure"/> the price is for.</param>
/// <param name="UnitOfMeasure">UN/CEFACT Recommendation 20 code.</param>
/// <param name="ConversionFactor">Ordering units per price unit, where they differ.</param>
public sealed record PriceBasis(decimal Quantity, string UnitOfMeasure, decimal? ConversionFactor = null);

/// <summary>An accounting split of a line's cost: cost centre, GL account, project.</summary>
public sealed record AccountingSplit
{
    public IReadOnlyList<Extrinsic> Segments { get; init; } = [];

    public Money? Amount { get; init; }

    public decimal? Percent { get; init; }
}

/// <summary>A quantity due on a date: one of a line's delivery schedule.</summary>
public sealed record ScheduleLine(decimal Quantity, Moment RequestedDate, string? UnitOfMeasure = null);
