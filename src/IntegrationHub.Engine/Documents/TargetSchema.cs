namespace IntegrationHub.Documents;

/// <summary>
/// What a format allows below one node of the trees outbound maps build: the child names it knows, whether a node holds
/// a value, how long the value may be and whether it is required. Formats describe their documents with it (an X12 set
/// from its spec, a cXML payload from its DTD's child order) so a map's targets are checked when the map is loaded,
/// without the mapping language knowing any format.
/// </summary>
public sealed class TargetSchema
{
    private readonly Func<string, TargetSchema?>? _children;

    /// <summary>A node whose children are found by <paramref name="children"/> (null for a leaf).</summary>
    /// <param name="name">The node's name, for messages.</param>
    /// <param name="children">The schema of a child by name, or null when the format has no such child here.</param>
    /// <param name="childNames">The child names, in the format's order, for messages.</param>
    public TargetSchema(string name, Func<string, TargetSchema?>? children, IReadOnlyList<string> childNames)
    {
        Name = name;
        _children = children;
        ChildNames = childNames;
    }

    public string Name { get; }

    /// <summary>The children the format knows here, in its order (for messages; may be a sample where any name goes).</summary>
    public IReadOnlyList<string> ChildNames { get; }

    /// <summary>Whether the node holds a value (an X12 element, a cXML attribute or text).</summary>
    public bool HoldsValue { get; init; }

    /// <summary>Whether the format requires this node (an X12 mandatory element).</summary>
    public bool Required { get; init; }

    /// <summary>The longest value the format allows; 0 when it sets no limit.</summary>
    public int MaxLength { get; init; }

    /// <summary>Whether the node is a value and nothing else (it can have no children).</summary>
    public bool IsLeaf => _children is null;

    /// <summary>The schema of a child, or null when the format has no such child here.</summary>
    public TargetSchema? Child(string name) => _children?.Invoke(name);

    /// <summary>A leaf: a value and no children.</summary>
    public static TargetSchema Value(string name, bool required = false, int maxLength = 0) =>
        new(name, null, []) { HoldsValue = true, Required = required, MaxLength = maxLength };
}
