using System.Text;
using IntegrationHub.Documents;

namespace IntegrationHub.Formats.Cxml;

/// <summary>A node of a cXML document tree: an element or a run of text.</summary>
public abstract class CxmlNode
{
    private protected CxmlNode()
    {
    }
}

/// <summary>A run of character data (text or CDATA, which cXML treats alike).</summary>
public sealed class CxmlText(string value) : CxmlNode
{
    /// <summary>The characters, as read (entities resolved, CDATA unwrapped).</summary>
    public string Value { get; } = value;
}

/// <summary>An attribute of a cXML element, in document order.</summary>
/// <param name="Name">The qualified name as written, such as <c>xml:lang</c>.</param>
/// <param name="Value">The value as read.</param>
public readonly record struct CxmlAttr(string Name, string Value);

/// <summary>
/// One element of a cXML document, lossless: every attribute, child element and text run is kept in document order,
/// so elements the typed models do not know (and every Extrinsic) survive a read and a write.
/// </summary>
public sealed class CxmlElement : CxmlNode, INodeChildren
{
    // Exact-size (the reader knows the count), so the array itself is the read-only list Attributes returns.
    private CxmlAttr[]? _attributes;

    // The child nodes, the first _count of the array: exact-size when the reader made it (it knows the count at the end
    // tag), grown by doubling when nodes are added one by one.
    private CxmlNode[]? _children;
    private int _count;

    // Most elements hold one text run and nothing else; it is kept here without a list until a second node arrives.
    private string? _leafText;

    /// <summary>Creates an element with no attributes and no children.</summary>
    public CxmlElement(string name, int line = 0, int column = 0)
    {
        Name = name;
        Line = line;
        Column = column;
    }

    /// <summary>The qualified element name, such as <c>OrderRequest</c>.</summary>
    public string Name { get; }

    /// <summary>One-based line where the element starts in its input, or 0 for built elements.</summary>
    public int Line { get; }

    /// <summary>One-based column where the element starts in its input, or 0 for built elements.</summary>
    public int Column { get; }

    /// <summary>
    /// One-based line of the element's end tag in its input (where its name starts, after <c>&lt;/</c>), or 0 for built
    /// elements and empty ones (<c>&lt;X/&gt;</c>): with <see cref="Line"/>, where its content lies in the bytes read.
    /// </summary>
    public int EndLine { get; private set; }

    /// <summary>One-based column of the end tag's name (see <see cref="EndLine"/>), or 0.</summary>
    public int EndColumn { get; private set; }

    internal void SetEnd(int line, int column) => (EndLine, EndColumn) = (line, column);

    /// <summary>The parent element, or null for the root.</summary>
    public CxmlElement? Parent { get; private set; }

    /// <summary>The attributes in document order.</summary>
    public IReadOnlyList<CxmlAttr> Attributes => (IReadOnlyList<CxmlAttr>?)_attributes ?? [];

    /// <summary>The attributes' own array (exact size), or null when there are none: indexed loops without an enumerator.</summary>
    internal CxmlAttr[]? AttributeArray => _attributes;

    /// <summary>The child nodes, empty when there is none (a leaf holds its text in <see cref="LeafText"/>).</summary>
    internal ReadOnlySpan<CxmlNode> NodeSpan => new(_children, 0, _count);

    /// <summary>The child nodes (elements and text) in document order. Reading never changes the tree.</summary>
    public IReadOnlyList<CxmlNode> Nodes
    {
        get
        {
            if (_leafText is not null) return [new CxmlText(_leafText)];
            if (_children is null) return [];
            return _count == _children.Length ? _children : new ArraySegment<CxmlNode>(_children, 0, _count);
        }
    }

    /// <summary>The child elements in document order.</summary>
    public IEnumerable<CxmlElement> Elements => _children is null ? [] : ElementsOf(_children, _count);

    /// <summary>The concatenated text of this element's own text runs (not of its descendants), untrimmed.</summary>
    public string Text
    {
        get
        {
            if (_leafText is not null) return _leafText;
            if (_children is null) return string.Empty;
            string? single = null;
            StringBuilder? many = null;
            for (var index = 0; index < _count; index++)
            {
                if (_children[index] is not CxmlText text) continue;
                if (single is null) single = text.Value;
                else (many ??= new StringBuilder(single)).Append(text.Value);
            }
            return many?.ToString() ?? single ?? string.Empty;
        }
    }

    /// <summary>The text of this element and all its descendants, in document order.</summary>
    public string InnerText
    {
        get
        {
            if (_leafText is not null) return _leafText;
            if (_children is null) return string.Empty;
            if (_count == 1 && _children[0] is CxmlText only) return only.Value;
            var builder = new StringBuilder();
            AppendInnerText(builder);
            return builder.ToString();
        }
    }

    /// <summary>A path such as <c>/cXML/Request/OrderRequest/ItemOut[2]</c> that locates this element.</summary>
    public string Path
    {
        get
        {
            var segments = new Stack<string>();
            for (var element = this; element is not null; element = element.Parent)
            {
                var index = element.Parent is null ? 1 : element.Parent.IndexAmongNamesakes(element);
                segments.Push(index > 1 ? $"{element.Name}[{index}]" : element.Name);
            }
            return "/" + string.Join('/', segments);
        }
    }

    /// <summary>The value of the named attribute, or null when it is absent.</summary>
    public string? Attribute(string name)
    {
        if (_attributes is null) return null;
        // Indexed loops over the lists (no enumerator) and names atomized by CxmlNameTable: the hot lookups of the typed views.
        for (var index = 0; index < _attributes.Length; index++)
        {
            var attribute = _attributes[index];
            if (attribute.Name == name) return attribute.Value;
        }
        return null;
    }

    /// <summary>The first child element with the name, or null.</summary>
    public CxmlElement? Element(string name)
    {
        if (_children is null) return null;
        for (var index = 0; index < _count; index++)
        {
            if (_children[index] is CxmlElement element && element.Name == name) return element;
        }
        return null;
    }

    /// <summary>The child elements with the name, in document order.</summary>
    public IEnumerable<CxmlElement> ElementsNamed(string name)
    {
        if (_children is null) yield break;
        for (var index = 0; index < _count; index++)
        {
            if (_children[index] is CxmlElement element && element.Name == name) yield return element;
        }
    }

    /// <summary>Maps the child elements with the name, in document order; an empty list costs nothing.</summary>
    internal IReadOnlyList<T> Map<T>(string name, Func<CxmlElement, T> map)
    {
        if (_children is null) return [];
        List<T>? mapped = null;
        for (var index = 0; index < _count; index++)
        {
            if (_children[index] is CxmlElement element && element.Name == name) (mapped ??= []).Add(map(element));
        }
        return (IReadOnlyList<T>?)mapped ?? [];
    }

    /// <summary>Sets (or adds, at the end) an attribute; returns this element for chaining.</summary>
    public CxmlElement SetAttribute(string name, string value)
    {
        var index = _attributes is null ? -1 : Array.FindIndex(_attributes, attribute => attribute.Name == name);
        if (index >= 0) _attributes![index] = new CxmlAttr(name, value);
        else _attributes = [.. _attributes ?? [], new CxmlAttr(name, value)];
        return this;
    }

    /// <summary>Removes an attribute if present.</summary>
    public void RemoveAttribute(string name)
    {
        if (_attributes is null || Array.FindIndex(_attributes, attribute => attribute.Name == name) < 0) return;
        var kept = Array.FindAll(_attributes, attribute => attribute.Name != name);
        _attributes = kept.Length == 0 ? null : kept;
    }

    /// <summary>Adds a child element at the end; returns the child.</summary>
    public CxmlElement Add(CxmlElement child)
    {
        ArgumentNullException.ThrowIfNull(child);
        if (child.Parent is not null) throw new InvalidOperationException($"{child.Name} already has a parent.");
        child.Parent = this;
        Append(child);
        return child;
    }

    /// <summary>Adds a text run at the end; returns this element for chaining.</summary>
    public CxmlElement AddText(string text)
    {
        if (_children is null && _leafText is null) _leafText = text;
        else Append(new CxmlText(text));
        return this;
    }

    /// <summary>The only content when it is a single text run (the common leaf), else null; lets the writer skip the node list.</summary>
    internal string? LeafText => _leafText;

    /// <summary>Removes a child element.</summary>
    public bool Remove(CxmlElement child)
    {
        ArgumentNullException.ThrowIfNull(child);
        var index = _children is null ? -1 : Array.IndexOf(_children, child, 0, _count);
        if (index < 0) return false;
        Array.Copy(_children!, index + 1, _children!, index, _count - index - 1);
        _children![--_count] = null!;
        child.Parent = null;
        return true;
    }

    /// <summary>A deep copy without parent and without source positions' meaning changed.</summary>
    public CxmlElement Clone()
    {
        var copy = new CxmlElement(Name, Line, Column) { EndLine = EndLine, EndColumn = EndColumn };
        if (_attributes is not null) copy._attributes = [.. _attributes];
        copy._leafText = _leafText;
        if (_children is null) return copy;
        for (var index = 0; index < _count; index++)
        {
            if (_children[index] is CxmlElement element) copy.Add(element.Clone());
            else copy.AddText(((CxmlText)_children[index]).Value);
        }
        return copy;
    }

    /// <summary>All descendants in document order (depth first).</summary>
    public IEnumerable<CxmlElement> Descendants()
    {
        foreach (var child in Elements)
        {
            yield return child;
            foreach (var grandchild in child.Descendants()) yield return grandchild;
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"<{Name}> at {Path}";

    // Adds a node at the end; a leaf's text becomes a node of its own first.
    private void Append(CxmlNode node)
    {
        if (_leafText is not null)
        {
            _children = [new CxmlText(_leafText), null!, null!, null!];
            _count = 1;
            _leafText = null;
        }
        if (_children is null) _children = new CxmlNode[4];
        else if (_count == _children.Length) Array.Resize(ref _children, _count * 2);
        _children[_count++] = node;
    }

    /// <summary>The reader's attributes, in document order, names unique (XmlReader guarantees it); the array is kept, not copied.</summary>
    internal void SetAttributesUnchecked(CxmlAttr[] attributes) => _attributes = attributes;

    /// <summary>
    /// The reader's content of an element it has read to its end tag: the nodes (kept, not copied; their parent already
    /// this element), or a single text run kept as the leaf's text.
    /// </summary>
    internal void SetContentUnchecked(CxmlNode[] nodes)
    {
        _children = nodes;
        _count = nodes.Length;
    }

    internal void SetLeafTextUnchecked(string text) => _leafText = text;

    // The element's node made from it by CxmlDocumentTree asks it for its child nodes only when they are first wanted.
    List<DocumentNode> INodeChildren.Children(DocumentNode parent) => CxmlDocumentTree.Children(this, parent);

    /// <summary>Makes the reader's element a child of this one without adding it to the nodes (the reader sets them at the end tag).</summary>
    internal void AdoptUnchecked(CxmlElement child) => child.Parent = this;

    private static IEnumerable<CxmlElement> ElementsOf(CxmlNode[] children, int count)
    {
        for (var index = 0; index < count; index++)
        {
            if (children[index] is CxmlElement element) yield return element;
        }
    }

    private int IndexAmongNamesakes(CxmlElement child)
    {
        var index = 0;
        foreach (var node in Nodes)
        {
            if (node is not CxmlElement element || element.Name != child.Name) continue;
            index++;
            if (ReferenceEquals(element, child)) return index;
        }
        return index;
    }

    private void AppendInnerText(StringBuilder builder)
    {
        foreach (var node in Nodes)
        {
            if (node is CxmlText text) builder.Append(text.Value);
            else ((CxmlElement)node).AppendInnerText(builder);
        }
    }
}
