using IntegrationHub.Documents;

namespace IntegrationHub.Formats.X12;

/// <summary>A segment's elements as the leaves of its node in a set's document tree (see <see cref="X12Segment"/>).</summary>
internal sealed partial class X12Segment
{
    private string[]? _names; // the elements' names, made when a leaf's node or name is first asked for
    private DocumentNode? _node; // the segment's node in the last tree that placed it
    private bool _refilled; // the segment holds other data than when _node was placed: _node may be reused

    /// <summary>
    /// The segment's node in its set's tree (<see cref="X12DocumentTree.SegmentNode"/>). A segment refilled for a later
    /// set (<see cref="X12Reader.ReuseSetSegments"/>) reuses the node it had in the earlier set's tree, which is no
    /// longer read; a segment placed again without being refilled gets a new node, so an earlier tree keeps its own.
    /// </summary>
    public DocumentNode TreeNode()
    {
        var position = new Position(Offset, 0, 0, string.Empty);
        if (_node is { } node && _refilled) node.Reuse(Id, position, this);
        else _node = node = new DocumentNode(Id, position, this);
        _refilled = false;
        return node;
    }

    /// <summary>
    /// Element names are the segment id and a two-digit number (<c>PO106</c>; three digits from 100): read back from
    /// the name, with as many digits as the element's own name has, so only the exact name finds it.
    /// </summary>
    public override int IndexOf(string name)
    {
        var id = Id;
        var digits = name.Length - id.Length;
        if (digits is not (2 or 3) || !name.StartsWith(id, StringComparison.Ordinal)) return 0;
        var index = 0;
        for (var i = id.Length; i < name.Length; i++)
        {
            var c = name[i];
            if (!char.IsAsciiDigit(c)) return 0;
            index = (index * 10) + (c - '0');
        }
        return index >= 1 && index <= Count && digits == (index < 100 ? 2 : 3) ? index : 0;
    }

    public override bool AreElements => true;

    public override string NameOf(int index) => (_names ??= ElementNames.Of(Id, Count))[index];

    public override bool IsEmpty(int index) => !IsPresent(index);

    public override bool TextEquals(int index, string value) => ElementEquals(index, value);

    public override Position PositionOf(int index) => new(OffsetOf(index), 0, 0, string.Empty);

    protected override string Decode(int index)
    {
        var bytes = Element(index);
        return bytes.Length is > 0 and <= ShortTexts.MaxLength && ExtendsAscii(Encoding) && System.Text.Ascii.IsValid(bytes)
            ? ShortTexts.Of(bytes)
            : this[index];
    }

    public override int TryDecode(int index, Span<char> buffer) => Decode(index, buffer);

    protected override void AddParts(DocumentNode leaf, int index)
    {
        var component = Delimiters.Component;
        if (component == 0 || Element(index).IndexOf(component) < 0) return; // most elements are simple
        var components = Components(index);
        if (components.Count < 2) return;
        for (var part = 0; part < components.Count; part++) leaf.Add($"{leaf.Name}-{part + 1:00}", components[part]);
    }

    /// <summary>
    /// Short ASCII element texts (units such as <c>EA</c>, currencies, qualifiers, line numbers) repeat on every line: one
    /// string per text and thread, not one per element read. ASCII reads the same in every encoding that extends it.
    /// </summary>
    internal static class ShortTexts
    {
        public const int MaxLength = 3;

        [ThreadStatic]
        private static Dictionary<int, string>? t_texts;

        public static string Of(ReadOnlySpan<byte> ascii)
        {
            var key = ascii.Length;
            foreach (var b in ascii) key = key << 8 | b; // at most three bytes after the length: unique per text
            var texts = t_texts ??= new Dictionary<int, string>();
            if (texts.TryGetValue(key, out var text)) return text;
            text = System.Text.Encoding.ASCII.GetString(ascii);
            if (texts.Count < 4096) texts[key] = text;
            return text;
        }
    }

    /// <summary>Element names (<c>BEG03</c>) are a few hundred strings: made once per thread, not once per segment.</summary>
    private static class ElementNames
    {
        [ThreadStatic]
        private static Dictionary<string, string[]>? t_names;

        /// <summary>The names of elements 1 to <paramref name="count"/> of a segment, at their positions (index 0 is unused).</summary>
        public static string[] Of(string segmentId, int count)
        {
            var all = t_names ??= new Dictionary<string, string[]>(StringComparer.Ordinal);
            if (all.TryGetValue(segmentId, out var names) && names.Length > count) return names;
            var grown = new string[Math.Max(count + 1, 8)];
            for (var position = 1; position < grown.Length; position++)
                grown[position] = names is not null && position < names.Length ? names[position] : $"{segmentId}{position:00}";
            if (all.Count < 4096) all[segmentId] = grown;
            return grown;
        }
    }
}
