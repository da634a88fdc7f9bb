namespace IntegrationHub.Formats.X12;

/// <summary>
/// What the validator's byte checks need of one segment definition, computed once per definition (the validator keeps one per segment of each spec it meets): each element's
/// code list packed as numbers and the positions of the mandatory elements.
/// </summary>
internal sealed class SegmentPlan
{
    public SegmentPlan(SegmentSpec definition)
    {
        Definition = definition;
        Codes = [.. definition.Elements.Select(element => element.Codes is { } codes ? new PackedCodes(codes) : null)];
        Mandatory = [.. Enumerable.Range(1, definition.Elements.Length).Where(position => definition.Elements[position - 1].Usage == Usage.Mandatory)];
        MandatoryMask = Mask(Mandatory) ?? ulong.MaxValue;
        Notes = [.. definition.Syntax.Select(note => new NotePlan(note))];
    }

    /// <summary>The bits of <paramref name="positions"/> (as <see cref="X12Segment.PresentMask"/> has them), or null when one is outside 1 to 63 or repeats.</summary>
    internal static ulong? Mask(IEnumerable<int> positions)
    {
        ulong mask = 0;
        foreach (var position in positions)
        {
            if (position is < 1 or > 63 || (mask & (1UL << position)) != 0) return null;
            mask |= 1UL << position;
        }
        return mask;
    }

    public SegmentSpec Definition { get; }

    /// <summary>For each element (position - 1), its codes packed, or null when it has no list.</summary>
    public PackedCodes?[] Codes { get; }

    /// <summary>Positions of the mandatory elements, ascending.</summary>
    public int[] Mandatory { get; }

    /// <summary>
    /// The bits of <see cref="Mandatory"/>: when the segment's <see cref="X12Segment.PresentMask"/> covers them, no
    /// mandatory element is missing. All bits when a position cannot be a bit (it is then always checked one by one).
    /// </summary>
    public ulong MandatoryMask { get; }

    /// <summary>The syntax notes of the definition, in its order.</summary>
    public NotePlan[] Notes { get; }

    /// <summary>
    /// The last present mask for which every note of <see cref="Notes"/> held (<see cref="NotePlan.Holds"/>, a function of
    /// the mask alone), or 1 before any: bit 0 is never present, so no segment matches it. Not synchronised: a plan
    /// belongs to one validator's tables (or to one TA1 check), and a validator serves one caller at a time.
    /// </summary>
    public ulong NotesHoldFor { get; set; } = 1;
}

/// <summary>A syntax note as bits, to tell from the present elements alone that it holds (nearly always).</summary>
internal sealed class NotePlan
{
    private readonly ulong _mask;
    private readonly ulong _first;
    private readonly int _count;
    private readonly bool _bits;
    private readonly char _kind; // the note's kind, kept here: this is asked for every note of every segment

    public NotePlan(SyntaxNote note)
    {
        Note = note;
        _kind = note.Kind;
        if (note.Positions.Length == 0 || SegmentPlan.Mask(note.Positions) is not { } mask) return;
        _bits = true;
        _mask = mask;
        _first = 1UL << note.Positions[0];
        _count = note.Positions.Length;
    }

    public SyntaxNote Note { get; }

    /// <summary>
    /// True when the note certainly holds for a segment whose present elements are <paramref name="present"/>; false
    /// when it may not (it is then checked element by element, which reports what is wrong).
    /// </summary>
    public bool Holds(ulong present)
    {
        if (!_bits) return false;
        var count = System.Numerics.BitOperations.PopCount(present & _mask);
        var first = (present & _first) != 0;
        return _kind switch
        {
            'P' => count == 0 || count == _count,
            'R' => count > 0,
            'C' => !first || count == _count,
            'L' => !first || count > 1,
            'E' => count <= 1,
            _ => true,
        };
    }
}

/// <summary>
/// A code list as numbers: each code of up to seven Latin-1 characters is its bytes and its length in one
/// <see cref="ulong"/>, so a value's bytes are looked up without making a string. Codes that do not pack are left
/// out: a value not found here is then looked up again as text (<see cref="ElementSpec.HasCode"/>), so the answer
/// "not found" is never final, only "found" is. A long list is an open-addressed table (at most half full, 0 for a
/// free slot: a packed code is never 0, its length is in it), probed without a comparer's calls.
/// </summary>
internal sealed class PackedCodes
{
    private const int MaxPacked = 7;
    private const int Linear = 8;

    private readonly ulong[] _few;
    private readonly ulong[]? _table;
    private readonly int _shift;

    public PackedCodes(IEnumerable<string> codes)
    {
        var packed = new HashSet<ulong>();
        foreach (var code in codes)
        {
            if (code.Length is > 0 and <= MaxPacked && code.All(c => c <= '\u00FF')) packed.Add(Pack(code.Select(c => (byte)c).ToArray()));
        }
        _few = packed.Count <= Linear ? [.. packed] : [];
        if (packed.Count <= Linear) return;
        var bits = System.Numerics.BitOperations.Log2((uint)packed.Count) + 2;
        _table = new ulong[1 << bits];
        _shift = 64 - bits;
        foreach (var key in packed)
        {
            var slot = Slot(key);
            while (_table[slot] != 0) slot = (slot + 1) & (_table.Length - 1);
            _table[slot] = key;
        }
    }

    /// <summary>Whether the code read as <paramref name="value"/> (Latin-1) is in the list; false also when it cannot be told here.</summary>
    public bool Contains(ReadOnlySpan<byte> value)
    {
        if (value.Length is 0 or > MaxPacked) return false;
        var key = Pack(value);
        if (_table is { } table)
        {
            for (var slot = Slot(key); ; slot = (slot + 1) & (table.Length - 1))
            {
                var found = table[slot];
                if (found == key) return true;
                if (found == 0) return false;
            }
        }
        foreach (var code in _few)
        {
            if (code == key) return true;
        }
        return false;
    }

    // Fibonacci hashing: the top bits of the key times 2^64 / golden ratio.
    private int Slot(ulong key) => (int)((key * 0x9E3779B97F4A7C15UL) >> _shift);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static ulong Pack(ReadOnlySpan<byte> value)
    {
        ulong key = (ulong)value.Length;
        for (var i = 0; i < value.Length; i++) key |= (ulong)value[i] << (8 * (i + 1));
        return key;
    }
}
