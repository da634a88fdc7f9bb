using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using IntegrationHub.Documents;
using IntegrationHub.Formats.Oci.Specs;

namespace IntegrationHub.Formats.Oci;

/// <summary>An OCI cart as a buyer receives it: the form's target, its items in index order, and every other field.</summary>
public sealed record OciCart(string? Action, IReadOnlyList<OciItem> Items, IReadOnlyList<KeyValuePair<string, string>> OtherFields);

/// <summary>What reading an OCI form produced.</summary>
public sealed record OciCartResult(OciCart Cart, IReadOnlyList<Diagnostic> Diagnostics);

/// <summary>
/// Reads OCI carts leniently, as real ones arrive: any HTML around the form (even HTTP headers), either quote style,
/// out-of-order and gapped indexes, the long-text name variants seen in the wild, comma decimals, vendor fields.
/// </summary>
public static partial class OciCartReader
{
    /// <summary>Reads the NEW_ITEM fields of every input in the page.</summary>
    public static OciCartResult Read(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var inputs = new List<(string Name, string Value, Position At)>();
        foreach (Match input in InputTag().Matches(html))
        {
            var attributes = Attributes(input.Value);
            if (!attributes.TryGetValue("name", out var name)) continue;
            var line = 1 + html.AsSpan(0, input.Index).Count('\n');
            inputs.Add((name, attributes.GetValueOrDefault("value") ?? string.Empty, new Position(input.Index, line, 0, name)));
        }
        var action = FormAction().Match(html) is { Success: true } form ? Attributes(form.Value).GetValueOrDefault("action") : null;
        return Read(inputs, action);
    }

    /// <summary>Reads the NEW_ITEM fields of a cart as the HOOK_URL received them (the posted form's fields, in order).</summary>
    public static OciCartResult Read(IEnumerable<KeyValuePair<string, string>> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return Read([.. fields.Select((f, i) => (f.Key, f.Value, new Position(i, 0, 0, f.Key)))], null);
    }

    private static OciCartResult Read(List<(string Name, string Value, Position At)> inputs, string? action)
    {
        var diagnostics = new List<Diagnostic>();
        var items = new SortedDictionary<int, OciItem>();
        var others = new List<KeyValuePair<string, string>>();
        foreach (var (name, value, at) in inputs)
        {
            if (!name.StartsWith("NEW_ITEM-", StringComparison.OrdinalIgnoreCase))
            {
                others.Add(KeyValuePair.Create(name, value));
                continue;
            }
            if (!TryField(name, out var field, out var index))
            {
                diagnostics.Add(new Diagnostic(OciCodes.BadIndex, $"{name} has no item index; ignored.", Severity.Warning, at));
                continue;
            }
            if (!items.TryGetValue(index, out var item)) items[index] = item = new OciItem { Index = index };
            if (field == OciFields.LongText)
            {
                item.LongText = item.LongText is null ? value : item.LongText + value;
                continue;
            }
            item.Set(field, value.Trim());
            Check(field, value.Trim(), name, at, diagnostics);
        }
        if (items.Count == 0 && others.Count == 0)
            diagnostics.Add(new Diagnostic(OciCodes.NoItems, "The page holds no form fields.", Severity.Warning, Position.Unknown));
        return new OciCartResult(new OciCart(action, items.Values.ToList(), others), diagnostics);
    }

    private static void Check(string field, string value, string name, Position at, List<Diagnostic> diagnostics)
    {
        var spec = OciFields.Find(field);
        if (spec is null || value.Length == 0) return;
        if (spec.Kind != OciFieldKind.Text && OciNumbers.Parse(value) is null)
            diagnostics.Add(new Diagnostic(OciCodes.InvalidNumber, $"{name} \"{value}\" is not a number.", Severity.Warning, at));
        if (spec.MaxLength > 0 && value.Length > spec.MaxLength)
            diagnostics.Add(new Diagnostic(OciCodes.TooLong, $"{name} has {value.Length} characters; OCI allows {spec.MaxLength}.", Severity.Warning, at));
    }

    // NEW_ITEM-FIELD[n], and for long texts LONGTEXT_n:132[], LONGTEXT_n:132, LONGTEXT_n:132[n], LONGTEXT:132[n], LONGTEXT[n], LONGTEXT_n:132[][n].
    private static bool TryField(string name, out string field, out int index)
    {
        var longText = LongTextName().Match(name);
        if (longText.Success)
        {
            field = OciFields.LongText;
            var number = longText.Groups["a"].Success ? longText.Groups["a"].Value : longText.Groups["b"].Value;
            return int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out index) && index > 0;
        }
        var plain = FieldName().Match(name);
        field = plain.Success ? plain.Groups["field"].Value.ToUpperInvariant() : string.Empty;
        index = 0;
        return plain.Success && int.TryParse(plain.Groups["index"].Value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out index) && index > 0;
    }

    private static Dictionary<string, string> Attributes(string tag)
    {
        var attributes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match attribute in Attribute().Matches(tag))
        {
            var value = attribute.Groups["dq"].Success ? attribute.Groups["dq"].Value
                : attribute.Groups["sq"].Success ? attribute.Groups["sq"].Value : attribute.Groups["bare"].Value;
            attributes.TryAdd(attribute.Groups["name"].Value, WebUtility.HtmlDecode(value));
        }
        return attributes;
    }

    [GeneratedRegex(@"<input\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InputTag();

    [GeneratedRegex(@"<form\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex FormAction();

    [GeneratedRegex(@"(?<name>[\w:~\-]+)\s*=\s*(?:""(?<dq>[^""]*)""|'(?<sq>[^']*)'|(?<bare>[^\s>]+))")]
    private static partial Regex Attribute();

    [GeneratedRegex(@"^NEW_ITEM-(?<field>[A-Za-z0-9_]+)\[(?<index>\s*\d+\s*)\]$", RegexOptions.IgnoreCase)]
    private static partial Regex FieldName();

    [GeneratedRegex(@"^NEW_ITEM-LONGTEXT(?:_(?<a>\d+))?(?::132)?(?:\[\])?(?:\[(?<b>\d+)\])?$", RegexOptions.IgnoreCase)]
    private static partial Regex LongTextName();
}
