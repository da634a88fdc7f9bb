using System.Collections.Frozen;

namespace IntegrationHub.Formats.Cxml.Specs;

/// <summary>The DTD child order of every cXML element, loaded once from the embedded <c>child-order.txt</c>.</summary>
internal static class ChildOrder
{
    private static readonly FrozenDictionary<string, FrozenDictionary<string, int>> Table = Load();

    /// <summary>The rank of a child under a parent, or -1 when the parent has no declared order or the child is not in it.</summary>
    public static int Rank(string parent, string child) =>
        Table.TryGetValue(parent, out var ranks) && ranks.TryGetValue(child, out var rank) ? rank : -1;

    /// <summary>The children of a parent in DTD order; empty when the parent has no declared order.</summary>
    public static IReadOnlyList<string> Children(string parent) =>
        Table.TryGetValue(parent, out var ranks) ? [.. ranks.OrderBy(r => r.Value).Select(r => r.Key)] : [];

    /// <summary>True when the DTD declares an element content model for the parent.</summary>
    public static bool IsKnown(string parent) => Table.ContainsKey(parent);

    private static FrozenDictionary<string, FrozenDictionary<string, int>> Load()
    {
        using var stream = typeof(ChildOrder).Assembly.GetManifestResourceStream("IntegrationHub.Formats.Cxml.Specs.child-order.txt")
            ?? throw new InvalidOperationException("The embedded child-order.txt is missing from the Engine assembly.");
        using var reader = new StreamReader(stream);
        var table = new Dictionary<string, FrozenDictionary<string, int>>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#') continue;
            // Element names may contain ':' (ds:Signature); the separator is the last ": ".
            var colon = line.LastIndexOf(": ", StringComparison.Ordinal);
            var children = line[(colon + 2)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            table[line[..colon]] = children.Select((name, index) => (name, index)).ToFrozenDictionary(pair => pair.name, pair => pair.index, StringComparer.Ordinal);
        }
        return table.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
