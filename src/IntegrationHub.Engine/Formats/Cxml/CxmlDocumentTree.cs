using System.Collections.Concurrent;
using IntegrationHub.Documents;

namespace IntegrationHub.Formats.Cxml;

/// <summary>
/// Lays a cXML element tree out as a <see cref="DocumentNode"/> tree for maps: each element a node with its own text
/// (trimmed; none when it holds only child elements), each attribute a child named <c>@name</c>, in document order.
/// One walk over the reader's own arrays: every child list is allocated at its final size and the <c>@name</c> strings are
/// made once per attribute name, not once per attribute.
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
        var children = (attributes?.Length ?? 0) + ElementCount(nodes);
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

    private static string AttributeNodeName(string name)
    {
        if (AttributeNodeNames.TryGetValue(name, out var known)) return known;
        // Interned (bounded by the capacity), as map paths' step names are: a matching step is a reference hit.
        return AttributeNodeNames.Count < AttributeNameCapacity ? AttributeNodeNames.GetOrAdd(name, string.Intern("@" + name)) : "@" + name;
    }
}
