using IntegrationHub.Documents;

namespace IntegrationHub.Formats.X12;

/// <summary>
/// A segment's elements as the leaves of its tree node (<c>PO101</c> to <c>PO1nn</c>), over the segment's bytes: found
/// by name without a lookup table, tested and compared without decoding, decoded only when a map reads one. An element
/// that has components gets them as children (<c>PO105-01</c>) when its node is made.
/// </summary>
internal sealed class X12ElementLeaves(X12Segment segment, string[] names) : NodeLeaves
{
    public override int Count => segment.Count;

    /// <summary>
    /// Element names are the segment id and a two-digit number (<c>PO106</c>; three digits from 100): read back from
    /// the name and checked against the name the element has, so only the exact name finds it.
    /// </summary>
    public override int IndexOf(string name)
    {
        var id = segment.Id;
        if (name.Length < id.Length + 2 || !name.StartsWith(id, StringComparison.Ordinal)) return 0;
        var index = 0;
        for (var i = id.Length; i < name.Length; i++)
        {
            var c = name[i];
            if (!char.IsAsciiDigit(c) || index > segment.Count) return 0;
            index = (index * 10) + (c - '0');
        }
        return index >= 1 && index <= segment.Count && string.Equals(names[index], name, StringComparison.Ordinal) ? index : 0;
    }

    public override string NameOf(int index) => names[index];

    public override bool IsEmpty(int index) => !segment.IsPresent(index);

    public override bool TextEquals(int index, string value) => segment.ElementEquals(index, value);

    public override Position PositionOf(int index) => new(segment.OffsetOf(index), 0, 0, string.Empty);

    protected override string Decode(int index) => segment[index];

    protected override void AddParts(DocumentNode leaf, int index)
    {
        var component = segment.Delimiters.Component;
        if (component == 0 || segment.Element(index).IndexOf(component) < 0) return; // most elements are simple
        var components = segment.Components(index);
        if (components.Count < 2) return;
        for (var part = 0; part < components.Count; part++) leaf.Add($"{leaf.Name}-{part + 1:00}", components[part]);
    }
}
