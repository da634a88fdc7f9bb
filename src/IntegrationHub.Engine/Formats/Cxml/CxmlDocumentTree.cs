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
/// listed before the element nodes. The <c>@name</c> strings are made once per attribute name, not once per attribute.
/// </summary>
public static class CxmlDocumentTree
{
    // "@" + name per attribute name. Keyed by reference: the reader's names are atoms (the same string every read), so a
    // hit costs no hashing of characters. Bounded, because names from a read's private table are new strings each time.
    private const int AttributeNameCapacity = 4096;
    private static readonly ConcurrentDictionary<string, string> AttributeNodeNames = new(ReferenceEqualityComparer.Instance);

    // In front of the dictionary: asked once per attribute, answered by the name's identity without the dictionary's lock-free probe.
    private static readonly CxmlAtomCache<string> AttributeNodeNameCache = new(AttributeNodeName);

    public static DocumentNode From(CxmlElement element)
    {
        ArgumentNullException.ThrowIfNull(element);
        var text = element.Text.Trim();
        var value = text.Length > 0 ? text : null;
        var position = new Position(-1, element.Line, element.Column, string.Empty);
        var hasElements = HasElements(element.NodeSpan);
        if (element.AttributeArray is null)
            return hasElements ? new DocumentNode(element.Name, value, position, null, element) : new DocumentNode(element.Name, value, position);
        // The attributes stay in the reader's array, found by name and read from it; a node is made for one only when a
        // caller needs the node itself. Below an element with child elements they lead its children, as their nodes did.
        var leaves = new AttributeLeaves(element, leading: hasElements);
        if (!hasElements) return new DocumentNode(element.Name, position, leaves) { Value = value };
        return new DocumentNode(element.Name, value, position, leaves, element);
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

    /// <summary>An element's attributes as the leaves of its node, named <c>@name</c>, each at the element's position.</summary>
    private sealed class AttributeLeaves : NodeLeaves
    {
        // The element alone, not also its array: one field less on each of a document's many attributed elements.
        private readonly CxmlElement _element;

        public AttributeLeaves(CxmlElement element, bool leading)
        {
            _element = element;
            Leading = leading;
        }

        private CxmlAttr[] Attributes => _element.AttributeArray!;

        public override int Count => Attributes.Length;

        // XML gives an element's attributes distinct names; a name not starting with '@' names no attribute.
        public override int IndexOf(string name)
        {
            if (name.Length < 2 || name[0] != '@') return 0;
            var attributes = Attributes;
            for (var index = 0; index < attributes.Length; index++)
            {
                if (name.AsSpan(1).SequenceEqual(attributes[index].Name)) return index + 1;
            }
            return 0;
        }

        public override string NameOf(int index) => AttributeNodeNameCache.Get(Attributes[index - 1].Name);

        public override bool IsEmpty(int index) => Attributes[index - 1].Value.Length == 0;

        public override bool TextEquals(int index, string value) => Attributes[index - 1].Value == value;

        public override Position PositionOf(int index) => new(-1, _element.Line, _element.Column, string.Empty);

        protected override string Decode(int index) => Attributes[index - 1].Value;
    }

    private static string AttributeNodeName(string name)
    {
        if (AttributeNodeNames.TryGetValue(name, out var known)) return known;
        // Interned (bounded by the capacity), as map paths' step names are: a matching step is a reference hit.
        return AttributeNodeNames.Count < AttributeNameCapacity ? AttributeNodeNames.GetOrAdd(name, string.Intern("@" + name)) : "@" + name;
    }
}
