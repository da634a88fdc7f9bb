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
    /// findings (what there is to say when the input holds no set). Every set's tree is alive at once: a caller that
    /// takes one set at a time uses <see cref="ReadSets"/>.
    /// </summary>
    public static IReadOnlyList<X12SetTree> Read(Stream input, out IReadOnlyList<Diagnostic> fileDiagnostics, X12ReadOptions? options = null)
    {
        using var copy = new MemoryStream();
        input.CopyTo(copy);
        var sets = ReadSets(copy.ToArray(), options);
        fileDiagnostics = sets.FileDiagnostics;
        return [.. sets];
    }

    /// <summary>
    /// Reads the input's envelopes (their findings are known only at their trailers, the file's at its end) in a first
    /// pass that keeps no set, then gives the sets one at a time from a second: each set is read, validated and laid
    /// out as its tree only when the enumeration reaches it, and nothing of it is kept once the enumeration has moved
    /// past it. The sets and their diagnostics are those of <see cref="Read"/>, in the same order.
    /// </summary>
    public static X12SetTrees ReadSets(byte[] input, X12ReadOptions? options = null)
    {
        options ??= X12ReadOptions.Default;
        var reader = new X12Reader(new MemoryStream(input, writable: false), options) { ReuseSetSegments = true, EnvelopesOnly = true };
        var envelopesOfSets = new List<(X12Group? Group, X12Interchange Interchange)>();
        var envelopes = new List<X12Unit>(); // groups and interchanges, in the order they closed
        foreach (var unit in reader.Read())
        {
            switch (unit)
            {
                case X12TransactionSet set:
                    envelopesOfSets.Add((set.Group, set.Interchange));
                    break;
                case X12Group or X12Interchange:
                    envelopes.Add(unit);
                    break;
            }
        }
        // A group's and an interchange's findings are known only at their GE and IEA, after their sets.
        var found = envelopes.ToDictionary(u => u, u => u.Findings.Select(f => f.ToDiagnostic()).ToList());
        var file = reader.FileFindings.Select(f => f.ToDiagnostic()).ToList();
        return new X12SetTrees(input, options, [.. envelopes.SelectMany(u => found[u]), .. file],
            [.. envelopesOfSets.Select(set => (IReadOnlyList<Diagnostic>)[.. Of(set.Group), .. Of(set.Interchange), .. file])]);

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
    internal static DocumentNode SegmentNode(X12Segment segment) => segment.TreeNode();
}

/// <summary>
/// The sets of an X12 input whose envelopes have been read (<see cref="X12DocumentTree.ReadSets"/>). Enumerating reads
/// the input again and validates each set and builds its tree as it is reached; a set already passed is not kept, so
/// the input's trees (and sets) are never all alive at once.
/// </summary>
public sealed class X12SetTrees : IEnumerable<X12SetTree>
{
    private readonly byte[] _input;
    private readonly X12ReadOptions _options;
    private readonly IReadOnlyList<Diagnostic>[] _envelopes; // each set's group's, interchange's and the file's findings, in order

    internal X12SetTrees(byte[] input, X12ReadOptions options, IReadOnlyList<Diagnostic> fileDiagnostics, IReadOnlyList<Diagnostic>[] envelopes)
    {
        _input = input;
        _options = options;
        FileDiagnostics = fileDiagnostics;
        _envelopes = envelopes;
    }

    /// <summary>How many sets the input holds.</summary>
    public int Count => _envelopes.Length;

    /// <summary>Every envelope's and the file's findings (what there is to say when the input holds no set).</summary>
    public IReadOnlyList<Diagnostic> FileDiagnostics { get; }

    /// <summary>Each set's tree, each its own: a caller may keep any of them (see <see cref="InTurn"/> for one that does not).</summary>
    public IEnumerator<X12SetTree> GetEnumerator() => Trees(inTurn: false).GetEnumerator();

    /// <summary>
    /// The same trees as enumerating, for a caller that is done with each tree before it asks for the next (maps it and
    /// lets it go): a tree is valid only until then. The next set is read into the same segments, segment nodes and loop
    /// nodes, so a file's sets allocate little more than what their maps make. Asking a tree passed for its children throws
    /// <see cref="InvalidOperationException"/> rather than giving a later set's data.
    /// </summary>
    public IEnumerable<X12SetTree> InTurn() => Trees(inTurn: true);

    private IEnumerable<X12SetTree> Trees(bool inTurn)
    {
        var reader = new X12Reader(new MemoryStream(_input, writable: false), _options) { ReuseSetSegments = inTurn };
        var validator = new X12SetValidator(X12SpecLibrary.Embedded);
        var index = 0;
        foreach (var unit in reader.Read())
        {
            if (unit is not X12TransactionSet set) continue;
            // One walk: the validator places each segment and adds its node to the tree where it lands.
            var result = validator.Validate(set, X12TreeKind.Document);
            var tree = new X12SetTree(set.SetId, set.Group?.Version, set.ControlNumber, result.Document!,
                [.. result.Findings.Select(f => f.ToDiagnostic())]) { Envelope = _envelopes[index] };
            yield return tree;
            // The reader refills this set's segments once asked for the next unit, and the validator its loop nodes.
            if (inTurn)
            {
                validator.Recycle(tree.Tree);
                tree.Tree.Retire(Retired);
            }
            index++;
        }
    }

    private const string Retired = "This X12 set's tree was given only until the next set was asked for (FormatTrees.Each, X12SetTrees.InTurn); "
        + "FormatTrees.ReadAll, or enumerating the X12SetTrees themselves, keeps every tree.";

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
