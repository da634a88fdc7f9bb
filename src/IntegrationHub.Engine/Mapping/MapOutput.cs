using IntegrationHub.Canonical;

namespace IntegrationHub.Mapping;

/// <summary>
/// Where a running inbound map puts what it makes: the canonical records themselves (<see cref="CanonicalBuilder"/>), or
/// their JSON (<see cref="JsonOutput"/>) for the rare map the records cannot be bound to directly. Objects and lists are
/// begun before their contents are known and made only when something lands in them (or <see cref="Open"/> says to keep
/// them even when empty), so an empty one leaves no trace. A value or object goes to <c>field</c> of the object being
/// made (the field's index among its rule's fields beside it), or, with no field, into the list being made.
/// </summary>
internal interface IMapOutput
{
    void BeginObject(FieldRule? field, int index, ObjectRule rule);

    void BeginArray(FieldRule? field, int index);

    /// <summary>Makes every begun object and list.</summary>
    void Open();

    /// <summary>Ends the innermost object or list; true when it was made, false when it is left out.</summary>
    bool End();

    void Text(FieldRule? field, int index, string value);

    void Number(FieldRule? field, int index, decimal value);

    void Integer(FieldRule? field, int index, int value);

    void Moment(FieldRule? field, int index, Moment value);

    void Boolean(FieldRule? field, int index, bool value);

    /// <summary>An enum field: its JSON name and the value it names.</summary>
    void Enum(FieldRule? field, int index, string name, object value);
}
