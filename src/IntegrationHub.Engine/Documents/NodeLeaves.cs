namespace IntegrationHub.Documents;

/// <summary>
/// The leaves of one node still held undecoded by their reader (an X12 segment's elements, over the segment's bytes).
/// A leaf is named, tested and compared on the reader's data; its text is decoded only when read, and kept once it is
/// read a second time; its <see cref="DocumentNode"/> is made only when a caller needs the node itself (a path that
/// ends on it in a list of nodes, a diagnostic that points at it, a walk over every child).
/// Leaves are numbered from 1, in document order.
/// </summary>
internal abstract class NodeLeaves : INodeText
{
    private DocumentNode?[]? _nodes; // each leaf's node, once made
    private string?[]? _texts; // each leaf's text, once read twice
    private ulong _readOnce; // bit i: leaf i (1 to 63) was decoded once, not kept
    private List<DocumentNode>? _all; // for leading leaves: every child of the owner, once listed

    /// <summary>
    /// Whether these leaves are only the first of their node's children, the rest being nodes in the node's own list
    /// (a cXML element's attributes, before its child elements); otherwise they are all its children.
    /// </summary>
    public bool Leading { get; private protected init; }

    /// <summary>How many leaves there are.</summary>
    public abstract int Count { get; }

    /// <summary>
    /// Whether leaf n is element n of a segment (an X12 segment's elements), so that qualified() can read them as pairs;
    /// a cXML element's leaves (its attributes, its plain child elements) are not numbered elements.
    /// </summary>
    public virtual bool AreElements => false;

    /// <summary>The number of the leaf named <paramref name="name"/>, or 0 when none is.</summary>
    public abstract int IndexOf(string name);

    /// <summary>The name of leaf <paramref name="index"/>.</summary>
    public abstract string NameOf(int index);

    /// <summary>Whether leaf <paramref name="index"/> has no text.</summary>
    public abstract bool IsEmpty(int index);

    /// <summary>Whether the text of leaf <paramref name="index"/> is exactly <paramref name="value"/>, without decoding it where that can be helped.</summary>
    public abstract bool TextEquals(int index, string value);

    /// <summary>Where leaf <paramref name="index"/> is in the input.</summary>
    public abstract Position PositionOf(int index);

    /// <summary>Decodes the text of leaf <paramref name="index"/>.</summary>
    protected abstract string Decode(int index);

    /// <summary>
    /// Forgets the leaves' nodes and kept texts: for a reader that refills the same object with other data (an X12
    /// segment reused for a later set, whose tree, if any, is no longer read).
    /// </summary>
    protected void ForgetLeaves()
    {
        _nodes = null;
        _texts = null;
        _readOnce = 0;
    }

    /// <summary>
    /// Decodes the text of leaf <paramref name="index"/> into <paramref name="buffer"/> without making a string (a
    /// number about to be parsed); the characters written, or -1 when it does not fit or the reader cannot say here.
    /// </summary>
    public virtual int TryDecode(int index, Span<char> buffer) => -1;

    /// <summary>Adds what a leaf holds below itself (an X12 element's components) to its node when the node is made.</summary>
    protected virtual void AddParts(DocumentNode leaf, int index)
    {
    }

    /// <summary>The text of leaf <paramref name="index"/>: decoded when read, kept when read again.</summary>
    public string Text(int index)
    {
        if (_texts is { } texts && texts[index] is { } kept) return kept;
        var text = Decode(index);
        if ((uint)index < 64)
        {
            var bit = 1UL << index;
            if ((Volatile.Read(ref _readOnce) & bit) == 0)
            {
                Interlocked.Or(ref _readOnce, bit);
                return text;
            }
        }
        texts = _texts ?? Interlocked.CompareExchange(ref _texts, new string?[Count + 1], null) ?? _texts!;
        texts[index] = text;
        return text;
    }

    string? INodeText.Text(int index) => Text(index);

    /// <summary>Every child of <paramref name="owner"/>: these leaves' nodes, then <paramref name="following"/>; listed once.</summary>
    internal List<DocumentNode> Children(DocumentNode owner, List<DocumentNode>? following)
    {
        if (Volatile.Read(ref _all) is { } listed) return listed;
        var all = new List<DocumentNode>(Count + (following?.Count ?? 0));
        for (var index = 1; index <= Count; index++) all.Add(Node(owner, index));
        if (following is not null) all.AddRange(following);
        return Interlocked.CompareExchange(ref _all, all, null) ?? all;
    }

    /// <summary>The node of leaf <paramref name="index"/> below <paramref name="owner"/>, made once and then the same node.</summary>
    public DocumentNode Node(DocumentNode owner, int index)
    {
        var nodes = _nodes ?? Interlocked.CompareExchange(ref _nodes, new DocumentNode?[Count + 1], null) ?? _nodes!;
        if (Volatile.Read(ref nodes[index]) is { } made) return made;
        var node = new DocumentNode(NameOf(index), this, index, PositionOf(index));
        AddParts(node, index);
        node.AttachTo(owner);
        return Interlocked.CompareExchange(ref nodes[index], node, null) ?? node;
    }
}

/// <summary>
/// A node, or a leaf of a node whose <see cref="DocumentNode"/> is not made yet: what a path reaches when only the
/// value is wanted. <see cref="Node"/> makes the leaf's node when a caller needs it (to point a diagnostic at it).
/// </summary>
internal readonly struct NodeRef
{
    private readonly DocumentNode? _node;
    private readonly int _leaf; // 0: _node is the node itself; otherwise the leaf of _node's leaves

    public NodeRef(DocumentNode node, int leaf = 0)
    {
        _node = node;
        _leaf = leaf;
    }

    public bool IsNone => _node is null;

    /// <summary>The node reached (made now for a leaf not made yet); null for none.</summary>
    public DocumentNode? Node => _node is null ? null : _leaf == 0 ? _node : _node.Leaf(_leaf);

    /// <summary>The value of the node reached.</summary>
    public string? Value => _node is null ? null : _leaf == 0 ? _node.Value : _node.Leaves!.Text(_leaf);

    /// <summary>The value of a leaf reached, decoded into <paramref name="buffer"/> (see <see cref="NodeLeaves.TryDecode"/>); -1 for a node.</summary>
    public int TryDecode(Span<char> buffer) => _node is null || _leaf == 0 ? -1 : _node.Leaves!.TryDecode(_leaf, buffer);
}
