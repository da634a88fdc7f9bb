namespace IntegrationHub.Formats.Catalog;

/// <summary>One product as a static catalog file lists it, priced for one buyer.</summary>
/// <param name="SupplierPartId">The supplier's part number.</param>
/// <param name="SupplierPartAuxiliaryId">The auxiliary id; empty when the part has none.</param>
/// <param name="Description">The description.</param>
/// <param name="Uom">UN/CEFACT unit of measure.</param>
/// <param name="UnitPrice">The buyer's price for one unit.</param>
/// <param name="Currency">ISO 4217.</param>
/// <param name="ListPrice">The supplier's list (market) price.</param>
/// <param name="Unspsc">Eight-digit UNSPSC code, if known.</param>
/// <param name="ManufacturerName">The manufacturer, if known.</param>
/// <param name="ManufacturerPartId">The manufacturer's part number, if known.</param>
/// <param name="LeadTimeDays">Days from order to delivery, if known.</param>
public sealed record CatalogExportItem(string SupplierPartId, string SupplierPartAuxiliaryId, string Description, string Uom, decimal UnitPrice,
    string Currency, decimal ListPrice, string? Unspsc, string? ManufacturerName, string? ManufacturerPartId, int? LeadTimeDays);

/// <summary>Who the catalog is from, as the file names the supplier (cXML SupplierID, CIF Supplier ID and SUPPLIERID_DOMAIN).</summary>
/// <param name="Domain">Such as <c>DUNS</c> or <c>NetworkID</c>.</param>
/// <param name="Id">The supplier's id in that domain.</param>
public sealed record CatalogSupplier(string Domain, string Id);
