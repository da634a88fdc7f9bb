using System.Text;

namespace IntegrationHub.Formats.X12;

/// <summary>
/// One segment kept beyond the tokenizer's buffer: its bytes and where each element starts. Values are decoded only
/// when asked for, so validation can run over bytes.
/// </summary>
internal sealed class X12Segment
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
        Id = encoding.GetString(Element(0));
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

    /// <summary>Byte offset of element <paramref name="position"/> in the input.</summary>
    public long OffsetOf(int position) => Offset + (position < _starts.Length - 1 ? _starts[position] : _data.Length);

    /// <summary>The components of element <paramref name="position"/>, split by the component separator.</summary>
    public IReadOnlyList<string> Components(int position)
    {
        var value = this[position];
        return Delimiters.Component == 0 ? [value] : value.Split((char)Delimiters.Component);
    }

    /// <summary>The segment as written, without terminator.</summary>
    public override string ToString() => Encoding.GetString(_data);
}
