namespace IntegrationHub.Formats.X12;

/// <summary>Requirement designator of an element or segment: mandatory, optional, or conditional (by syntax notes).</summary>
internal enum Usage
{
    Mandatory,
    Optional,
    Conditional,
}

/// <summary>One simple element (or component) definition from a segment dictionary.</summary>
internal sealed record ElementSpec(string Reference, Usage Usage, string Type, int MinLength, int MaxLength)
{
    /// <summary>Codes of an ID element, or null when the element has no list.</summary>
    public HashSet<string>? Codes
    {
        get;
        init
        {
            field = value;
            _codes = value?.GetAlternateLookup<ReadOnlySpan<char>>();
        }
    }

    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>>? _codes;

    /// <summary>Whether <paramref name="value"/> is in <see cref="Codes"/>, without allocating.</summary>
    public bool HasCode(ReadOnlySpan<char> value) => _codes is not { } codes || codes.Contains(value);

    /// <summary>How the value is checked, from <see cref="Type"/> (read once rather than compared per element).</summary>
    public ElementKind Kind { get; } = Type switch
    {
        "DT" => ElementKind.Date,
        "TM" => ElementKind.Time,
        "R" => ElementKind.Decimal,
        ['N', >= '0' and <= '9'] => ElementKind.Numeric,
        _ => ElementKind.Text,
    };

    /// <summary>Whether a value outside <see cref="Codes"/> is an error (otherwise the list is a known subset: a warning).</summary>
    public bool CodesClosed { get; init; }

    /// <summary>Components of a composite element; empty for a simple element.</summary>
    public IReadOnlyList<ElementSpec> Components
    {
        get;
        init
        {
            field = value;
            IsComposite = value.Count > 0;
        }
    } = [];

    public bool IsComposite { get; private init; }
}

/// <summary>The checks an element's type calls for.</summary>
internal enum ElementKind
{
    /// <summary>AN, ID and anything else: no control characters.</summary>
    Text,
    Date,
    Time,
    Decimal,
    Numeric,
}

/// <summary>A syntax note: P paired, R at least one, C if first then all, E at most one, L if first then at least one other.</summary>
internal sealed record SyntaxNote(char Kind, int[] Positions)
{
    public override string ToString() => Kind + string.Concat(Positions.Select(position => position.ToString("00")));
}

/// <summary>A segment's definition: its elements in order, syntax notes, and where product id pairs start.</summary>
internal sealed record SegmentSpec(string Id, ElementSpec[] Elements, SyntaxNote[] Syntax, int Unchecked, int ProductIdsFrom)
{
    public int MaxElements { get; } = Elements.Length + Unchecked;
}

/// <summary>A node of a set's table structure: a segment or a loop.</summary>
internal abstract record SpecNode(Usage Usage, int MaxUse)
{
    public bool IsMandatory => Usage == Usage.Mandatory;
}

/// <summary>A segment at one position in the structure.</summary>
internal sealed record SegmentNode(string SegmentId, Usage Usage, int MaxUse) : SpecNode(Usage, MaxUse);

/// <summary>A loop: its first child is its trigger segment.</summary>
internal sealed record LoopNode(string LoopId, Usage Usage, int MaxUse, SpecNode[] Children) : SpecNode(Usage, MaxUse)
{
    public string TriggerId => ((SegmentNode)Children[0]).SegmentId;

    /// <summary>The name of the loop's nodes in a document tree: its id with <c>Loop</c> added, unless it ends so already.</summary>
    public string NodeName { get; } = LoopId.EndsWith("Loop", StringComparison.Ordinal) ? LoopId : LoopId + "Loop";

    /// <summary>Index of the last mandatory child, or -1 when none is.</summary>
    public int LastMandatory { get; } = Array.FindLastIndex(Children, child => child.IsMandatory);

    /// <summary>For each child index i (and one past the last), the index of the first mandatory child at or after i, or the child count when none is.</summary>
    public int[] NextMandatory { get; } = NextMandatoryOf(Children);

    private static int[] NextMandatoryOf(SpecNode[] children)
    {
        var next = new int[children.Length + 1];
        next[children.Length] = children.Length;
        for (var i = children.Length - 1; i >= 0; i--) next[i] = children[i].IsMandatory ? i : next[i + 1];
        return next;
    }

    /// <summary>For each segment id, the children it can start: a segment of that id or a loop it triggers, in order.</summary>
    public Dictionary<string, int[]> ChildrenById { get; } = Children
        .Select((child, index) => (Id: child is SegmentNode segment ? segment.SegmentId : ((LoopNode)child).TriggerId, Index: index))
        .GroupBy(pair => pair.Id, StringComparer.Ordinal)
        .ToDictionary(group => group.Key, group => group.Select(pair => pair.Index).ToArray(), StringComparer.Ordinal);
}

/// <summary>One transaction set in one version: its structure and the dictionary its segments come from.</summary>
internal sealed record TransactionSetSpec(
    string SetId,
    string Version,
    string Name,
    string FunctionalGroup,
    LoopNode Root,
    IReadOnlyDictionary<string, SegmentSpec> Segments,
    string? HierarchicalLoop)
{
    /// <summary>Segment ids that appear anywhere in the structure.</summary>
    public IReadOnlySet<string> SegmentIds { get; } = CollectIds(Root);

    public SegmentSpec? Segment(string id) => Segments.GetValueOrDefault(id);

    private static HashSet<string> CollectIds(LoopNode loop)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        void Walk(LoopNode node)
        {
            foreach (var child in node.Children)
            {
                if (child is SegmentNode segment) ids.Add(segment.SegmentId);
                else if (child is LoopNode inner) Walk(inner);
            }
        }
        Walk(loop);
        return ids;
    }
}
