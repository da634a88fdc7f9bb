using System.Text.Json;
using System.Text.Json.Serialization;

namespace IntegrationHub.Stores;

/// <summary>One product as the catalog store sends it (docs/stores.md); every field may be missing in bad data, so the sync checks them.</summary>
public sealed record CatalogStoreProduct(string? SupplierPartId, string? SupplierPartAuxiliaryId, string? Description, string? LongText, string? Uom,
    decimal? UnitPrice, string? Currency, string? ManufacturerName = null, string? ManufacturerPartId = null, string? Unspsc = null,
    int? LeadTimeDays = null, string? CategoryId = null);

/// <summary>One category of the store's tree.</summary>
public sealed record CatalogStoreCategory(string? Id, string? ParentId, string? Name, int Position = 0);

/// <summary>A product's key: its supplier part id and auxiliary id ('' or missing when it has none).</summary>
public sealed record CatalogStorePart(string? SupplierPartId, string? SupplierPartAuxiliaryId = null);

/// <summary>One quantity break of a price list for one product.</summary>
public sealed record CatalogStorePrice(string? SupplierPartId, string? SupplierPartAuxiliaryId, decimal MinQuantity, decimal UnitPrice);

/// <summary>A buyer organisation's price list (or one contract's); its <see cref="Prices"/> replace the listed products' breaks in it.</summary>
public sealed record CatalogStorePriceList(string? BuyerOrg, string? ContractId, string? Name, IReadOnlyList<CatalogStorePrice>? Prices);

/// <summary>The stock of one product.</summary>
public sealed record CatalogStoreAvailability(string? SupplierPartId, string? SupplierPartAuxiliaryId, decimal OnHand);

/// <summary>A price list's key.</summary>
public sealed record CatalogStorePriceListKey(string? BuyerOrg, string? ContractId);

/// <summary>What the store deleted since the cursor.</summary>
public sealed record CatalogStoreDeletions(IReadOnlyList<CatalogStorePart>? Products = null, IReadOnlyList<string>? Categories = null,
    IReadOnlyList<CatalogStorePriceListKey>? PriceLists = null);

/// <summary>One page of changes since a cursor: what changed, what was deleted, and the cursor of the next page.</summary>
public sealed record CatalogStorePage(IReadOnlyList<CatalogStoreCategory>? Categories, IReadOnlyList<CatalogStoreProduct>? Products,
    IReadOnlyList<CatalogStorePriceList>? PriceLists, IReadOnlyList<CatalogStoreAvailability>? Availability, CatalogStoreDeletions? Deleted,
    string? NextCursor, bool HasMore);

/// <summary>How one page request ended.</summary>
public abstract record CatalogStoreResult
{
    public sealed record Page(CatalogStorePage Changes) : CatalogStoreResult;

    public sealed record Failed(string Reason, int? HttpStatus) : CatalogStoreResult;
}

[JsonSerializable(typeof(CatalogStorePage))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class CatalogStoreJson : JsonSerializerContext;
