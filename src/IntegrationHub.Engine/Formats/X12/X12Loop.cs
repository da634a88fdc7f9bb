namespace IntegrationHub.Formats.X12;

/// <summary>One instance of a loop in a read transaction set: its segments and inner loops, in order.</summary>
internal sealed class X12Loop(string id)
{
    public string Id { get; } = id;

    public List<X12LoopItem> Items { get; } = [];

    public IEnumerable<X12Segment> Segments => Items.Where(item => item.Segment is not null).Select(item => item.Segment!);

    public IEnumerable<X12Loop> Loops => Items.Where(item => item.Loop is not null).Select(item => item.Loop!);

    /// <summary>The loop's first segment (its trigger), or null for an empty root.</summary>
    public X12Segment? Trigger => Items.Count > 0 ? Items[0].Segment : null;
}

/// <summary>Either a segment or an inner loop.</summary>
internal readonly record struct X12LoopItem(X12Segment? Segment, X12Loop? Loop);

/// <summary>A node of an HL hierarchy (856): its HL segment, the loop it opens, and its children by HL02.</summary>
internal sealed class X12HierarchyNode(X12Loop loop)
{
    public X12Loop Loop { get; } = loop;

    public X12Segment Hl => Loop.Trigger!;

    public string Id => Hl[1];

    public string ParentId => Hl[2];

    public string Level => Hl[3];

    public List<X12HierarchyNode> Children { get; } = [];
}

/// <summary>Reads product ids by qualifier (PO106/107 pairs and the like), never by position.</summary>
internal static class ProductIds
{
    /// <summary>The qualifier/value pairs of a segment whose pairs start at element <paramref name="from"/>.</summary>
    public static IReadOnlyDictionary<string, string> Of(X12Segment segment, int from)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        if (from <= 0) return ids;
        for (var position = from; position < segment.Count; position += 2)
        {
            var qualifier = segment[position];
            var value = segment[position + 1];
            if (qualifier.Length > 0 && value.Length > 0) ids.TryAdd(qualifier, value);
        }
        return ids;
    }
}
