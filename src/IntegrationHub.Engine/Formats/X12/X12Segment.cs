using System.Text;

namespace IntegrationHub.Formats.X12;

/// <summary>
/// One segment kept beyond the tokenizer's buffer: its bytes and where each element starts. Values are decoded only
/// when asked for, so validation can run over bytes.
/// </summary>
internal sealed class X12Segment : Documents.INodeText
{
    private readonly byte[] _data;

    /// <summary>Start of each element (0 = the segment id), plus one past the end of the data.</summary>
    private readonly int[] _starts;

    private X12Segment(byte[] data, int[] starts, X12Delimiters delimiters, long offset, SegmentDefect defect, Encoding encoding)
    {
        _data = data;
        _starts = starts;
        Delimiters = delimiters;
        Offset = offset;
        Defect = defect;
        Encoding = encoding;
        Id = SegmentIds.Get(Element(0), encoding);
    }

    public string Id { get; }

    public long Offset { get; }

    public SegmentDefect Defect { get; }

    public X12Delimiters Delimiters { get; }

    public Encoding Encoding { get; }

    /// <summary>Number of data elements (the id not counted), trailing empty ones included.</summary>
    public int Count => _starts.Length - 2;

    public static X12Segment From(in SegmentToken token, Encoding encoding)
    {
        var data = token.Data.ToArray();
        var separators = data.AsSpan().Count(token.Delimiters.Element);
        var starts = new int[separators + 2];
        var position = 0;
        for (var i = 1; i <= separators; i++)
        {
            position += data.AsSpan(position).IndexOf(token.Delimiters.Element) + 1;
            starts[i] = position;
        }
        starts[^1] = data.Length + 1;
        return new X12Segment(data, starts, token.Delimiters, token.Offset, token.Defect, encoding);
    }

    /// <summary>Element <paramref name="position"/> (1-based; 0 is the id); empty when absent.</summary>
    public ReadOnlySpan<byte> Element(int position) =>
        position < _starts.Length - 1 ? _data.AsSpan(_starts[position], _starts[position + 1] - 1 - _starts[position]) : default;

    public string this[int position] => Encoding.GetString(Element(position));

    string? Documents.INodeText.Text(int index) => this[index];

    /// <summary>Byte offset of element <paramref name="position"/> in the input.</summary>
    public long OffsetOf(int position) => Offset + (position < _starts.Length - 1 ? _starts[position] : _data.Length);

    /// <summary>The components of element <paramref name="position"/>, split by the component separator.</summary>
    public IReadOnlyList<string> Components(int position)
    {
        var value = this[position];
        return Delimiters.Component == 0 ? [value] : value.Split((char)Delimiters.Component);
    }

    /// <summary>Decodes element <paramref name="position"/> into <paramref name="buffer"/> when it fits; returns the characters written or -1.</summary>
    public int Decode(int position, Span<char> buffer)
    {
        var bytes = Element(position);
        return Encoding.GetMaxCharCount(bytes.Length) <= buffer.Length || bytes.Length <= buffer.Length && Encoding == System.Text.Encoding.Latin1
            ? Encoding.GetChars(bytes, buffer)
            : -1;
    }

    /// <summary>The segment as written, without terminator.</summary>
    public override string ToString() => Encoding.GetString(_data);
}

/// <summary>Segment ids are a handful of short strings: they are shared, not allocated per segment.</summary>
internal static class SegmentIds
{
    [ThreadStatic]
    private static Dictionary<int, string>? t_ids;

    public static string Get(ReadOnlySpan<byte> id, Encoding encoding)
    {
        if (id.Length is 0 or > 3 || id.ContainsAnyExceptInRange((byte)0x20, (byte)0x7E)) return encoding.GetString(id);
        var key = id.Length | (id[0] << 8) | (id.Length > 1 ? id[1] << 16 : 0) | (id.Length > 2 ? id[2] << 24 : 0);
        var ids = t_ids ??= [];
        if (!ids.TryGetValue(key, out var value))
        {
            // Interned, so that comparing with the ids of the specs is a reference check.
            value = string.Intern(encoding.GetString(id));
            if (ids.Count < 4096) ids[key] = value;
        }
        return value;
    }
}
