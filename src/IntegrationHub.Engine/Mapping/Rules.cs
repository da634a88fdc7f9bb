using System.Text.Json.Serialization.Metadata;
using IntegrationHub.Documents;

namespace IntegrationHub.Mapping;

/// <summary>What kind of value a canonical field holds, decided from its type when a map is loaded.</summary>
internal enum ValueKind
{
    Text,
    Number,
    Integer,
    Moment,
    Boolean,
    Enum,
}

/// <summary>A compiled part of a map: how to fill one canonical field.</summary>
internal abstract record Rule;

/// <summary>A scalar field filled from an expression.</summary>
internal sealed record ValueRule(Expression Expression, ValueKind Kind, Type ValueType, string Source) : Rule
{
    /// <summary>For an enum field, the names the model reads (camelCase), worked out once at load.</summary>
    public string[] EnumNames { get; } = Kind == ValueKind.Enum ? [.. Enum.GetNames(ValueType).Select(System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName)] : [];

    /// <summary>For an enum field, the value each of <see cref="EnumNames"/> names, in the same order.</summary>
    public object[] EnumValues { get; } = Kind == ValueKind.Enum ? [.. Enum.GetValues(ValueType).Cast<object>()] : [];
}

/// <summary>
/// An object filled field by field; left out when <c>when:</c> does not hold or nothing in it has a value. Made anew (never
/// with <c>with</c>) when its fields change, so that its <see cref="Binder"/> is worked out for them.
/// </summary>
internal sealed record ObjectRule(JsonTypeInfo Type, IReadOnlyList<FieldRule> Fields, Expression? When) : Rule
{
    /// <summary>How the record is made from the fields' values.</summary>
    public RecordBinder Binder { get; } = new(Type, Fields);

    /// <summary>The fields, as the array a run indexes: every object of every document walks them, and a list's indexer
    /// is an interface call.</summary>
    public FieldRule[] FieldArray { get; } = [.. Fields];
}

/// <summary>One field of an object.</summary>
internal sealed record FieldRule(string Name, Rule Rule, bool Required);

/// <summary>A list filled with one element per node that <c>each:</c> reaches.</summary>
internal sealed record EachRule(DocumentPath Each, Rule Element) : Rule;

/// <summary>A list written out entry by entry; entries without a value are left out.</summary>
internal sealed record EntriesRule(IReadOnlyList<Rule> Entries) : Rule;

/// <summary>In a map that extends another: this field is not filled (written <c>field: ~</c>).</summary>
internal sealed record RemovedRule : Rule
{
    public static RemovedRule Instance { get; } = new();
}
