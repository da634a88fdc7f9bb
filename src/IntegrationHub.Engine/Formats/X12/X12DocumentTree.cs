using IntegrationHub.Documents;

namespace IntegrationHub.Formats.X12;

/// <summary>One transaction set, validated and laid out as a <see cref="DocumentNode"/> tree for maps.</summary>
/// <param name="SetId">ST01, such as <c>850</c>.</param>
/// <param name="Version">GS08 of the set's group, such as <c>004010</c>; null for a set outside a group.</param>
/// <param name="ControlNumber">ST02.</param>
/// <param name="Tree">The set: loops named after their first segment with <c>Loop</c> added, segments by id, elements by segment and number.</param>
/// <param name="Diagnostics">What validation found in the set.</param>
public sealed record X12SetTree(string SetId, string? Version, string ControlNumber, DocumentNode Tree, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>What was found in the set's own group and interchange, and in the file outside any interchange.</summary>
    public IReadOnlyList<Diagnostic> Envelope { get; init; } = [];
}

/// <summary>
/// Reads X12 into one tree per transaction set: loops and segments are nodes; a segment's elements are its leaves
/// (<see cref="X12Segment"/> is a <see cref="NodeLeaves"/>), made into nodes only when asked for. An element that has components gets them as
/// children (<c>PO105-01</c>, <c>PO105-02</c>) besides its whole text as its value.
/// </summary>
public static class X12DocumentTree
{
    /// <summary>
    /// Every set of the input, each with its own diagnostics and, in <see cref="X12SetTree.Envelope"/>, those of its own
    /// group and interchange and of the file; <paramref name="fileDiagnostics"/> holds every envelope's and the file's
    /// findings (what there is to say when the input holds no set).
    /// </summary>
    public static IReadOnlyList<X12SetTree> Read(Stream input, out IReadOnlyList<Diagnostic> fileDiagnostics, X12ReadOptions? options = null)
    {
        var reader = new X12Reader(input, options ?? X12ReadOptions.Default);
        var validator = new X12SetValidator(X12SpecLibrary.Embedded);
        var sets = new List<(X12SetTree Tree, X12TransactionSet Set)>();
        var envelopes = new List<X12Unit>(); // groups and interchanges, in the order they closed
        foreach (var unit in reader.Read())
        {
            switch (unit)
            {
                case X12TransactionSet set:
                    // One walk: the validator places each segment and adds its node to the tree where it lands.
                    var result = validator.Validate(set, X12TreeKind.Document);
                    sets.Add((new X12SetTree(set.SetId, set.Group?.Version, set.ControlNumber, result.Document!,
                        [.. result.Findings.Select(f => f.ToDiagnostic())]), set));
                    break;
                case X12Group or X12Interchange:
                    envelopes.Add(unit);
                    break;
            }
        }
        // A group's and an interchange's findings are known only at their GE and IEA, after their sets: attached here.
        var found = envelopes.ToDictionary(u => u, u => u.Findings.Select(f => f.ToDiagnostic()).ToList());
        var file = reader.FileFindings.Select(f => f.ToDiagnostic()).ToList();
        fileDiagnostics = [.. envelopes.SelectMany(u => found[u]), .. file];
        return [.. sets.Select(s => s.Tree with { Envelope = [.. Of(s.Set.Group), .. Of(s.Set.Interchange), .. file] })];

        IEnumerable<Diagnostic> Of(X12Unit? unit) => unit is not null && found.TryGetValue(unit, out var diagnostics) ? diagnostics : [];
    }

    /// <summary>The tree of a set without a spec: its segments in order, below the root.</summary>
    internal static DocumentNode Flat(X12TransactionSet set)
    {
        var root = new DocumentNode(set.SetId, null, default, set.Segments.Count);
        foreach (var segment in set.Segments) root.Add(SegmentNode(segment));
        return root;
    }

    /// <summary>
    /// A segment's node. The elements stay in the segment's bytes until a map reads them: most elements of most sets
    /// are never read, and a map that reads one wants its value, not a node.
    /// </summary>
    internal static DocumentNode SegmentNode(X12Segment segment) =>
        new(segment.Id, new Position(segment.Offset, 0, 0, string.Empty), segment);
}
