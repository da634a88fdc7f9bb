using System.Globalization;
using System.Text;

namespace IntegrationHub.Formats.Catalog;

/// <summary>
/// Writes a CIF 3.0 catalog (Catalog Interchange Format): the <c>CIF_I_V3.0</c> line, the header attributes, the
/// <c>FIELDNAMES</c>, one comma-separated line per item between <c>DATA</c> and <c>ENDOFDATA</c>. Fields with a comma, a
/// quote or a line break are quoted with inner quotes doubled; line breaks become spaces (a CIF line is one item).
/// Items are written as they come, so a catalog of any size never sits in memory.
/// </summary>
public static class CifWriter
{
    public static readonly IReadOnlyList<string> FieldNames =
    [
        "Supplier ID", "Supplier Part ID", "Manufacturer Part ID", "Item Description", "SPSC Code", "Unit Price", "Unit of Measure", "Lead Time",
        "Manufacturer Name", "Supplier URL", "Manufacturer URL", "Market Price", "Supplier Part Auxiliary ID", "Language", "Currency", "Short Name",
    ];

    /// <summary>Writes the catalog of <paramref name="itemCount"/> items (ITEMCOUNT comes before the items) to <paramref name="output"/> as UTF-8.</summary>
    public static async Task WriteAsync(Stream output, CatalogSupplier supplier, int itemCount, DateTimeOffset timestamp, string comment,
        IAsyncEnumerable<CatalogExportItem> items, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), 64 * 1024, leaveOpen: true) { NewLine = "\r\n" };
        await writer.WriteLineAsync("CIF_I_V3.0");
        await writer.WriteLineAsync("CHARSET: UTF-8");
        await writer.WriteLineAsync("LOADMODE: F");
        await writer.WriteLineAsync("CODEFORMAT: UNSPSC");
        await writer.WriteLineAsync("SUPPLIERID_DOMAIN: " + Line(supplier.Domain));
        await writer.WriteLineAsync("ITEMCOUNT: " + itemCount.ToString(CultureInfo.InvariantCulture));
        await writer.WriteLineAsync("TIMESTAMP: " + timestamp.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        await writer.WriteLineAsync("UNUOM: TRUE");
        await writer.WriteLineAsync("COMMENTS: " + Line(comment));
        await writer.WriteLineAsync("FIELDNAMES: " + string.Join(",", FieldNames));
        await writer.WriteLineAsync("DATA");
        var written = 0;
        var line = new StringBuilder(256);
        await foreach (var item in items.WithCancellation(cancellationToken))
        {
            if (++written > itemCount) throw new InvalidOperationException($"More items than the ITEMCOUNT {itemCount} the header announced.");
            line.Clear();
            Fields(line, supplier.Id, item.SupplierPartId, item.ManufacturerPartId, item.Description, item.Unspsc, Number(item.UnitPrice), item.Uom,
                item.LeadTimeDays?.ToString(CultureInfo.InvariantCulture), item.ManufacturerName, null, null, Number(item.ListPrice),
                item.SupplierPartAuxiliaryId, "en_US", item.Currency, null);
            await writer.WriteLineAsync(line, cancellationToken);
        }
        if (written != itemCount) throw new InvalidOperationException($"{written} items, not the ITEMCOUNT {itemCount} the header announced.");
        await writer.WriteLineAsync("ENDOFDATA");
    }

    /// <summary>One field as CIF writes it: quoted when it holds a comma, a quote or a line break, with inner quotes doubled.</summary>
    public static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value)) return string.Empty;
        var text = Line(value);
        return text.AsSpan().IndexOfAny(",\"") < 0 && text.Trim().Length == text.Length ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    private static void Fields(StringBuilder line, params string?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (i > 0) line.Append(',');
            line.Append(Field(values[i]));
        }
    }

    private static string Number(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    // A CIF record is one line: line breaks inside a value become spaces.
    private static string Line(string value) => value.ReplaceLineEndings(" ");
}
