using System.Text;
using System.Text.RegularExpressions;

namespace IntegrationHub.Formats.Cxml;

/// <summary>
/// Derives the #REQUIRED attributes of every element from DTD text, independently of the Engine's embedded table, so a test
/// can prove the table is the DTDs' facts: comments and IGNORE sections dropped, parameter entities expanded (the first
/// declaration wins, as in XML), each ATTLIST's attribute definitions read as name, type, default.
/// </summary>
internal static partial class DtdRequiredAttributes
{
    /// <summary>Element → its #REQUIRED attribute names, for one DTD's text.</summary>
    public static Dictionary<string, SortedSet<string>> From(string dtd)
    {
        var text = Comment().Replace(dtd, " ");
        text = IgnoredSection().Replace(text, " ");
        var entities = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match match in ParameterEntity().Matches(text))
            entities.TryAdd(match.Groups["name"].Value, match.Groups["double"].Success ? match.Groups["double"].Value : match.Groups["single"].Value);

        var required = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (Match list in AttributeList().Matches(text))
        {
            var body = Expand(list.Groups["body"].Value, entities);
            var element = list.Groups["element"].Value;
            var names = required.TryGetValue(element, out var known) ? known : required[element] = new SortedSet<string>(StringComparer.Ordinal);
            foreach (Match definition in AttributeDefinition().Matches(body))
            {
                if (definition.Groups["default"].Value == "#REQUIRED") names.Add(definition.Groups["name"].Value);
            }
        }
        foreach (var empty in required.Where(pair => pair.Value.Count == 0).Select(pair => pair.Key).ToList()) required.Remove(empty);
        return required;
    }

    /// <summary>
    /// The table for several DTDs: an element declared in more than one keeps only the attributes every one of them
    /// requires (a reader that accepts any of the families must not demand more than the loosest).
    /// </summary>
    public static SortedDictionary<string, SortedSet<string>> Merged(IEnumerable<string> dtds)
    {
        var merged = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var table in dtds.Select(From))
        {
            foreach (var (element, names) in table)
            {
                if (merged.TryGetValue(element, out var known)) known.IntersectWith(names);
                else merged[element] = new SortedSet<string>(names, StringComparer.Ordinal);
            }
        }
        foreach (var empty in merged.Where(pair => pair.Value.Count == 0).Select(pair => pair.Key).ToList()) merged.Remove(empty);
        return merged;
    }

    /// <summary>The table in the embedded file's line form (<c>Element: attribute attribute</c>), without its comment header.</summary>
    public static string Lines(SortedDictionary<string, SortedSet<string>> table)
    {
        var builder = new StringBuilder();
        foreach (var (element, names) in table) builder.Append(element).Append(": ").AppendJoin(' ', names).Append('\n');
        return builder.ToString();
    }

    private static string Expand(string text, Dictionary<string, string> entities)
    {
        for (var pass = 0; pass < 16 && text.Contains('%', StringComparison.Ordinal); pass++)
            text = EntityReference().Replace(text, match => entities.TryGetValue(match.Groups["name"].Value, out var value) ? " " + value + " " : match.Value);
        return text;
    }

    [GeneratedRegex("<!--.*?-->", RegexOptions.Singleline)]
    private static partial Regex Comment();

    // The DTDs' only conditional section is the SGML-help one, declared IGNORE.
    [GeneratedRegex(@"<!\[\s*%SGML-help;\s*\[.*?\]\]>", RegexOptions.Singleline)]
    private static partial Regex IgnoredSection();

    [GeneratedRegex("""<!ENTITY\s+%\s+(?<name>[\w.:-]+)\s+(?:"(?<double>[^"]*)"|'(?<single>[^']*)')\s*>""")]
    private static partial Regex ParameterEntity();

    [GeneratedRegex(@"%(?<name>[\w.:-]+);")]
    private static partial Regex EntityReference();

    [GeneratedRegex("""<!ATTLIST\s+(?<element>[^\s>]+)(?<body>(?:[^>"']|"[^"]*"|'[^']*')*)>""")]
    private static partial Regex AttributeList();

    [GeneratedRegex("""(?<name>[\w.:-]+)\s+(?<type>\([^)]*\)|NOTATION\s*\([^)]*\)|[\w.:-]+)\s+(?<default>#REQUIRED|#IMPLIED|#FIXED\s*(?:"[^"]*"|'[^']*')|"[^"]*"|'[^']*')""")]
    private static partial Regex AttributeDefinition();
}
