using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Canonical;
using IntegrationHub.Documents;

namespace IntegrationHub.Mapping;

/// <summary>
/// Lays a canonical document's JSON form (<see cref="CanonicalJson"/>) out as a <see cref="DocumentNode"/> tree, so that
/// outbound maps read it with the same paths and functions inbound maps use on formats: an object's fields are children
/// by their JSON names, a list is one child per element under the list's name (<c>lines</c>, <c>lines[2]</c>), a value is
/// a leaf with its JSON text (numbers as written, so <c>6.05</c> keeps its scale; dates in ISO 8601).
/// </summary>
public static class CanonicalTree
{
    /// <summary>The tree of a canonical document; the root is named after the document (<c>orderAcknowledgment</c>).</summary>
    public static DocumentNode From(object document, Type type, string rootName)
    {
        var json = JsonSerializer.SerializeToNode(document, type, CanonicalJson.Options)
            ?? throw new ArgumentException("The document serialises to nothing.", nameof(document));
        var root = new DocumentNode(rootName, null, Position.Unknown);
        Fill(root, json);
        return root;
    }

    private static void Fill(DocumentNode node, JsonNode json)
    {
        switch (json)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    if (value is null) continue;
                    if (value is JsonArray array)
                    {
                        foreach (var element in array)
                        {
                            if (element is not null) Fill(node.Add(new DocumentNode(name, null, Position.Unknown)), element);
                        }
                    }
                    else Fill(node.Add(new DocumentNode(name, null, Position.Unknown)), value);
                }
                break;
            case JsonValue value:
                node.Value = value.GetValueKind() switch
                {
                    JsonValueKind.String => value.GetValue<string>(),
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    _ => value.ToJsonString(),
                };
                break;
            default:
                throw new InvalidOperationException($"Unexpected JSON node {json.GetType().Name} in a canonical document.");
        }
    }
}
