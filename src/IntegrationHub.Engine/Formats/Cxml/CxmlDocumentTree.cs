using IntegrationHub.Documents;

namespace IntegrationHub.Formats.Cxml;

/// <summary>
/// Lays a cXML element tree out as a <see cref="DocumentNode"/> tree for maps: each element a node with its own text
/// (trimmed; none when it holds only child elements), each attribute a child named <c>@name</c>, in document order.
/// </summary>
public static class CxmlDocumentTree
{
    public static DocumentNode From(CxmlElement element)
    {
        var text = element.Text.Trim();
        var node = new DocumentNode(element.Name, text.Length > 0 ? text : null, new Position(-1, element.Line, element.Column, string.Empty));
        foreach (var attribute in element.Attributes)
            node.Add(new DocumentNode("@" + attribute.Name, attribute.Value, new Position(-1, element.Line, element.Column, string.Empty)));
        foreach (var child in element.Elements) node.Add(From(child));
        return node;
    }
}
