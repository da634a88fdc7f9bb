namespace IntegrationHub.Formats.Oci;

/// <summary>
/// One OCI cart line: every NEW_ITEM field by name (vendor extensions included) plus the long text, with typed accessors for
/// the fields the hub uses.
/// </summary>
public sealed class OciItem
{
    private readonly Dictionary<string, string> _fields = new(StringComparer.Ordinal);

    /// <summary>The item's 1-based index in the form.</summary>
    public int Index { get; init; }

    /// <summary>The fields by OCI name without the NEW_ITEM- prefix and index (DESCRIPTION, PRICE, GTIN …).</summary>
    public IReadOnlyDictionary<string, string> Fields => _fields;

    /// <summary>The long text (LONGTEXT_n:132[] and its variants), or null.</summary>
    public string? LongText { get; set; }

    /// <summary>DESCRIPTION.</summary>
    public string? Description => Get("DESCRIPTION");

    /// <summary>QUANTITY as a number, or null.</summary>
    public decimal? Quantity => Number("QUANTITY");

    /// <summary>UNIT.</summary>
    public string? Unit => Get("UNIT");

    /// <summary>PRICE (per PRICEUNIT) as a number, or null.</summary>
    public decimal? Price => Number("PRICE");

    /// <summary>PRICEUNIT as a number; 1 when absent or empty.</summary>
    public decimal PriceUnit => Number("PRICEUNIT") is { } unit and > 0 ? unit : 1;

    /// <summary>CURRENCY.</summary>
    public string? Currency => Get("CURRENCY");

    /// <summary>VENDORMAT (the supplier part number).</summary>
    public string? VendorMaterial => Get("VENDORMAT");

    /// <summary>EXT_PRODUCT_ID (the catalogue's key for DETAIL/VALIDATE).</summary>
    public string? ExternalProductId => Get("EXT_PRODUCT_ID");

    /// <summary>The value of a field, or null when absent or empty.</summary>
    public string? Get(string field) => _fields.TryGetValue(field, out var value) && value.Length > 0 ? value : null;

    /// <summary>Sets a field's value.</summary>
    public OciItem Set(string field, string value)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(value);
        _fields[field] = value;
        return this;
    }

    private decimal? Number(string field) => Get(field) is { } text ? OciNumbers.Parse(text) : null;
}
