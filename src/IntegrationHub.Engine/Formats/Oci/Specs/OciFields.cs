namespace IntegrationHub.Formats.Oci.Specs;

/// <summary>How an OCI field's value is formed.</summary>
internal enum OciFieldKind
{
    Text,
    Decimal,
    Integer,
}

/// <summary>One NEW_ITEM field of the OCI specification: its length (0 = unlimited), kind and the version that introduced it.</summary>
internal sealed record OciField(string Name, int MaxLength, OciFieldKind Kind, OciVersion Since);

/// <summary>The NEW_ITEM fields of OCI 4.0 and 5.0 with their specified lengths.</summary>
internal static class OciFields
{
    public const string LongText = "LONGTEXT";

    public static IReadOnlyList<OciField> All { get; } =
    [
        new("DESCRIPTION", 40, OciFieldKind.Text, OciVersion.V40),
        new("MATNR", 40, OciFieldKind.Text, OciVersion.V40),
        new("MATGROUP", 10, OciFieldKind.Text, OciVersion.V40),
        new("QUANTITY", 15, OciFieldKind.Decimal, OciVersion.V40),
        new("UNIT", 3, OciFieldKind.Text, OciVersion.V40),
        new("PRICE", 15, OciFieldKind.Decimal, OciVersion.V40),
        new("PRICEUNIT", 5, OciFieldKind.Decimal, OciVersion.V40),
        new("CURRENCY", 5, OciFieldKind.Text, OciVersion.V40),
        new("LEADTIME", 5, OciFieldKind.Integer, OciVersion.V40),
        new(LongText, 0, OciFieldKind.Text, OciVersion.V40),
        new("VENDOR", 10, OciFieldKind.Text, OciVersion.V40),
        new("VENDORMAT", 40, OciFieldKind.Text, OciVersion.V40),
        new("MANUFACTCODE", 10, OciFieldKind.Text, OciVersion.V40),
        new("MANUFACTMAT", 40, OciFieldKind.Text, OciVersion.V40),
        new("SERVICE", 1, OciFieldKind.Text, OciVersion.V40),
        new("CONTRACT", 10, OciFieldKind.Text, OciVersion.V40),
        new("CONTRACT_ITEM", 5, OciFieldKind.Text, OciVersion.V40),
        new("EXT_QUOTE_ID", 35, OciFieldKind.Text, OciVersion.V40),
        new("EXT_QUOTE_ITEM", 10, OciFieldKind.Text, OciVersion.V40),
        new("EXT_PRODUCT_ID", 40, OciFieldKind.Text, OciVersion.V40),
        new("ATTACHMENT", 255, OciFieldKind.Text, OciVersion.V40),
        new("ATTACHMENT_TITLE", 255, OciFieldKind.Text, OciVersion.V40),
        new("ATTACHMENT_PURPOSE", 1, OciFieldKind.Text, OciVersion.V40),
        new("EXT_SCHEMA_TYPE", 10, OciFieldKind.Text, OciVersion.V40),
        new("EXT_CATEGORY_ID", 60, OciFieldKind.Text, OciVersion.V40),
        new("EXT_CATEGORY", 40, OciFieldKind.Text, OciVersion.V40),
        new("SLD_SYS_NAME", 60, OciFieldKind.Text, OciVersion.V40),
        new("CUST_FIELD1", 10, OciFieldKind.Text, OciVersion.V40),
        new("CUST_FIELD2", 10, OciFieldKind.Text, OciVersion.V40),
        new("CUST_FIELD3", 10, OciFieldKind.Text, OciVersion.V40),
        new("CUST_FIELD4", 20, OciFieldKind.Text, OciVersion.V40),
        new("CUST_FIELD5", 50, OciFieldKind.Text, OciVersion.V40),
        new("TAX", 5, OciFieldKind.Text, OciVersion.V50),
    ];

    private static readonly Dictionary<string, OciField> ByName = All.ToDictionary(field => field.Name, StringComparer.Ordinal);

    public static OciField? Find(string name) => ByName.GetValueOrDefault(name);
}
