using System.Globalization;
using IntegrationHub.Documents;
using IntegrationHub.Formats.Oci;

namespace IntegrationHub.Translation;

/// <summary>An OCI login, search or function call as the hub's punchout sees it (the password is only for checking, never kept).</summary>
/// <param name="HookUrl">HOOK_URL: where the cart form posts.</param>
/// <param name="Username">USERNAME.</param>
/// <param name="Password">PASSWORD.</param>
/// <param name="Target">~TARGET: the frame the cart form posts into (<c>_top</c> when none is sent).</param>
/// <param name="OkCode">~OkCode, echoed in the cart form.</param>
/// <param name="Caller">~CALLER, echoed in the cart form.</param>
/// <param name="Version">"4.0" or "5.0".</param>
/// <param name="Function">LOGIN (no FUNCTION sent), DETAIL, VALIDATE, BACKGROUND_SEARCH, DETAILADD or SOURCING.</param>
/// <param name="ProductId">PRODUCTID of DETAIL and VALIDATE.</param>
/// <param name="Quantity">QUANTITY of VALIDATE.</param>
/// <param name="SearchString">SEARCHSTRING of BACKGROUND_SEARCH.</param>
public sealed record OciCall(
    string? HookUrl, string? Username, string? Password, string Target, string? OkCode, string? Caller, string Version, string Function,
    string? ProductId, decimal? Quantity, string? SearchString)
{
    /// <summary>A rendering safe to log: the password is redacted.</summary>
    public override string ToString() =>
        $"OCI {Version} {Function} user={Username ?? "(none)"} password={(Password is null ? "(none)" : "[redacted]")} hook={HookUrl} target={Target}";
}

/// <summary>One line of a cart or search answer, in the hub's terms; written out as the NEW_ITEM-* fields.</summary>
/// <param name="Description">DESCRIPTION.</param>
/// <param name="Quantity">QUANTITY.</param>
/// <param name="Unit">UNIT: the UN/CEFACT unit code.</param>
/// <param name="Price">PRICE: the price per <paramref name="PriceUnit"/> units.</param>
/// <param name="PriceUnit">PRICEUNIT.</param>
/// <param name="Currency">CURRENCY.</param>
/// <param name="LeadTimeDays">LEADTIME in days.</param>
/// <param name="VendorMaterial">VENDORMAT: the supplier part number.</param>
/// <param name="ExternalProductId">EXT_PRODUCT_ID: the catalog's key for the product (what DETAIL and VALIDATE send back as PRODUCTID).</param>
/// <param name="ManufacturerMaterial">MANUFACTMAT: the manufacturer's part number.</param>
/// <param name="Classification">The UNSPSC code (MATGROUP and EXT_CATEGORY_ID, with EXT_SCHEMA_TYPE UNSPSC).</param>
/// <param name="LongText">The long text (NEW_ITEM-LONGTEXT_n:132[]).</param>
public sealed record OciCartLine(
    string Description, decimal Quantity, string Unit, decimal Price, decimal PriceUnit, string Currency, int? LeadTimeDays,
    string VendorMaterial, string ExternalProductId, string? ManufacturerMaterial, string? Classification,
    string? LongText);

/// <summary>One item of an OCI cart as a buyer received it (lenient: any field may be missing or unreadable, then null).</summary>
/// <param name="Index">The item's index in the form (the n of NEW_ITEM-…[n]).</param>
/// <param name="VendorMaterial">VENDORMAT.</param>
/// <param name="ExternalProductId">EXT_PRODUCT_ID.</param>
/// <param name="Description">DESCRIPTION.</param>
/// <param name="Quantity">QUANTITY.</param>
/// <param name="Unit">UNIT.</param>
/// <param name="Price">PRICE (per PRICEUNIT).</param>
/// <param name="PriceUnit">PRICEUNIT (1 when absent).</param>
/// <param name="Currency">CURRENCY.</param>
/// <param name="Classification">MATGROUP, else EXT_CATEGORY_ID.</param>
/// <param name="Fields">Every NEW_ITEM field of the item by name, without prefix and index (DESCRIPTION, PRICE …).</param>
/// <param name="LongText">The long text, or null.</param>
public sealed record OciReceivedLine(
    int Index, string? VendorMaterial, string? ExternalProductId, string? Description, decimal? Quantity, string? Unit, decimal? Price,
    decimal PriceUnit, string? Currency, string? Classification, IReadOnlyDictionary<string, string> Fields, string? LongText);

/// <summary>The OCI side of the hosted punchout: reading the buyer's parameters and writing the cart form back.</summary>
public static class OciPunchout
{
    /// <summary>Reads login, search or function parameters (form and query together); errors are diagnostics.</summary>
    public static (OciCall Call, IReadOnlyList<Diagnostic> Diagnostics) Read(IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var result = OciLoginRequest.Parse(parameters);
        var request = result.Request;
        var call = new OciCall(request.HookUrl, request.Username, request.Password, request.Target, request.OkCode, request.Caller,
            request.Version == OciVersion.V50 ? "5.0" : "4.0", FunctionName(request.Function), request.ProductId, request.Quantity, request.SearchString);
        return (call, result.Diagnostics);
    }

    /// <summary>The auto-submitting form that posts <paramref name="lines"/> to the call's HOOK_URL and ~TARGET.</summary>
    public static (string Html, IReadOnlyList<Diagnostic> Diagnostics) CartForm(IReadOnlyList<OciCartLine> lines, OciCall call)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(call);
        var version = call.Version == "5.0" ? OciVersion.V50 : OciVersion.V40;
        var session = new OciLoginRequest(call.HookUrl, null, null, call.Target, call.OkCode, call.Caller, version, OciFunction.Login,
            null, null, null, new Dictionary<string, string>());
        var form = OciCartWriter.Write([.. lines.Select(Item)], session, new OciWriterOptions { Version = version });
        return (form.Html, form.Diagnostics);
    }

    /// <summary>
    /// Reads a cart as the HOOK_URL received it (the posted fields in order): the items by index, the other fields (~OkCode,
    /// ~CALLER …), and warnings for fields that cannot be read.
    /// </summary>
    public static (IReadOnlyList<OciReceivedLine> Lines, IReadOnlyList<KeyValuePair<string, string>> Other, IReadOnlyList<Diagnostic> Diagnostics) ReadCart(
        IEnumerable<KeyValuePair<string, string>> fields)
    {
        var read = OciCartReader.Read(fields);
        var lines = read.Cart.Items.Select(i => new OciReceivedLine(i.Index, i.VendorMaterial, i.ExternalProductId, i.Description, i.Quantity, i.Unit,
            i.Price, i.PriceUnit, i.Currency, i.Get("MATGROUP") ?? i.Get("EXT_CATEGORY_ID"), i.Fields, i.LongText)).ToList();
        return (lines, read.Cart.OtherFields, read.Diagnostics);
    }

    private static OciItem Item(OciCartLine line)
    {
        var item = new OciItem { LongText = line.LongText };
        item.Set("DESCRIPTION", line.Description)
            .Set("QUANTITY", Number(line.Quantity))
            .Set("UNIT", line.Unit)
            .Set("PRICE", Number(line.Price))
            .Set("PRICEUNIT", Number(line.PriceUnit))
            .Set("CURRENCY", line.Currency)
            .Set("VENDORMAT", line.VendorMaterial)
            .Set("EXT_PRODUCT_ID", line.ExternalProductId);
        if (line.LeadTimeDays is { } days) item.Set("LEADTIME", days.ToString(CultureInfo.InvariantCulture));
        if (line.ManufacturerMaterial is { Length: > 0 } material) item.Set("MANUFACTMAT", material);
        if (line.Classification is { Length: > 0 } unspsc) item.Set("MATGROUP", unspsc).Set("EXT_SCHEMA_TYPE", "UNSPSC").Set("EXT_CATEGORY_ID", unspsc);
        return item;
    }

    private static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string FunctionName(OciFunction function) => function switch
    {
        OciFunction.Detail => "DETAIL",
        OciFunction.Validate => "VALIDATE",
        OciFunction.BackgroundSearch => "BACKGROUND_SEARCH",
        OciFunction.DetailAdd => "DETAILADD",
        OciFunction.Sourcing => "SOURCING",
        _ => "LOGIN",
    };
}
