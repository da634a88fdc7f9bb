using System.Collections.Concurrent;
using IntegrationHub.Documents;

namespace IntegrationHub.Formats.Cxml;

/// <summary>
/// Lays a cXML element tree out as a <see cref="DocumentNode"/> tree for maps: each element a node with its own text
/// (trimmed; none when it holds only child elements), each attribute a child named <c>@name</c>, in document order.
/// The nodes are made from the reader's own tree as they are asked for, not all at once: an element's child elements
/// become nodes (one level, the list at its final size) when its children are first asked for, so the elements below one
/// a map never reads are never made into nodes. The element tree is read, never changed, so it must not be changed
/// after it is laid out. An element keeps its attributes as leaves over the reader's array, made into nodes only when
/// asked for (as an X12 segment keeps its elements); below an element with child elements they are leading leaves,
/// listed before the element nodes. When every child element of an element is a plain text leaf of a name of its own
/// (as an ItemID's SupplierPartID and SupplierPartAuxiliaryID), those children are leaves too, after the attributes, so
/// that a map reading their values makes no node for them. The <c>@name</c> strings are made once per attribute name,
/// not once per attribute.
/// </summary>
public static class CxmlDocumentTree
{
    // "@" + name per attribute name. Keyed by reference: the reader's names are atoms (the same string every read), so a
    // hit costs no hashing of characters. Bounded, because names from a read's private table are new strings each time.
    private const int AttributeNameCapacity = 4096;
    private static readonly ConcurrentDictionary<string, string> AttributeNodeNames = new(ReferenceEqualityComparer.Instance);

    // In front of the dictionary: asked once per attribute, answered by the name's identity without the dictionary's lock-free probe.
    private static readonly CxmlAtomCache<string> AttributeNodeNameCache = new(AttributeNodeName);

    // The most child elements kept as leaves: their names are checked against each other, which stays short this way.
    private const int MostLeafElements = 16;

    public static DocumentNode From(CxmlElement element)
    {
        ArgumentNullException.ThrowIfNull(element);
        var text = element.Text.Trim();
        var value = text.Length > 0 ? text : null;
        var position = new Position(-1, element.Line, element.Column, string.Empty);
        var nodes = element.NodeSpan;
        var hasElements = HasElements(nodes);
        // Child elements that are all plain text leaves, named apart, are leaves after the attributes, as an X12
        // segment's elements are: found by name, their text read from this tree, a node made only when one is needed.
        if (hasElements && ArePlainLeaves(nodes))
            return new DocumentNode(element.Name, position, new ElementLeaves(element, nodes.Length, leading: false)) { Value = value };
        if (element.AttributeArray is null)
            return hasElements ? new DocumentNode(element.Name, value, position, null, element) : new DocumentNode(element.Name, value, position);
        // The attributes stay in the reader's array, found by name and read from it; a node is made for one only when a
        // caller needs the node itself. Below an element with child elements they lead its children, as their nodes did.
        var leaves = new ElementLeaves(element, 0, leading: hasElements);
        if (!hasElements) return new DocumentNode(element.Name, position, leaves) { Value = value };
        return new DocumentNode(element.Name, value, position, leaves, element);
    }

    // Whether every node is a child element without attributes or child elements, whose text is there and needs no
    // trimming (so the leaf's text is the element's, as its node's value would be), and whose name no sibling has (so
    // the leaf named is the only child of that name, as a path step over leaves takes it to be).
    private static bool ArePlainLeaves(ReadOnlySpan<CxmlNode> nodes)
    {
        if (nodes.Length > MostLeafElements) return false;
        for (var index = 0; index < nodes.Length; index++)
        {
            if (nodes[index] is not CxmlElement { AttributeArray: null } child || !child.NodeSpan.IsEmpty) return false;
            var text = child.Text;
            if (text.Length == 0 || char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1])) return false;
            for (var before = 0; before < index; before++)
            {
                if (((CxmlElement)nodes[before]).Name == child.Name) return false;
            }
        }
        return true;
    }

    /// <summary>The nodes of an element's child elements, below <paramref name="parent"/> (the element's node): made when first asked for.</summary>
    internal static List<DocumentNode> Children(CxmlElement element, DocumentNode parent)
    {
        var nodes = element.NodeSpan;
        var children = new List<DocumentNode>(ElementCount(nodes));
        for (var index = 0; index < nodes.Length; index++)
        {
            if (nodes[index] is not CxmlElement child) continue;
            var node = From(child);
            node.AttachTo(parent);
            children.Add(node);
        }
        return children;
    }

    private static bool HasElements(ReadOnlySpan<CxmlNode> nodes)
    {
        for (var index = 0; index < nodes.Length; index++)
        {
            if (nodes[index] is CxmlElement) return true;
        }
        return false;
    }

    private static int ElementCount(ReadOnlySpan<CxmlNode> nodes)
    {
        var count = 0;
        for (var index = 0; index < nodes.Length; index++)
        {
            if (nodes[index] is CxmlElement) count++;
        }
        return count;
    }

    /// <summary>
    /// An element's attributes as the leaves of its node, named <c>@name</c>, each at the element's position; and after
    /// them, when the element holds only plain text leaves (see <see cref="ArePlainLeaves"/>), its child elements, each
    /// at its own position.
    /// </summary>
    private sealed class ElementLeaves : NodeLeaves
    {
        // The leaves are read from the element's own arrays, which are not copied (a document has many such elements).
        private readonly CxmlElement _element;
        private readonly int _attributes; // how many leaves are attributes; the rest are the element's child elements
        private readonly int _count;

        public ElementLeaves(CxmlElement element, int elements, bool leading)
        {
            _element = element;
            _attributes = element.AttributeArray?.Length ?? 0;
            _count = _attributes + elements;
            Leading = leading;
        }

        public override int Count => _count;

        // XML gives an element's attributes distinct names, and leaf elements are named apart; a name starting with '@'
        // names an attribute, any other a child element.
        public override int IndexOf(string name)
        {
            if (name.Length > 0 && name[0] != '@')
            {
                var nodes = _element.NodeSpan;
                for (var index = 0; _attributes + index < _count; index++)
                {
                    if (((CxmlElement)nodes[index]).Name == name) return _attributes + index + 1;
                }
                return 0;
            }
            if (name.Length < 2 || _attributes == 0) return 0;
            var attributes = _element.AttributeArray!;
            for (var index = 0; index < attributes.Length; index++)
            {
                if (name.AsSpan(1).SequenceEqual(attributes[index].Name)) return index + 1;
            }
            return 0;
        }

        public override string NameOf(int index) =>
            index <= _attributes ? AttributeNodeNameCache.Get(Attribute(index).Name) : Element(index).Name;

        // A leaf element always has text (see ArePlainLeaves).
        public override bool IsEmpty(int index) => index <= _attributes && Attribute(index).Value.Length == 0;

        public override bool TextEquals(int index, string value) => Decode(index) == value;

        public override Position PositionOf(int index)
        {
            var at = index <= _attributes ? _element : Element(index);
            return new(-1, at.Line, at.Column, string.Empty);
        }

        protected override string Decode(int index) => index <= _attributes ? Attribute(index).Value : Element(index).Text;

        private CxmlAttr Attribute(int index) => _element.AttributeArray![index - 1];

        private CxmlElement Element(int index) => (CxmlElement)_element.NodeSpan[index - _attributes - 1];
    }

    private static string AttributeNodeName(string name)
    {
        if (AttributeNodeNames.TryGetValue(name, out var known)) return known;
        // Interned (bounded by the capacity), as map paths' step names are: a matching step is a reference hit.
        return AttributeNodeNames.Count < AttributeNameCapacity ? AttributeNodeNames.GetOrAdd(name, string.Intern("@" + name)) : "@" + name;
    }
}
