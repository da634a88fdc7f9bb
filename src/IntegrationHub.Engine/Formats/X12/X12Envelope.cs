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
/// anything else as text.
/// </summary>
internal sealed class ControlNumberSet
{
    private readonly HashSet<long> _numbers = [];
    private readonly HashSet<string> _texts = new(StringComparer.Ordinal);

    /// <summary>Adds a control number; false when it was already there.</summary>
    public bool Add(ReadOnlySpan<byte> value)
    {
        // Leading zeros matter ("0001" and "1" differ), so the length is kept beside the number.
        if (value.Length is > 0 and <= 17 && !value.ContainsAnyExceptInRange((byte)'0', (byte)'9'))
            return _numbers.Add((long.Parse(value) * 100) + value.Length);
        return _texts.Add(System.Text.Encoding.Latin1.GetString(value));
    }

    /// <summary>Whether <paramref name="value"/> was added (compared as <see cref="Add"/> compares).</summary>
    public bool Contains(ReadOnlySpan<byte> value)
    {
        if (value.Length is > 0 and <= 17 && !value.ContainsAnyExceptInRange((byte)'0', (byte)'9'))
            return _numbers.Contains((long.Parse(value) * 100) + value.Length);
        return _texts.Contains(System.Text.Encoding.Latin1.GetString(value));
    }

    public void Clear()
    {
        _numbers.Clear();
        _texts.Clear();
    }
}
