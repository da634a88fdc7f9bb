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
    private int _base; // where the segment's bytes start in _data: 0 for its own array, elsewhere in an arena's block
    private int _length;

    /// <summary>Start of each element (0 = the segment id), plus one past the end of the data, in the first <see cref="_startCount"/> entries.</summary>
    private int[] _starts = [];
    private int _startBase; // where the segment's starts begin in _starts (as _base)
    private int _startCount;
    private bool _shared; // _data and _starts are an arena's blocks, not the segment's own arrays

    /// <summary>Bit p set when element p (1 to 63) is not empty.</summary>
    private ulong _present;

    private X12Segment()
    {
    }

    public string Id { get; private set; } = "";

    /// <summary>The process-wide number of <see cref="Id"/> (<see cref="SegmentIds"/>), or -1 when it has none.</summary>
    public int IdNumber { get; private set; } = -1;

    public long Offset { get; private set; }

    public SegmentDefect Defect { get; private set; }

    public X12Delimiters Delimiters { get; private set; } = X12Delimiters.Retail;

    public Encoding Encoding { get; private set; } = Encoding.Latin1;

    /// <summary>Number of data elements (the id not counted), trailing empty ones included.</summary>
    public override int Count => _startCount - 2;

    public static X12Segment From(in SegmentToken token, Encoding encoding, SegmentIds.Recent? ids = null) => new X12Segment().Fill(token, encoding, ids);

    /// <summary>A new segment whose bytes and starts are kept in <paramref name="arena"/>'s blocks, for a segment kept as long as its set.</summary>
    public static X12Segment From(in SegmentToken token, Encoding encoding, X12SegmentArena arena, SegmentIds.Recent? ids = null)
    {
        var segment = new X12Segment();
        var source = token.Data;
        (segment._data, segment._base) = arena.Bytes(source.Length);
        source.CopyTo(segment._data.AsSpan(segment._base));
        var scratch = arena.Scratch;
        var separators = FindStarts(source, token.Delimiters.Element, ref scratch, out var count);
        arena.Scratch = scratch;
        (segment._starts, segment._startBase) = arena.Ints(count);
        scratch.AsSpan(0, count).CopyTo(segment._starts.AsSpan(segment._startBase));
        segment._shared = true;
        return segment.Filled(token, encoding, source.Length, count, separators, ids);
    }

    /// <summary>
    /// Makes this segment a copy of <paramref name="token"/>, reusing its own arrays when they are large enough. A
    /// reader passes its own <paramref name="ids"/>: the id is then found without the thread's cache.
    /// </summary>
    public X12Segment Fill(in SegmentToken token, Encoding encoding, SegmentIds.Recent? ids = null)
    {
        var source = token.Data;
        if (_shared)
        {
            (_data, _starts, _base, _startBase, _shared) = ([], [], 0, 0, false);
        }
        if (_data.Length < source.Length) _data = new byte[source.Length];
        source.CopyTo(_data);
        if (_starts.Length < 16) _starts = new int[16];
        var separators = FindStarts(source, token.Delimiters.Element, ref _starts, out var count);
        return Filled(token, encoding, source.Length, count, separators, ids);
    }

    private X12Segment Filled(in SegmentToken token, Encoding encoding, int length, int startCount, int separators, SegmentIds.Recent? ids)
    {
        _length = length;
        _startCount = startCount;
        var starts = _starts.AsSpan(_startBase, startCount);
        ulong present = 0;
        for (var i = 1; i <= separators && i < 64; i++)
        {
            if (starts[i + 1] - 1 > starts[i]) present |= 1UL << i;
        }
        _present = present;
        // A refilled segment nearly always keeps its delimiters and encoding, and often its id: a reference is written
        // only when it changes, as each write of one costs a GC write barrier.
        if (!ReferenceEquals(Delimiters, token.Delimiters)) Delimiters = token.Delimiters;
        Offset = token.Offset;
        Defect = token.Defect;
        if (!ReferenceEquals(Encoding, encoding)) Encoding = encoding;
        var id = ids is null ? SegmentIds.Get(Element(0), encoding, out var number) : SegmentIds.Get(Element(0), encoding, ids, out number);
        if (!ReferenceEquals(Id, id)) Id = id;
        IdNumber = number;
        _names = null;
        _refilled = true;
        ForgetLeaves();
        return this;
    }

    /// <summary>
    /// Fills <paramref name="starts"/> (of at least 16, grown as needed) with 0, one past each separator and one past
    /// the end plus one, in one pass (16 bytes at a time where the hardware allows, then 8); returns the number of separators
    /// and, in <paramref name="startCount"/>, how many entries were written.
    /// </summary>
    private static int FindStarts(ReadOnlySpan<byte> source, byte separator, ref int[] starts, out int startCount)
    {
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
                    if (count + 1 >= starts.Length) Array.Resize(ref starts, starts.Length * 2);
                    starts[count++] = i + BitOperations.TrailingZeroCount(bits) + 1;
                    bits &= bits - 1;
                }
            }
        }
        // What a vector does not cover (all of most segments, they are short), eight bytes at a time: the high bit of each
        // byte of `bits` is set exactly where the byte equals the separator (no borrow crosses bytes).
        const ulong Low7 = 0x7F7F7F7F7F7F7F7FUL;
        var pattern = 0x0101010101010101UL * separator;
        for (; i + 8 <= source.Length; i += 8)
        {
            var word = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(source[i..]) ^ pattern;
            var bits = ~(((word & Low7) + Low7) | word | Low7);
            while (bits != 0)
            {
                if (count + 1 >= starts.Length) Array.Resize(ref starts, starts.Length * 2);
                starts[count++] = i + (BitOperations.TrailingZeroCount(bits) >> 3) + 1;
                bits &= bits - 1;
            }
        }
        for (; i < source.Length; i++)
        {
            if (source[i] != separator) continue;
            if (count + 1 >= starts.Length) Array.Resize(ref starts, starts.Length * 2);
            starts[count++] = i + 1;
        }
        starts[count] = source.Length + 1;
        startCount = count + 1;
        return count - 1;
    }

    /// <summary>Whether element <paramref name="position"/> (1-based) has a value.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public bool IsPresent(int position) =>
        (uint)position < 64 ? position > 0 && (_present & (1UL << position)) != 0 : !Element(position).IsEmpty;

    /// <summary>Element <paramref name="position"/> (1-based; 0 is the id); empty when absent.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<byte> Element(int position) =>
        (uint)position < (uint)(_startCount - 1) ? Slice(_starts[_startBase + position], _starts[_startBase + position + 1]) : default;

    // Element bytes from their start to one past their separator.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private ReadOnlySpan<byte> Slice(int start, int next) => _data.AsSpan(_base + start, next - 1 - start);

    /// <summary>Bit p set when element p (1 to 63) is not empty: <see cref="IsPresent"/> of many positions at once.</summary>
    internal ulong PresentMask => _present;

    /// <summary>The segment's bytes, without terminator.</summary>
    internal ReadOnlySpan<byte> Data => _data.AsSpan(_base, _length);

    /// <summary>
    /// Where each element starts in <see cref="Data"/> (0 for the id), then one past the end of the data plus one:
    /// element p is <c>Data[Starts[p]..(Starts[p + 1] - 1)]</c>, for p from 0 to <see cref="Count"/>.
    /// </summary>
    internal ReadOnlySpan<int> Starts => _starts.AsSpan(_startBase, _startCount);

    public string this[int position] => Encoding.GetString(Element(position));

    /// <summary>Byte offset of element <paramref name="position"/> in the input.</summary>
    public long OffsetOf(int position) => Offset + (position < _startCount - 1 ? _starts[_startBase + position] : _length);

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

    /// <summary>Whether element <paramref name="position"/> reads as exactly <paramref name="value"/>; compared on the bytes where both are ASCII.</summary>
    public bool ElementEquals(int position, string value)
    {
        var bytes = Element(position);
        if (bytes.Length == value.Length && ExtendsAscii(Encoding))
        {
            // In one pass (a qualifier is compared with many elements): up to the first byte or character that is not
            // ASCII, each byte reads as itself and at the same place, so the first difference there is one of the texts.
            for (var i = 0; i < bytes.Length; i++)
            {
                var (b, c) = (bytes[i], value[i]);
                if ((b | c) >= 0x80) return this[position] == value;
                if (b != c) return false;
            }
            return true;
        }
        return Encoding.GetCharCount(bytes) == value.Length && this[position] == value;
    }

    internal static bool ExtendsAscii(Encoding encoding) =>
        ReferenceEquals(encoding, Encoding.Latin1) || ReferenceEquals(encoding, Encoding.UTF8) || encoding.CodePage is 28591 or 65001 or 20127 or 1252;

    /// <summary>The segment as written, without terminator.</summary>
    public override string ToString() => Encoding.GetString(_data, _base, _length);
}

/// <summary>
/// Blocks that the segments of a reader's sets share for their bytes and element starts, when they are kept as long as
/// their sets (a tree for maps): one array every few hundred segments instead of two per segment. Not thread-safe: one
/// per reader.
/// </summary>
internal sealed class X12SegmentArena
{
    private const int ByteBlock = 32 * 1024;
    private const int IntBlock = 8 * 1024;

    private byte[] _bytes = [];
    private int _bytesUsed;
    private int[] _ints = [];
    private int _intsUsed;

    /// <summary>Where segments find their starts before they are copied into a block, grown as needed.</summary>
    public int[] Scratch { get; set; } = new int[64];

    /// <summary>Room for <paramref name="length"/> bytes: a block and where in it (a large segment gets an array of its own).</summary>
    public (byte[] Block, int At) Bytes(int length)
    {
        if (length > ByteBlock / 4) return (new byte[length], 0);
        if (_bytes.Length - _bytesUsed < length)
        {
            _bytes = new byte[ByteBlock];
            _bytesUsed = 0;
        }
        var at = _bytesUsed;
        _bytesUsed += length;
        return (_bytes, at);
    }

    /// <summary>Room for <paramref name="count"/> element starts, as <see cref="Bytes"/>.</summary>
    public (int[] Block, int At) Ints(int count)
    {
        if (count > IntBlock / 4) return (new int[count], 0);
        if (_ints.Length - _intsUsed < count)
        {
            _ints = new int[IntBlock];
            _intsUsed = 0;
        }
        var at = _intsUsed;
        _intsUsed += count;
        return (_ints, at);
    }
}

/// <summary>
/// Segment ids are a handful of short strings: they are shared, not allocated per segment, and numbered once for the
/// process, so that a table by id can be an array by number (<see cref="SpecTables"/>).
/// </summary>
internal static class SegmentIds
{
    /// <summary>At most this many ids get a number and are kept per thread: far more than every spec names.</summary>
    private const int MaxNumbered = 4096;

    private static readonly Dictionary<string, int> s_numbers = new(StringComparer.Ordinal);

    [ThreadStatic]
    private static Dictionary<int, (string Id, int Number)>? t_ids;

    /// <summary>The thread's <see cref="Recent"/>, for callers without one of their own.</summary>
    [ThreadStatic]
    private static Recent? t_recent;

    private const int RecentBits = 6;

    /// <summary>
    /// The last id seen in each of a few slots, in front of <see cref="t_ids"/>: an id is asked for once per segment,
    /// and a file uses a dozen ids, so nearly every call is one array probe rather than a dictionary lookup. A reader
    /// keeps one of its own, so that a segment's id is found without reaching a thread static. Not thread-safe.
    /// </summary>
    internal sealed class Recent
    {
        internal readonly Slot[] Slots = new Slot[1 << RecentBits];
    }

    /// <summary>An id's key (never 0: its length is in it), string and number.</summary>
    internal struct Slot
    {
        public int Key;
        public string Id;
        public int Number;
    }

    public static string Get(ReadOnlySpan<byte> id, Encoding encoding) => Get(id, encoding, out _);

    /// <summary>The shared string of an id, and in <paramref name="number"/> its number (from 0, the same on every thread) or -1 when it has none.</summary>
    public static string Get(ReadOnlySpan<byte> id, Encoding encoding, out int number) => Get(id, encoding, t_recent ??= new Recent(), out number);

    /// <inheritdoc cref="Get(ReadOnlySpan{byte}, Encoding, out int)"/>
    public static string Get(ReadOnlySpan<byte> id, Encoding encoding, Recent recent, out int number)
    {
        number = -1;
        if (id.Length is 0 or > 3 || !IsPrintable(id)) return encoding.GetString(id);
        var key = id.Length | (id[0] << 8) | (id.Length > 1 ? id[1] << 16 : 0) | (id.Length > 2 ? id[2] << 24 : 0);
        ref var slot = ref recent.Slots[(int)(((uint)key * 0x9E3779B9u) >> (32 - RecentBits))];
        if (slot.Key == key)
        {
            number = slot.Number;
            return slot.Id;
        }
        var ids = t_ids ??= [];
        if (!ids.TryGetValue(key, out var entry))
        {
            // Interned, so that comparing with the ids of the specs is a reference check.
            var value = string.Intern(encoding.GetString(id));
            entry = (value, NumberOf(value));
            if (ids.Count < MaxNumbered) ids[key] = entry;
        }
        slot = new Slot { Key = key, Id = entry.Id, Number = entry.Number };
        number = entry.Number;
        return entry.Id;
    }

    // Printable ASCII; a plain loop, as an id has at most three bytes.
    private static bool IsPrintable(ReadOnlySpan<byte> id)
    {
        foreach (var b in id)
        {
            if ((uint)(b - 0x20) > 0x7E - 0x20) return false;
        }
        return true;
    }

    private static int NumberOf(string id)
    {
        lock (s_numbers)
        {
            if (s_numbers.TryGetValue(id, out var number)) return number;
            if (s_numbers.Count >= MaxNumbered) return -1;
            number = s_numbers.Count;
            s_numbers[id] = number;
            return number;
        }
    }
}
