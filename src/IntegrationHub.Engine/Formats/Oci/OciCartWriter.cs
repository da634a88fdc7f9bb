using System.Globalization;
using System.Net;
using System.Text;
using IntegrationHub.Documents;
using IntegrationHub.Formats.Oci.Specs;

namespace IntegrationHub.Formats.Oci;

/// <summary>What to do with a value longer than its OCI field.</summary>
public enum OciLengthPolicy
{
    /// <summary>Cut it to the field's length and report a warning.</summary>
    Truncate,

    /// <summary>Leave the field out of the cart and report an error, so the partner sees nothing silently changed.</summary>
    Diagnose,
}

/// <summary>How the hub writes OCI carts for one buyer.</summary>
public sealed record OciWriterOptions
{
    /// <summary>The buyer's OCI version; fields of later versions are left out.</summary>
    public OciVersion Version { get; init; } = OciVersion.V40;

    /// <summary>What to do with values longer than their field.</summary>
    public OciLengthPolicy LengthPolicy { get; init; } = OciLengthPolicy.Truncate;

    /// <summary>The charset the buyer's system reads the post in (UTF-8, or ISO-8859-1 for legacy SAP).</summary>
    public string Charset { get; init; } = "UTF-8";

    /// <summary>Keep vendor fields that are not in the OCI specification (GTIN, TAX_CODE …).</summary>
    public bool KeepExtensionFields { get; init; } = true;
}

/// <summary>The page returned to the buyer's HOOK_URL and what the writer reported.</summary>
public sealed record OciCartForm(string Html, IReadOnlyList<Diagnostic> Diagnostics);

/// <summary>
/// Writes an OCI cart strictly: NEW_ITEM-FIELD[n] with n from 1, values HTML-escaped and held to their specified lengths,
/// numbers with a decimal point, LONGTEXT_n:132[], the buyer's charset, ~OkCode/~CALLER echoed, the form targeting ~TARGET.
/// </summary>
public static class OciCartWriter
{
    /// <summary>Renders the auto-submitting form for the items.</summary>
    public static OciCartForm Write(IReadOnlyList<OciItem> items, OciLoginRequest session, OciWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(session);
        options ??= new OciWriterOptions();
        var diagnostics = new List<Diagnostic>();
        var encoding = Encoding.GetEncoding(options.Charset, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html><head><meta charset=\"").Append(options.Charset).Append("\"><title>Returning your cart</title></head>\n");
        html.Append("<body onload=\"document.forms[0].submit()\">\n<form method=\"post\" action=\"").Append(WebUtility.HtmlEncode(session.HookUrl ?? string.Empty))
            .Append("\" target=\"").Append(WebUtility.HtmlEncode(session.Target)).Append("\" accept-charset=\"").Append(options.Charset).Append("\">\n");
        if (session.OkCode is not null) Hidden(html, "~OkCode", session.OkCode);
        if (session.Caller is not null) Hidden(html, "~CALLER", session.Caller);
        for (var position = 0; position < items.Count; position++)
        {
            var index = (position + 1).ToString(CultureInfo.InvariantCulture);
            foreach (var (field, raw) in items[position].Fields)
            {
                var name = $"NEW_ITEM-{field}[{index}]";
                var value = Value(field, raw, name, options, diagnostics);
                if (value is null) continue;
                Hidden(html, name, Encodable(value, name, encoding, diagnostics));
            }
            if (items[position].LongText is { Length: > 0 } longText)
                Hidden(html, $"NEW_ITEM-LONGTEXT_{index}:132[]", Encodable(longText, $"NEW_ITEM-LONGTEXT_{index}:132[]", encoding, diagnostics));
        }
        html.Append("<noscript><button type=\"submit\">Return the cart to your procurement system</button></noscript>\n</form>\n</body></html>\n");
        return new OciCartForm(html.ToString(), diagnostics);
    }

    private static string? Value(string field, string raw, string name, OciWriterOptions options, List<Diagnostic> diagnostics)
    {
        var at = new Position(-1, 0, 0, name);
        var spec = OciFields.Find(field);
        if (spec is null)
            return options.KeepExtensionFields ? raw : null;
        if (spec.Since > options.Version)
        {
            diagnostics.Add(new Diagnostic(OciCodes.NotInVersion, $"{name} is not an OCI {(options.Version == OciVersion.V40 ? "4.0" : "5.0")} field; left out.", Severity.Warning, at));
            return null;
        }
        var value = raw.Trim();
        if (spec.Kind != OciFieldKind.Text && value.Length > 0)
        {
            if (OciNumbers.Parse(value) is not { } number)
            {
                diagnostics.Add(new Diagnostic(OciCodes.InvalidNumber, $"{name} \"{value}\" is not a number; left out.", Severity.Error, at));
                return null;
            }
            value = spec.Kind == OciFieldKind.Integer ? decimal.Round(number).ToString(CultureInfo.InvariantCulture)
                : OciNumbers.Format(number, field == "PRICE" ? 2 : 0);
        }
        if (spec.MaxLength == 0 || value.Length <= spec.MaxLength) return value;
        if (options.LengthPolicy == OciLengthPolicy.Diagnose || spec.Kind != OciFieldKind.Text)
        {
            diagnostics.Add(new Diagnostic(OciCodes.TooLong, $"{name} has {value.Length} characters; OCI allows {spec.MaxLength}. Left out.", Severity.Error, at));
            return null;
        }
        diagnostics.Add(new Diagnostic(OciCodes.Truncated, $"{name} cut from {value.Length} to {spec.MaxLength} characters.", Severity.Warning, at));
        return value[..spec.MaxLength];
    }

    private static string Encodable(string value, string name, Encoding encoding, List<Diagnostic> diagnostics)
    {
        try
        {
            encoding.GetByteCount(value);
            return value;
        }
        catch (EncoderFallbackException)
        {
            diagnostics.Add(new Diagnostic(OciCodes.Unencodable, $"{name} has characters {encoding.WebName} cannot carry; they were replaced by '?'.",
                Severity.Warning, new Position(-1, 0, 0, name)));
            var lossy = Encoding.GetEncoding(encoding.WebName, new EncoderReplacementFallback("?"), DecoderFallback.ReplacementFallback);
            return lossy.GetString(lossy.GetBytes(value));
        }
    }

    private static void Hidden(StringBuilder html, string name, string value) =>
        html.Append("<input type=\"hidden\" name=\"").Append(WebUtility.HtmlEncode(name)).Append("\" value=\"").Append(WebUtility.HtmlEncode(value)).Append("\">\n");
}
