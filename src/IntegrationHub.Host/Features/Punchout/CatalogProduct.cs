namespace IntegrationHub.Features.Punchout;

/// <summary>A catalog product with the price one buyer pays for a given quantity, and what is on hand.</summary>
internal sealed record CatalogProduct(
    long Id, string SupplierPartId, string SupplierPartAuxiliaryId, string Description, string? LongText, string Uom, decimal ListPrice,
    string Currency, string? ManufacturerName, string? ManufacturerPartId, string? Unspsc, int? LeadTimeDays, string? CategoryId,
    decimal? OnHand, decimal BuyerPrice)
{
    /// <summary>The catalog's key for the product in OCI (EXT_PRODUCT_ID, and PRODUCTID in DETAIL and VALIDATE).</summary>
    public string Key => ProductKey(SupplierPartId, SupplierPartAuxiliaryId);

    public static string ProductKey(string supplierPartId, string auxiliaryId) =>
        auxiliaryId.Length == 0 ? supplierPartId : $"{supplierPartId}|{auxiliaryId}";
}

/// <summary>One quantity break: from <paramref name="MinQuantity"/> units on, each costs <paramref name="UnitPrice"/>.</summary>
internal sealed record PriceBreak(decimal MinQuantity, decimal UnitPrice);

/// <summary>A catalog category.</summary>
internal sealed record CatalogCategory(string Id, string? ParentId, string Name, int Products);

/// <summary>Whose prices apply: the buyer organisation and, when the session names one, its contract.</summary>
internal sealed record Buyer(string Org, string? Contract);
