using IntegrationHub.Documents;
using IntegrationHub.Formats.X12;

namespace IntegrationHub.Engine.Tests.Formats.X12;

/// <summary>
/// The X12 set tree laid out the plain way, every element a node made up front with its decoded value: what the tree
/// for maps looked like before its elements became leaves over the segment's bytes, kept here so that the tests can
/// hold the two to the same map output.
/// </summary>
internal static class ReferenceX12Tree
{
    /// <summary>Every set of the input as a plain tree, in order.</summary>
    public static List<DocumentNode> Read(byte[] input, X12ReadOptions? options = null)
    {
        var reader = new X12Reader(new MemoryStream(input, writable: false), options ?? X12ReadOptions.Default);
        var validator = new X12SetValidator(X12SpecLibrary.Embedded);
        var trees = new List<DocumentNode>();
        foreach (var unit in reader.Read())
        {
            if (unit is X12TransactionSet set) trees.Add(Loop(validator.Validate(set).Tree, set.SetId));
        }
        return trees;
    }

    private static DocumentNode Loop(X12Loop loop, string name)
    {
        var node = new DocumentNode(name);
        foreach (var item in loop.Items)
        {
            if (item.Segment is { } segment) node.Add(Segment(segment));
            else if (item.Loop is { } inner) node.Add(Loop(inner, inner.Id.EndsWith("Loop", StringComparison.Ordinal) ? inner.Id : inner.Id + "Loop"));
        }
        return node;
    }

    private static DocumentNode Segment(X12Segment segment)
    {
        var node = new DocumentNode(segment.Id, null, new Position(segment.Offset, 0, 0, string.Empty));
        for (var position = 1; position <= segment.Count; position++)
        {
            var name = $"{segment.Id}{position:00}";
            var element = node.Add(name, segment[position], new Position(segment.OffsetOf(position), 0, 0, string.Empty));
            var components = segment.Components(position);
            if (components.Count < 2) continue;
            for (var index = 0; index < components.Count; index++) element.Add($"{name}-{index + 1:00}", components[index]);
        }
        return node;
    }
}
