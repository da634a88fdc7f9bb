namespace IntegrationHub.Documents;

/// <summary>
/// A node of a format-neutral document tree: what maps read and write. Each format lays its documents out in these
/// nodes — an X12 set as loops, segments (named by segment id) and elements (<c>BEG03</c>); a cXML document as elements,
/// with attributes as children named <c>@name</c> — so one path language (<see cref="DocumentPath"/>) serves them all.
/// </summary>
public sealed class DocumentNode
{
    private List<DocumentNode>? _children;
    private string? _value;
    // What the reader still holds of this node until it is first asked for: the value, undecoded (an INodeText, the
    // leaf at _sourceIndex), or the child nodes, not yet made (an INodeChildren). One field for both, since no reader
    // leaves both to be made, and every node of every tree is one field smaller for it.
    private object? _pending;
    private int _sourceIndex;
    private NodeLeaves? _leaves; // children still held by the reader, made into nodes one by one as they are asked for

    /// <summary>A node with a name and, for a leaf, a value.</summary>
    public DocumentNode(string name, string? value = null, Position position = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        Value = value;
        Position = position;
    }

    /// <summary>A leaf whose value is decoded from its reader's data only when it is first read.</summary>
    internal DocumentNode(string name, INodeText source, int index, Position position)
    {
        Name = name;
        _pending = source;
        _sourceIndex = index;
        Position = position;
    }

    /// <summary>A node whose reader knows how many children it will add (none: no list until one is added).</summary>
    internal DocumentNode(string name, string? value, Position position, int children)
        : this(name, value, position)
    {
        if (children > 0) _children = new List<DocumentNode>(children);
    }

    /// <summary>A node whose children are the leaves its reader holds (an X12 segment's elements), made only as they are asked for.</summary>
    internal DocumentNode(string name, Position position, NodeLeaves leaves)
    {
        Name = name;
        Position = position;
        _leaves = leaves;
    }

    /// <summary>
    /// A node whose children, after its <paramref name="leading"/> leaves if any (a cXML element's attributes, see
    /// <see cref="NodeLeaves.Leading"/>), its reader still holds in a tree of its own (a cXML element's child elements):
    /// they are made, one level, only when first asked for, so that a map never pays for the nodes below an element it
    /// does not read.
    /// </summary>
    internal DocumentNode(string name, string? value, Position position, NodeLeaves? leading, INodeChildren unmade)
        : this(name, value, position)
    {
        _leaves = leading;
        _pending = unmade;
    }

    public string Name { get; private set; }

    /// <summary>The reader's leaves that are this node's children, while they are all its children; null otherwise.</summary>
    internal NodeLeaves? Leaves => _leaves;

    /// <summary>Leaf <paramref name="index"/> (from 1) of <see cref="Leaves"/>, made now if it was not yet.</summary>
    internal DocumentNode Leaf(int index) => _leaves!.Node(this, index);

    /// <summary>
    /// Gives a node made on demand its parent: a leaf, which the parent lists among <see cref="Leaves"/>, or a child made
    /// from <see cref="INodeChildren"/>, which the parent lists in the list made with it.
    /// </summary>
    internal void AttachTo(DocumentNode parent) => Parent = parent;

    /// <summary>The text of a leaf (an element's data, an attribute's value); null for a node with no text.</summary>
    public string? Value
    {
        get
        {
            if (_pending is INodeText source)
            {
                _value = source.Text(_sourceIndex);
                Volatile.Write(ref _pending, null); // after the value: a reader on another thread that sees no source sees the value
            }
            return _value;
        }
        set
        {
            _value = value;
            if (_pending is INodeText) _pending = null;
        }
    }

    /// <summary>Where the node came from in the input, for diagnostics.</summary>
    public Position Position { get; private set; }

    public DocumentNode? Parent { get; private set; }

    public IReadOnlyList<DocumentNode> Children => (IReadOnlyList<DocumentNode>?)ChildList ?? [];

    /// <summary>The same children as <see cref="Children"/>, as the list they are held in (null for none): for walks that index it.</summary>
    internal List<DocumentNode>? ChildList => _leaves switch
    {
        null => Own,
        { Leading: true } leading => leading.Children(this, Own),
        _ => _children ?? MakeLeaves(),
    };

    /// <summary>The children that follow <see cref="Leaves"/> when they are leading ones; the children otherwise (null for none).</summary>
    internal List<DocumentNode>? Following => _leaves is { Leading: false } ? null : Own;

    // The children in this node's own list (after any leading leaves), the reader's unmade ones made now. Made once: a
    // thread that loses the race to make them takes the list that won, and the list is in place before the reader's tree
    // is let go, so a thread that sees no unmade children sees the list.
    private List<DocumentNode>? Own
    {
        get
        {
            if (Volatile.Read(ref _pending) is not INodeChildren unmade) return _children;
            var made = unmade.Children(this);
            var kept = Interlocked.CompareExchange(ref _children, made, null) ?? made;
            Volatile.Write(ref _pending, null);
            return kept;
        }
    }

    // Every leaf, in order: for a walk over all children (a '*' step, a position, a diagnostic's path).
    private List<DocumentNode> MakeLeaves()
    {
        var leaves = _leaves!;
        var made = new List<DocumentNode>(leaves.Count);
        for (var index = 1; index <= leaves.Count; index++) made.Add(leaves.Node(this, index));
        return Interlocked.CompareExchange(ref _children, made, null) ?? made;
    }

    /// <summary>
    /// Makes this node, of a tree no longer read (see <see cref="Retire"/>), a new node with no parent: over
    /// <paramref name="leaves"/>, for a reader that refills the leaves' object with later data (an X12 segment of a later
    /// set) and reuses its node with it; or, with no leaves, a branch (see <see cref="CollectBranches"/>) with no children,
    /// keeping its list for the children it will get.
    /// </summary>
    internal void Reuse(string name, Position position, NodeLeaves? leaves = null)
    {
        Name = name;
        Position = position;
        Parent = null;
        _value = null;
        _pending = null;
        _leaves = leaves;
        if (leaves is null) _children?.Clear();
        else _children = null;
    }

    /// <summary>
    /// Adds to <paramref name="spares"/> every branch below this node, innermost first: the nodes with a list of their
    /// own and no leaves (an X12 set's loops, not its segments, which their reader reuses with the segments).
    /// </summary>
    internal void CollectBranches(Stack<DocumentNode> spares)
    {
        if (_pending is not null || _children is not { } children) return;
        foreach (var child in children)
        {
            if (child._leaves is not null || child._pending is not null) continue;
            child.CollectBranches(spares);
            spares.Push(child);
        }
    }

    /// <summary>
    /// Ends this tree's use, for a root whose reader reuses its nodes for the next tree: asking the root for its children
    /// afterwards throws, instead of reading the next tree's data.
    /// </summary>
    internal void Retire(string reason)
    {
        _children = null;
        _leaves = null;
        Volatile.Write(ref _pending, new RetiredChildren(reason));
    }

    private sealed class RetiredChildren(string reason) : INodeChildren
    {
        public List<DocumentNode> Children(DocumentNode parent) => throw new InvalidOperationException(reason);
    }

    /// <summary>Appends a child and returns it.</summary>
    public DocumentNode Add(DocumentNode child)
    {
        ArgumentNullException.ThrowIfNull(child);
        if (child.Parent is not null) throw new InvalidOperationException($"Node {child.Name} already has a parent.");
        // The reader's unmade children are made first, so that the new child follows them.
        var own = Own;
        if (_leaves is not null)
        {
            // The leaves become an ordinary list, which the new child joins.
            if (_leaves is { Leading: true } leading) _children = [.. leading.Children(this, own)];
            else _ = Children;
            _leaves = null;
        }
        child.Parent = this;
        (_children ??= []).Add(child);
        return child;
    }

    /// <summary>Appends a new leaf and returns it.</summary>
    public DocumentNode Add(string name, string? value = null, Position position = default) => Add(new DocumentNode(name, value, position));

    /// <summary>The first child with that name, or null.</summary>
    public DocumentNode? Child(string name)
    {
        if (_leaves is { } leaves)
        {
            if (leaves.IndexOf(name) is > 0 and var index) return Leaf(index);
            if (!leaves.Leading) return null;
        }
        if (Own is not { } children) return null;
        foreach (var child in children)
        {
            if (child.Name == name) return child;
        }
        return null;
    }

    /// <summary>The path from the root to this node, with 1-based positions among same-named siblings where there are several.</summary>
    public string Path
    {
        get
        {
            var steps = new Stack<string>();
            for (var node = this; node is not null; node = node.Parent)
            {
                var step = node.Name;
                if (node.Parent is { } parent)
                {
                    var same = parent.Children.Where(c => c.Name == node.Name).ToList();
                    if (same.Count > 1) step += $"[{same.IndexOf(node) + 1}]";
                }
                steps.Push(step);
            }
            return "/" + string.Join('/', steps);
        }
    }

    /// <inheritdoc />
    public override string ToString() => Value is null ? Name : $"{Name}={Value}";
}

/// <summary>A reader's tree that a node's children can be made from when they are first asked for (a cXML element's child elements).</summary>
internal interface INodeChildren
{
    /// <summary>The child nodes of <paramref name="parent"/>, in document order, each given its parent (see <see cref="DocumentNode.AttachTo"/>).</summary>
    List<DocumentNode> Children(DocumentNode parent);
}

/// <summary>A reader's data that a node's value can be decoded from when it is first read (an X12 segment's elements).</summary>
internal interface INodeText
{
    /// <summary>The text at <paramref name="index"/> (for an X12 segment, the element's position).</summary>
    string? Text(int index);
}
