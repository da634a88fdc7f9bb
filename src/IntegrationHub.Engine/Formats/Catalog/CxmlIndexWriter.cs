using System.Globalization;
using System.Xml;
using IntegrationHub.Formats.Cxml;

namespace IntegrationHub.Formats.Catalog;

/// <summary>
/// Writes a cXML Index (a static catalog, <c>&lt;!DOCTYPE Index&gt;</c>): SupplierID, then one IndexItem of IndexItemAdd per
/// product (ItemID, ItemDetail with the buyer's UnitPrice, Description, UnitOfMeasure, UNSPSC Classification, manufacturer,
/// and IndexItemDetail with the LeadTime), in the DTD's child order. Items are written as they come (XmlWriter straight
/// to the stream), so a catalog of any size never sits in memory. An Index needs at least one item.
/// </summary>
public static class CxmlIndexWriter
{
    public static async Task WriteAsync(Stream output, CatalogSupplier supplier, string comment, IAsyncEnumerable<CatalogExportItem> items,
        CancellationToken cancellationToken)
    {
        var settings = new XmlWriterSettings { Async = true, Indent = true, Encoding = new System.Text.UTF8Encoding(false), CloseOutput = false };
        await using var xml = XmlWriter.Create(output, settings);
        await xml.WriteStartDocumentAsync();
        await xml.WriteDocTypeAsync("Index", null, CxmlDtd.SystemIdFor("Index", CxmlDtd.DefaultVersion), null);
        await xml.WriteStartElementAsync(null, "Index", null);
        await xml.WriteAttributeStringAsync(null, "loadmode", null, "Full");
        await xml.WriteStartElementAsync(null, "SupplierID", null);
        await xml.WriteAttributeStringAsync(null, "domain", null, supplier.Domain);
        await xml.WriteStringAsync(supplier.Id);
        await xml.WriteEndElementAsync();
        if (comment.Length > 0)
        {
            await xml.WriteStartElementAsync(null, "Comments", null);
            await xml.WriteAttributeStringAsync("xml", "lang", null, "en-US");
            await xml.WriteStringAsync(comment);
            await xml.WriteEndElementAsync();
        }
        var written = 0;
        await foreach (var item in items.WithCancellation(cancellationToken))
        {
            written++;
            await ItemAsync(xml, item);
            if (written % 1000 == 0) await xml.FlushAsync();
        }
        if (written == 0) throw new InvalidOperationException("An Index needs at least one item.");
        await xml.WriteEndElementAsync();
        await xml.WriteEndDocumentAsync();
    }

    private static async Task ItemAsync(XmlWriter xml, CatalogExportItem item)
    {
        await xml.WriteStartElementAsync(null, "IndexItem", null);
        await xml.WriteStartElementAsync(null, "IndexItemAdd", null);
        await xml.WriteStartElementAsync(null, "ItemID", null);
        await xml.WriteElementStringAsync(null, "SupplierPartID", null, item.SupplierPartId);
        if (item.SupplierPartAuxiliaryId.Length > 0) await xml.WriteElementStringAsync(null, "SupplierPartAuxiliaryID", null, item.SupplierPartAuxiliaryId);
        await xml.WriteEndElementAsync();

        await xml.WriteStartElementAsync(null, "ItemDetail", null);
        await xml.WriteStartElementAsync(null, "UnitPrice", null);
        await xml.WriteStartElementAsync(null, "Money", null);
        await xml.WriteAttributeStringAsync(null, "currency", null, item.Currency);
        await xml.WriteStringAsync(item.UnitPrice.ToString("0.####", CultureInfo.InvariantCulture));
        await xml.WriteEndElementAsync();
        await xml.WriteEndElementAsync();
        await xml.WriteStartElementAsync(null, "Description", null);
        await xml.WriteAttributeStringAsync("xml", "lang", null, "en");
        await xml.WriteStringAsync(item.Description);
        await xml.WriteEndElementAsync();
        await xml.WriteElementStringAsync(null, "UnitOfMeasure", null, item.Uom);
        await xml.WriteStartElementAsync(null, "Classification", null);
        await xml.WriteAttributeStringAsync(null, "domain", null, "UNSPSC");
        await xml.WriteStringAsync(item.Unspsc ?? string.Empty); // the DTD wants one Classification; an unknown code is left empty
        await xml.WriteEndElementAsync();
        if (item.ManufacturerPartId is { Length: > 0 } manufacturerPart) await xml.WriteElementStringAsync(null, "ManufacturerPartID", null, manufacturerPart);
        if (item.ManufacturerName is { Length: > 0 } manufacturer)
        {
            await xml.WriteStartElementAsync(null, "ManufacturerName", null);
            await xml.WriteAttributeStringAsync("xml", "lang", null, "en");
            await xml.WriteStringAsync(manufacturer);
            await xml.WriteEndElementAsync();
        }
        await xml.WriteEndElementAsync(); // ItemDetail

        await xml.WriteStartElementAsync(null, "IndexItemDetail", null);
        await xml.WriteElementStringAsync(null, "LeadTime", null, (item.LeadTimeDays ?? 0).ToString(CultureInfo.InvariantCulture));
        await xml.WriteEndElementAsync();
        await xml.WriteEndElementAsync(); // IndexItemAdd
        await xml.WriteEndElementAsync(); // IndexItem
    }
}
