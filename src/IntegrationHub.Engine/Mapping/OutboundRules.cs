using IntegrationHub.Documents;

namespace IntegrationHub.Mapping;

/// <summary>A compiled part of an outbound map: how to build one node of a format's document tree.</summary>
internal abstract record OutRule(string Name);

/// <summary>A leaf (an X12 element, a cXML attribute, an element's own text written <c>.</c>) filled from an expression.</summary>
internal sealed record OutValueRule(string Name, Expression Expression, string Source, TargetSchema Schema) : OutRule(Name);

/// <summary>
/// A node (a segment, a loop, an element) built child by child; one per canonical node that <c>each:</c> reaches, or one
/// when there is no <c>each:</c>. Left out when <c>when:</c> does not hold or none of its children has a value.
/// </summary>
internal sealed record OutNodeRule(string Name, IReadOnlyList<OutRule> Children, Expression? When, DocumentPath? Each, TargetSchema Schema) : OutRule(Name);

/// <summary>In a map that extends another: the base's rules for this target are dropped (written <c>TARGET: ~</c>).</summary>
internal sealed record OutRemovedRule(string Name) : OutRule(Name);
