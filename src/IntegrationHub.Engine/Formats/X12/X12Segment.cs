using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;

namespace IntegrationHub.Formats.X12;

/// <summary>
/// One segment kept beyond the tokenizer's buffer: its bytes and where each element starts. Values are decoded only
/// when asked for, so validation can run over bytes. A reader that hands out each set only until the next one may
/// refill a segment of an earlier set (see <see cref="X12Reader"/>), reusing its arrays.
/// In a set's document tree the segment's elements are its node's leaves (<c>PO101</c> to <c>PO1nn</c>), over these
/// bytes: found by name without a lookup table, tested and compared without decoding, decoded only when a map reads
/// one. An element that has components gets them as children (<c>PO105-01</c>) when its node is made.
/// </summary>
internal sealed partial class X12Segment : Documents.NodeLeaves
{
    private byte[] _data = [];
    private int _length;

    /// <summary>Start of each element (0 = the segment id), plus one past the end of the data, in the first <see cref="_startCount"/> entries.</summary>
    private int[] _starts = [];
    private int _startCount;

    /// <summary>Bit p set when element p (1 to 63) is not empty.</summary>
    private ulong _present;

    private X12Segment()
    {
    }

    public string Id { get; private set; } = "";

    public long Offset { get; private set; }

    public SegmentDefect Defect { get; private set; }

    public X12Delimiters Delimiters { get; private set; } = X12Delimiters.Retail;

    public Encoding Encoding { get; private set; } = Encoding.Latin1;

    /// <summary>Number of data elements (the id not counted), trailing empty ones included.</summary>
    public override int Count => _startCount - 2;

    public static X12Segment From(in SegmentToken token, Encoding encoding) => new X12Segment().Fill(token, encoding);

    /// <summary>Makes this segment a copy of <paramref name="token"/>, reusing its arrays when they are large enough.</summary>
    public X12Segment Fill(in SegmentToken token, Encoding encoding)
    {
        var source = token.Data;
        if (_data.Length < source.Length) _data = new byte[source.Length];
        source.CopyTo(_data);
        _length = source.Length;
        var separators = FindStarts(source, token.Delimiters.Element);
        ulong present = 0;
        for (var i = 1; i <= separators && i < 64; i++)
        {
            if (_starts[i + 1] - 1 > _starts[i]) present |= 1UL << i;
        }
        _present = present;
        Delimiters = token.Delimiters;
        Offset = token.Offset;
        Defect = token.Defect;
        Encoding = encoding;
        Id = SegmentIds.Get(Element(0), encoding);
        _names = null;
        ForgetLeaves();
        return this;
    }

    /// <summary>
    /// Fills <see cref="_starts"/> with 0, one past each separator and one past the end plus one, in one pass (16 bytes
    /// at a time where the hardware allows); returns the number of separators.
    /// </summary>
    private int FindStarts(ReadOnlySpan<byte> source, byte separator)
    {
        var starts = _starts;
        if (starts.Length < 16) starts = _starts = new int[16];
        starts[0] = 0;
        var count = 1;
        var i = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            var wanted = Vector128.Create(separator);
            ref var first = ref MemoryMarshal.GetReference(source);
            for (; i + 16 <= source.Length; i += 16)
            {
                var bits = Vector128.Equals(Vector128.LoadUnsafe(ref first, (nuint)i), wanted).ExtractMostSignificantBits();
                while (bits != 0)
                {
                    // One more entry is always kept free: for the end.
                    if (count + 1 >= starts.Length) starts = Grow();
                    starts[count++] = i + BitOperations.TrailingZeroCount(bits) + 1;
                    bits &= bits - 1;
                }
            }
        }
        for (; i < source.Length; i++)
        {
            if (source[i] != separator) continue;
            if (count + 1 >= starts.Length) starts = Grow();
            starts[count++] = i + 1;
        }
        starts[count] = source.Length + 1;
        _startCount = count + 1;
        return count - 1;
    }

    private int[] Grow()
    {
        Array.Resize(ref _starts, _starts.Length * 2);
        return _starts;
    }

    /// <summary>Whether element <paramref name="position"/> (1-based) has a value.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public bool IsPresent(int position) =>
        (uint)position < 64 ? position > 0 && (_present & (1UL << position)) != 0 : !Element(position).IsEmpty;

    /// <summary>Element <paramref name="position"/> (1-based; 0 is the id); empty when absent.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<byte> Element(int position) =>
        (uint)position < (uint)(_startCount - 1) ? _data.AsSpan(_starts[position], _starts[position + 1] - 1 - _starts[position]) : default;

    /// <summary>Bit p set when element p (1 to 63) is not empty: <see cref="IsPresent"/> of many positions at once.</summary>
    internal ulong PresentMask => _present;

    /// <summary>The segment's bytes, without terminator.</summary>
    internal ReadOnlySpan<byte> Data => _data.AsSpan(0, _length);

    /// <summary>
    /// Where each element starts in <see cref="Data"/> (0 for the id), then one past the end of the data plus one:
    /// element p is <c>Data[Starts[p]..(Starts[p + 1] - 1)]</c>, for p from 0 to <see cref="Count"/>.
    /// </summary>
    internal ReadOnlySpan<int> Starts => _starts.AsSpan(0, _startCount);

    public string this[int position] => Encoding.GetString(Element(position));

    /// <summary>Byte offset of element <paramref name="position"/> in the input.</summary>
    public long OffsetOf(int position) => Offset + (position < _startCount - 1 ? _starts[position] : _length);

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
        // ASCII reads the same in every encoding the reader is given that extends it; only other bytes need the encoding.
        if (bytes.Length <= buffer.Length && ExtendsAscii(Encoding)
            && System.Text.Ascii.ToUtf16(bytes, buffer, out var written) == System.Buffers.OperationStatus.Done)
        {
            return written;
        }
        return Encoding.GetMaxCharCount(bytes.Length) <= buffer.Length || bytes.Length <= buffer.Length && Encoding == System.Text.Encoding.Latin1
            ? Encoding.GetChars(bytes, buffer)
            : -1;
    }

    /// <summary>Whether element <paramref name="position"/> reads as exactly <paramref name="value"/>; compared on the bytes when both are ASCII.</summary>
    public bool ElementEquals(int position, string value)
    {
        var bytes = Element(position);
        if (bytes.Length != value.Length) return Encoding.GetCharCount(bytes) == value.Length && this[position] == value;
        // ASCII bytes read as the same characters in every encoding that extends ASCII; anything else is decoded.
        if (!ExtendsAscii(Encoding) || !System.Text.Ascii.IsValid(bytes)) return this[position] == value;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] != value[i]) return false;
        }
        return true;
    }

    internal static bool ExtendsAscii(Encoding encoding) =>
        ReferenceEquals(encoding, Encoding.Latin1) || ReferenceEquals(encoding, Encoding.UTF8) || encoding.CodePage is 28591 or 65001 or 20127 or 1252;

    /// <summary>The segment as written, without terminator.</summary>
    public override string ToString() => Encoding.GetString(_data, 0, _length);
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
