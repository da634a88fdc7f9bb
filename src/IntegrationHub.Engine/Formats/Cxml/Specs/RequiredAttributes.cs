using System.Collections.Frozen;

namespace IntegrationHub.Formats.Cxml.Specs;

/// <summary>
/// The attributes the cXML DTDs declare #REQUIRED on each element, loaded once from the embedded
/// <c>required-attributes.txt</c> (derived from the 1.2.069 DTDs; a test re-derives it from ../shared/cxml-dtd).
/// Names are interned, like the reader's atoms, so the reader's attribute lookups compare them by reference first.
/// </summary>
internal static class RequiredAttributes
{
    private static readonly FrozenDictionary<string, string[]> Table = Load();

    // Asked once per element read: the reader's element names are atoms, so most asks are answered by reference.
    private static readonly CxmlAtomCache<string[]> ByAtom = new(element => Table.TryGetValue(element, out var names) ? names : []);

    /// <summary>The #REQUIRED attribute names of an element, in the DTD's alphabetical table order; empty when it has none or is unknown.</summary>
    public static string[] Of(string element) => ByAtom.Get(element);

    /// <summary>True when the DTDs require the attribute on the element.</summary>
    public static bool IsRequired(string element, string attribute) => Array.IndexOf(Of(element), attribute) >= 0;

    /// <summary>Every element with at least one required attribute, for tests and documentation.</summary>
    public static IReadOnlyDictionary<string, string[]> All => Table;

    private static FrozenDictionary<string, string[]> Load()
    {
        using var stream = typeof(RequiredAttributes).Assembly.GetManifestResourceStream("IntegrationHub.Formats.Cxml.Specs.required-attributes.txt")
            ?? throw new InvalidOperationException("The embedded required-attributes.txt is missing from the Engine assembly.");
        using var reader = new StreamReader(stream);
        var table = new Dictionary<string, string[]>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#') continue;
            // Element names may contain ':' (ds:Signature); the separator is the last ": ".
            var colon = line.LastIndexOf(": ", StringComparison.Ordinal);
            table[string.Intern(line[..colon])] = [.. line[(colon + 2)..].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(string.Intern)];
        }
        return table.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
