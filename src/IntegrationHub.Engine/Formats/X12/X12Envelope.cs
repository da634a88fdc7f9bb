using IntegrationHub.Documents;

namespace IntegrationHub.Formats.X12;

/// <summary>What the reader yields: a transaction set as soon as its SE is read, a group at its GE, an interchange at its IEA.</summary>
internal abstract class X12Unit
{
    public List<X12Finding> Findings { get; } = [];

    public bool HasErrors => Findings.Exists(finding => finding.IsError);
}

/// <summary>An interchange (ISA..IEA): its header values, its TA1 segments and the envelope problems found.</summary>
internal sealed class X12Interchange(X12Segment isa) : X12Unit
{
    public X12Segment Isa { get; } = isa;

    public X12Delimiters Delimiters => Isa.Delimiters;

    public string SenderQualifier => Unpad(Isa[5]);

    public string Sender => Unpad(Isa[6]);

    public string ReceiverQualifier => Unpad(Isa[7]);

    public string Receiver => Unpad(Isa[8]);

    public string Date => Isa[9];

    public string Time => Isa[10];

    public string Version => _version ??= Isa[12];

    public string ControlNumber => _controlNumber ??= Isa[13];

    private string? _version, _controlNumber;

    public bool AckRequested => Isa[14] == "1";

    public string Usage => Isa[15];

    public List<X12Segment> Ta1Segments { get; } = [];

    /// <summary>An ISA field without its padding: spaces, and the no-break spaces some senders pad with (read as Latin-1: C2 A0).</summary>
    private static string Unpad(string value) => value.Trim().TrimEnd(' ', '\u00A0', '\u00C2').Trim();

    public int GroupCount { get; set; }

    public HashSet<string> GroupControlNumbers { get; } = new(StringComparer.Ordinal);

    public bool Closed { get; set; }
}

/// <summary>A functional group (GS..GE); yielded after its last set.</summary>
internal sealed class X12Group(X12Interchange interchange, X12Segment gs) : X12Unit
{
    public X12Interchange Interchange { get; } = interchange;

    public X12Segment Gs { get; } = gs;

    public string FunctionalId => _functionalId ??= Gs[1];

    public string ControlNumber => _controlNumber ??= Gs[6];

    public string Version => _version ??= Gs[8];

    private string? _functionalId, _controlNumber, _version;

    /// <summary>GE01 as sent, or null when the GE is missing or unreadable.</summary>
    public int? DeclaredSetCount { get; set; }

    public int ReceivedSetCount { get; set; }

    public ControlNumberSet SetControlNumbers { get; } = new();
}

/// <summary>One transaction set (ST..SE) with its segments, as read; structure is checked by the validator.</summary>
/// <param name="interchange">The interchange the set came in.</param>
/// <param name="group">The group the set came in, or null.</param>
/// <param name="st">The set's ST segment.</param>
/// <param name="segments">An empty list to hold the segments (a reader reusing its sets' storage passes the last one's).</param>
internal sealed class X12TransactionSet(X12Interchange interchange, X12Group? group, X12Segment st, List<X12Segment>? segments = null) : X12Unit
{
    public X12Interchange Interchange { get; } = interchange;

    /// <summary>The group the set came in, or null for a set outside any GS..GE.</summary>
    public X12Group? Group { get; } = group;

    public string SetId => _setId ??= SegmentIds.Get(St.Element(1), St.Encoding);

    public string ControlNumber => _controlNumber ??= St[2];

    public string ConventionReference => _conventionReference ??= St[3];

    private string? _setId, _controlNumber, _conventionReference, _path;

    public X12Segment St { get; } = st;

    public List<X12Segment> Segments { get; } = Begin(segments, st);

    private static List<X12Segment> Begin(List<X12Segment>? segments, X12Segment st)
    {
        segments ??= [];
        segments.Add(st);
        return segments;
    }

    /// <summary>The body segments counted but not kept (<see cref="X12Reader.EnvelopesOnly"/>); 0 otherwise.</summary>
    public int SkippedSegments { get; set; }

    /// <summary>How many segments the set has, ST and SE included: what SE01 counts.</summary>
    public int SegmentCount => Segments.Count + SkippedSegments;

    public bool HasTrailer { get; set; }

    public string Path => _path ??= $"ST*{SetId}*{ControlNumber}";
}

/// <summary>Builds envelope findings with the code each maps to.</summary>
internal static class EnvelopeFinding
{
    public static X12Finding Interchange(string code, string ta1Code, string message, X12Segment segment, Severity severity = Severity.Error) =>
        new(code, message, severity, X12Level.Interchange, ta1Code, segment.Offset) { SegmentId = segment.Id };

    public static X12Finding Group(string code, string ak9Code, string message, X12Segment segment, Severity severity = Severity.Error) =>
        new(code, message, severity, X12Level.Group, ak9Code, segment.Offset) { SegmentId = segment.Id };

    public static X12Finding Set(X12TransactionSet set, string code, string ak5Code, string message, X12Segment segment, Severity severity = Severity.Error) =>
        new(code, message, severity, X12Level.Set, ak5Code, segment.Offset) { SegmentId = segment.Id, SetPath = set.Path };
}

/// <summary>
/// Control numbers seen in a group, to find duplicates with little memory: numeric ones (nearly all) as numbers,
/// anything else as text. Numbers that count up by one (same width) are kept as ranges, so the usual group of
/// consecutive ST02s, however many sets it holds, keeps a few ranges instead of a number per set.
/// </summary>
/// <param name="ranges">
/// Whether to keep runs as ranges; without, every number goes into a hash set, which is quicker for the few numbers of
/// a small set (the HL ids of one transaction set).
/// </param>
internal sealed class ControlNumberSet(bool ranges = true)
{
    /// <summary>A run shorter than this is given back to <see cref="_numbers"/> when it breaks off, so ranges stay few.</summary>
    private const int ShortRun = 64;

    private readonly HashSet<long> _numbers = [];
    private readonly HashSet<string> _texts = new(StringComparer.Ordinal);

    /// <summary>Numbers below this written without leading zeros (the HL ids of an 856: 1, 2, 3...) are kept as bits.</summary>
    private const int Small = 4096;

    /// <summary>Bit n set when the small number n was added; words up to <see cref="_smallWords"/> may be non-zero.</summary>
    private readonly ulong[] _small = new ulong[Small / 64];
    private int _smallWords;

    /// <summary>
    /// Closed runs of at least <see cref="ShortRun"/> keys, sorted by width and then start: (width, first key, last
    /// key). Runs of one width never overlap (a key is added once); runs of different widths may.
    /// </summary>
    private readonly List<(long Width, long First, long Last)> _runs = [];

    /// <summary>The run being extended, as keys (see <see cref="Key"/>); empty when <see cref="_last"/> is below <see cref="_first"/>.</summary>
    private long _first, _last = -1;

    /// <summary>Adds a control number; false when it was already there.</summary>
    public bool Add(ReadOnlySpan<byte> value)
    {
        if (Key(value) is not { } key) return _texts.Add(System.Text.Encoding.Latin1.GetString(value));
        if (SmallOf(value, key) is var small and >= 0)
        {
            ref var word = ref _small[small >> 6];
            var bit = 1UL << (small & 63);
            if ((word & bit) != 0) return false;
            word |= bit;
            _smallWords = Math.Max(_smallWords, (small >> 6) + 1);
            return true;
        }
        if (!ranges) return _numbers.Add(key);
        if (ContainsKey(key)) return false;
        if (_last >= _first && key == _last + Step)
        {
            _last = key;
            return true;
        }
        CloseRun();
        _first = _last = key;
        return true;
    }

    /// <summary>Whether <paramref name="value"/> was added (compared as <see cref="Add"/> compares).</summary>
    public bool Contains(ReadOnlySpan<byte> value)
    {
        if (Key(value) is not { } key) return _texts.Contains(System.Text.Encoding.Latin1.GetString(value));
        var small = SmallOf(value, key);
        return small >= 0 ? (_small[small >> 6] & (1UL << (small & 63))) != 0 : ContainsKey(key);
    }

    /// <summary>
    /// The number of a numeric value kept as a bit, or -1: only numbers without leading zeros, so that the bit stands
    /// for one value ("7", never "07", which stays a key of its own width).
    /// </summary>
    private static int SmallOf(ReadOnlySpan<byte> value, long key) =>
        (value.Length == 1 || value[0] != '0') && key / Step is var number and < Small ? (int)number : -1;

    public void Clear()
    {
        _small.AsSpan(0, _smallWords).Clear();
        _smallWords = 0;
        _numbers.Clear();
        _texts.Clear();
        _runs.Clear();
        _first = 0;
        _last = -1;
    }

    /// <summary>Keys of consecutive numbers of one width differ by this much.</summary>
    private const long Step = 100;

    /// <summary>
    /// A numeric control number as a key: leading zeros matter ("0001" and "1" differ), so the width is kept beside
    /// the number. Null for anything else (and for more than 16 digits, whose keys would not fit a long).
    /// </summary>
    private static long? Key(ReadOnlySpan<byte> value)
    {
        if (value.Length is 0 or > 16) return null;
        // Digits summed here rather than by long.Parse, which looks up the culture's number format on every call: an
        // 856 checks two HL ids per HL segment.
        long number = 0;
        foreach (var digit in value)
        {
            var d = (uint)(digit - '0');
            if (d > 9) return null;
            number = (number * 10) + d;
        }
        return (number * Step) + value.Length;
    }

    private static bool InRun(long key, long first, long last) => key >= first && key <= last && key % Step == first % Step;

    private bool ContainsKey(long key)
    {
        if (_last >= _first && InRun(key, _first, _last)) return true;
        if (_numbers.Contains(key)) return true;
        if (_runs.Count == 0) return false;
        // The last run of the key's width starting at or before it is the only one that can hold it.
        var found = _runs.BinarySearch((key % Step, key, long.MaxValue));
        var at = found >= 0 ? found : ~found - 1;
        return at >= 0 && InRun(key, _runs[at].First, _runs[at].Last);
    }

    private void CloseRun()
    {
        if (_last < _first) return;
        var length = ((_last - _first) / Step) + 1;
        if (length < ShortRun)
        {
            for (var key = _first; key <= _last; key += Step) _numbers.Add(key);
            return;
        }
        var run = (_first % Step, _first, _last);
        var at = _runs.BinarySearch(run);
        _runs.Insert(at < 0 ? ~at : at, run);
    }
}
