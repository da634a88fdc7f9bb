using System.Collections.Concurrent;
using IntegrationHub.Documents;

namespace IntegrationHub.Formats.Cxml;

/// <summary>
/// Lays a cXML element tree out as a <see cref="DocumentNode"/> tree for maps: each element a node with its own text
/// (trimmed; none when it holds only child elements), each attribute a child named <c>@name</c>, in document order.
/// One walk over the reader's own arrays: every child list is allocated at its final size and the <c>@name</c> strings are
/// made once per attribute name, not once per attribute. An element with attributes and no child elements keeps its
/// attributes as leaves over the reader's array, made into nodes only when asked for (as an X12 segment keeps its elements).
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
        var position = new Position(-1, element.Line, element.Column, string.Empty);
        var attributes = element.AttributeArray;
        var nodes = element.NodeSpan;
        var elements = ElementCount(nodes);
        if (attributes is not null && elements == 0)
        {
            // Only attributes below it (Money currency="EUR", Country isoCountryCode="DE"): they stay in the reader's array,
            // found by name and read from it; a node is made for one only when a caller needs the node itself.
            return new DocumentNode(element.Name, position, new AttributeLeaves(attributes, position)) { Value = text.Length > 0 ? text : null };
        }
        var children = (attributes?.Length ?? 0) + elements;
        var node = new DocumentNode(element.Name, text.Length > 0 ? text : null, position, children);
        if (attributes is not null)
        {
            for (var index = 0; index < attributes.Length; index++)
                node.Add(new DocumentNode(AttributeNodeNameCache.Get(attributes[index].Name), attributes[index].Value, position));
        }
        for (var index = 0; index < nodes.Length; index++)
        {
            if (nodes[index] is CxmlElement child) node.Add(From(child));
        }
        return node;
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
    private sealed class AttributeLeaves(CxmlAttr[] attributes, Position position) : NodeLeaves
    {
        public override int Count => attributes.Length;

        // XML gives an element's attributes distinct names; a name not starting with '@' names no attribute.
        public override int IndexOf(string name)
        {
            if (name.Length < 2 || name[0] != '@') return 0;
            for (var index = 0; index < attributes.Length; index++)
            {
                if (name.AsSpan(1).SequenceEqual(attributes[index].Name)) return index + 1;
            }
            return 0;
        }

        public override string NameOf(int index) => AttributeNodeNameCache.Get(attributes[index - 1].Name);

        public override bool IsEmpty(int index) => attributes[index - 1].Value.Length == 0;

        public override bool TextEquals(int index, string value) => attributes[index - 1].Value == value;

        public override Position PositionOf(int index) => position;

        protected override string Decode(int index) => attributes[index - 1].Value;
    }

    private static string AttributeNodeName(string name)
    {
        if (AttributeNodeNames.TryGetValue(name, out var known)) return known;
        // Interned (bounded by the capacity), as map paths' step names are: a matching step is a reference hit.
        return AttributeNodeNames.Count < AttributeNameCapacity ? AttributeNodeNames.GetOrAdd(name, string.Intern("@" + name)) : "@" + name;
    }
}
