using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using IntegrationHub.Documents;

namespace IntegrationHub.Formats.X12;

/// <summary>
/// Reads interchanges, groups and transaction sets from a stream, one set at a time, checking the envelope:
/// ISA values, control numbers header = trailer, SE01/GE01/IEA01 counts and uniqueness of group and set numbers.
/// </summary>
internal sealed class X12Reader
{
    private readonly X12Tokenizer _tokenizer;
    private readonly X12ReadOptions _options;

    public X12Reader(Stream stream, X12ReadOptions? options = null)
    {
        _options = options ?? X12ReadOptions.Default;
        _tokenizer = new X12Tokenizer(stream, _options);
    }

    /// <summary>Problems found before any interchange, or when the input holds none at all.</summary>
    public List<X12Finding> FileFindings { get; } = [];

    /// <summary>Number of interchanges seen so far.</summary>
    public int InterchangeCount { get; private set; }

    /// <summary>
    /// When true, each transaction set yielded is valid only until the next unit is asked for: its segments are then
    /// refilled with later ones, so reading allocates (almost) nothing per segment. For callers that finish with a set
    /// before moving on and keep nothing of it (streaming validation). Envelope segments are never reused.
    /// </summary>
    public bool ReuseSetSegments { get; init; }

    /// <summary>
    /// When true, a set's body is counted, not kept: <see cref="X12TransactionSet.Segments"/> holds only its ST and SE,
    /// and <see cref="X12TransactionSet.SkippedSegments"/> the segments between. Every finding is the same as without it.
    /// For a first pass that wants only the envelopes' findings (<see cref="X12DocumentTree.ReadSets"/>).
    /// </summary>
    public bool EnvelopesOnly { get; init; }

    private readonly Stack<X12Segment> _spareSegments = new();
    private readonly Stack<List<X12Segment>> _spareLists = new();
    // Sets the caller is done with, whose segments and list the reader may refill: handed back by the caller's thread,
    // taken by the reading thread (the same one, unless reading ahead).
    private readonly ConcurrentQueue<List<X12Segment>> _returned = new();
    private int _lastSetSize = 16;
    private X12SegmentArena? _arena; // where kept segments keep their bytes, when they are not reused
    private readonly SegmentIds.Recent _ids = new(); // the ids of this reader's segments, found without a thread static

    public IEnumerable<X12Unit> Read()
    {
        foreach (var unit in ReadUnits())
        {
            yield return unit;
            Release(unit);
        }
    }

    /// <summary>
    /// As <see cref="Read"/>, with the reading (tokenizing, copying segments, checking the envelope) done on a thread of
    /// its own while the caller works on the units already read. The units, their order and their findings are exactly
    /// <see cref="Read"/>'s. Units are handed over in batches of about <see cref="BatchBytes"/> of segments (or
    /// <see cref="BatchUnits"/> units), at most <paramref name="batchesAhead"/> batches ahead, so that the threads meet
    /// once per batch rather than once per set and what is read ahead stays small. An exception of the input stream is
    /// rethrown to the caller; ending the enumeration early stops the reading thread and waits for it, so the stream is
    /// not used once the enumeration is disposed.
    /// </summary>
    public IEnumerable<X12Unit> ReadAhead(int batchesAhead = 4)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchesAhead, 1);
        var batches = new X12Handover<List<X12Unit>>(batchesAhead);
        ExceptionDispatchInfo? failure = null;
        var reading = new Thread(() =>
        {
            try
            {
                var batch = new List<X12Unit>(BatchUnits);
                long bytes = 0;
                foreach (var unit in ReadUnits())
                {
                    batch.Add(unit);
                    // A set's size: its bytes from ST to its last segment, plus about 16 for each segment's element starts.
                    if (unit is X12TransactionSet set) bytes += set.Segments.Count * 16 + (set.Segments[^1].Offset - set.St.Offset);
                    if (batch.Count < BatchUnits && bytes < BatchBytes) continue;
                    if (!batches.Add(batch)) return; // the caller stopped early
                    (batch, bytes) = (new List<X12Unit>(BatchUnits), 0);
                }
                if (batch.Count > 0) batches.Add(batch);
            }
            catch (Exception exception)
            {
                failure = ExceptionDispatchInfo.Capture(exception);
            }
            finally
            {
                batches.Complete();
            }
        })
        { IsBackground = true, Name = "X12 read-ahead" };
        reading.Start();
        try
        {
            while (batches.Take(out var batch))
            {
                foreach (var unit in batch)
                {
                    yield return unit;
                    Release(unit);
                }
            }
        }
        finally
        {
            batches.Stop();
            reading.Join();
        }
        failure?.Throw();
    }

    /// <summary>Segment bytes (about) after which <see cref="ReadAhead"/> hands a batch over.</summary>
    internal const int BatchBytes = 128 * 1024;

    /// <summary>Units after which <see cref="ReadAhead"/> hands a batch over, however small they are.</summary>
    internal const int BatchUnits = 64;

    /// <summary>Hands a set the caller is done with back for its segments to be refilled, when they are reused.</summary>
    private void Release(X12Unit unit)
    {
        if (ReuseSetSegments && unit is X12TransactionSet done) _returned.Enqueue(done.Segments);
    }

    /// <summary>Moves the sets handed back into the spares of the reading thread.</summary>
    private void Reclaim()
    {
        while (_returned.TryDequeue(out var segments))
        {
            foreach (var segment in segments) _spareSegments.Push(segment);
            segments.Clear();
            _spareLists.Push(segments);
        }
    }

    /// <summary>The list for a new set's segments: a spare one when segments are reused, as large as the last set's.</summary>
    private List<X12Segment> SegmentList()
    {
        if (ReuseSetSegments && _spareLists.Count == 0) Reclaim();
        // A file's sets are mostly alike in size: each list starts as large as the last set's.
        return _spareLists.TryPop(out var list) ? list : new List<X12Segment>(_lastSetSize);
    }

    /// <summary>A segment for <paramref name="token"/>: a spare one when the token can only belong to a set's body or trailer.</summary>
    private X12Segment SegmentOf(in SegmentToken token)
    {
        if (!ReuseSetSegments) return X12Segment.From(token, _options.Encoding, _arena ??= new X12SegmentArena(), _ids);
        if (_spareSegments.Count == 0) Reclaim();
        if (_spareSegments.Count == 0 || (token.Data is [(byte)'I' or (byte)'G' or (byte)'T', ..] && IsEnvelopeId(token.Id))) return X12Segment.From(token, _options.Encoding, _ids);
        return _spareSegments.Pop().Fill(token, _options.Encoding, _ids);
    }

    /// <summary>Ids of the segments that open or close a set, group or interchange: all that ends a set's body.</summary>
    private static bool OpensOrCloses(ReadOnlySpan<byte> id) =>
        id.SequenceEqual("SE"u8) || id.SequenceEqual("ST"u8) || id.SequenceEqual("GE"u8) || id.SequenceEqual("GS"u8)
        || id.SequenceEqual("IEA"u8) || id.SequenceEqual("ISA"u8);

    /// <summary>Ids of segments an interchange or group keeps (ISA, GS, GE, IEA, TA1): these are always new.</summary>
    private static bool IsEnvelopeId(ReadOnlySpan<byte> id) =>
        id.SequenceEqual("ISA"u8) || id.SequenceEqual("GS"u8) || id.SequenceEqual("GE"u8) || id.SequenceEqual("IEA"u8) || id.SequenceEqual("TA1"u8);

    private IEnumerable<X12Unit> ReadUnits()
    {
        X12Interchange? interchange = null;
        X12Group? group = null;
        X12TransactionSet? set = null;
        var reportedStray = false;

        while (true)
        {
            X12Segment segment;
            if (!_tokenizer.TryRead(out var token))
            {
                DrainTokenizer(interchange, set);
                break;
            }
            if (EnvelopesOnly && set is not null && !OpensOrCloses(token.Id))
            {
                // A segment of the set's body, where the full reading would only add it to the set (its findings, if
                // any, are the validator's): counted, for SE01.
                set.SkippedSegments++;
                if (_tokenizer.Findings.Count > 0) DrainTokenizer(interchange, set);
                continue;
            }
            segment = SegmentOf(token);

            // The three-letter ids are told by their characters (a list pattern): `==` with another id of the same
            // length (LIN, REF, SN1: most segments) compares the two in a call, here twice per segment.
            if (segment.Id is ['I', 'S', 'A'])
            {
                foreach (var unit in CloseAll(ref interchange, ref group, ref set, segment, "ISA")) yield return unit;
                interchange = new X12Interchange(segment);
                InterchangeCount++;
                DrainTokenizer(interchange);
                IsaRules.Check(interchange);
                continue;
            }
            // Checked here rather than in the call: the tokenizer has findings for a handful of segments in a file.
            if (_tokenizer.Findings.Count > 0) DrainTokenizer(interchange, set);

            if (interchange is null)
            {
                if (!reportedStray)
                {
                    FileFindings.Add(new X12Finding("x12.segment.outside-interchange", $"Segment {segment.Id} is outside any interchange (after IEA, before ISA) and was skipped.",
                        Severity.Warning, X12Level.Interchange, "024", segment.Offset) { SegmentId = segment.Id });
                    reportedStray = true;
                }
                continue;
            }

            switch (segment.Id)
            {
                case "GS":
                    if (set is not null) yield return CloseSetWithoutTrailer(ref set, segment);
                    if (group is not null) yield return CloseGroupWithoutTrailer(ref group, segment);
                    group = OpenGroup(interchange, segment);
                    break;
                case "ST":
                    if (set is not null) yield return CloseSetWithoutTrailer(ref set, segment);
                    set = OpenSet(interchange, group, segment, SegmentList());
                    break;
                case "SE" when set is not null:
                    set.Segments.Add(segment);
                    _lastSetSize = Math.Min(set.Segments.Count, 4096);
                    CloseSet(set, segment);
                    yield return set;
                    set = null;
                    break;
                case "GE" when group is not null:
                    if (set is not null) yield return CloseSetWithoutTrailer(ref set, segment);
                    CloseGroup(group, segment);
                    yield return group;
                    group = null;
                    break;
                case ['I', 'E', 'A']:
                    if (set is not null) yield return CloseSetWithoutTrailer(ref set, segment);
                    if (group is not null) yield return CloseGroupWithoutTrailer(ref group, segment);
                    CloseInterchange(interchange, segment);
                    yield return interchange;
                    interchange = null;
                    break;
                default:
                    if (set is not null)
                    {
                        set.Segments.Add(segment);
                    }
                    else if (group is null && segment.Id is "TA1")
                    {
                        interchange.Ta1Segments.Add(segment);
                    }
                    else if (group is null && segment.Id is "ISB" or "ISE" or "ISX")
                    {
                        // Interchange service segments: allowed between ISA and GS, nothing to check here.
                    }
                    else if (group is not null)
                    {
                        group.Findings.Add(EnvelopeFinding.Group("x12.segment.outside-set", "6",
                            $"Segment {segment.Id} sits inside the group but outside any ST..SE and was skipped.", segment, Severity.Warning));
                    }
                    else
                    {
                        interchange.Findings.Add(EnvelopeFinding.Interchange("x12.segment.outside-group", "024",
                            $"Segment {segment.Id} sits inside the interchange but outside any GS..GE.", segment));
                    }
                    break;
            }
        }

        foreach (var unit in CloseAll(ref interchange, ref group, ref set, null, "the end of the input")) yield return unit;
        if (InterchangeCount == 0)
        {
            FileFindings.Add(new X12Finding("x12.interchange.missing", "The input holds no ISA segment: it is not X12.",
                Severity.Error, X12Level.Interchange, "024", 0));
        }
    }

    private void DrainTokenizer(X12Interchange? interchange, X12TransactionSet? set = null)
    {
        if (_tokenizer.Findings.Count == 0) return;
        foreach (var finding in _tokenizer.Findings)
        {
            // A too-long segment inside a set is reported by the validator at its position in the set.
            if (finding.Level == X12Level.Segment && set is not null) continue;
            if (interchange is null || finding.Code is "x12.isa.unreadable" or "x12.text.outside-interchange") FileFindings.Add(finding);
            else interchange.Findings.Add(finding);
        }
        _tokenizer.Findings.Clear();
    }

    private static List<X12Unit> CloseAll(ref X12Interchange? interchange, ref X12Group? group, ref X12TransactionSet? set, X12Segment? next, string what)
    {
        var units = new List<X12Unit>(3);
        var at = next ?? interchange?.Isa;
        if (set is not null && at is not null) units.Add(CloseSetWithoutTrailer(ref set, at));
        if (group is not null && at is not null) units.Add(CloseGroupWithoutTrailer(ref group, at));
        if (interchange is not null)
        {
            interchange.Findings.Add(new X12Finding("x12.iea.missing", $"The interchange {interchange.ControlNumber} has no IEA before {what}.",
                Severity.Error, X12Level.Interchange, "023", next?.Offset ?? -1) { SegmentId = "IEA" });
            units.Add(interchange);
            interchange = null;
        }
        return units;
    }

    private static X12Group OpenGroup(X12Interchange interchange, X12Segment gs)
    {
        var group = new X12Group(interchange, gs);
        interchange.GroupCount++;
        GroupRules.CheckHeader(group);
        if (!interchange.GroupControlNumbers.Add(group.ControlNumber))
        {
            var is5010 = string.CompareOrdinal(group.Version, "005010") >= 0;
            group.Findings.Add(EnvelopeFinding.Group("x12.gs.control-number-duplicate", is5010 ? "19" : "6",
                $"Group control number {group.ControlNumber} is used twice in interchange {interchange.ControlNumber}.", gs,
                is5010 ? Severity.Error : Severity.Warning));
        }
        return group;
    }

    private static X12TransactionSet OpenSet(X12Interchange interchange, X12Group? group, X12Segment st, List<X12Segment>? segments)
    {
        var set = new X12TransactionSet(interchange, group, st, segments);
        if (group is null)
        {
            interchange.Findings.Add(EnvelopeFinding.Interchange("x12.st.outside-group", "024",
                $"Transaction set {set.SetId} {set.ControlNumber} is not inside a functional group.", st));
            set.Findings.Add(EnvelopeFinding.Set(set, "x12.st.outside-group", "18", "The transaction set is not in a functional group.", st));
        }
        else
        {
            group.ReceivedSetCount++;
            if (!group.SetControlNumbers.Add(st.Element(2)))
            {
                set.Findings.Add(EnvelopeFinding.Set(set, "x12.st.control-number-duplicate", "23",
                    $"Set control number {set.ControlNumber} is used twice in group {group.ControlNumber}.", st));
            }
            if (!FunctionalIds.Matches(group.FunctionalId, set.SetId))
            {
                set.Findings.Add(EnvelopeFinding.Set(set, "x12.gs.functional-id-mismatch", "",
                    $"GS01 {group.FunctionalId} is not the functional group of set {set.SetId} ({FunctionalIds.For(set.SetId)}).", st, Severity.Warning));
            }
        }
        if (st[1].Length != 3 || !IsAlphanumeric(st[1]))
            set.Findings.Add(EnvelopeFinding.Set(set, "x12.st.set-id-invalid", "6", $"ST01 '{st[1]}' is not a transaction set identifier.", st));
        if (st[2].Length is < 4 or > 9)
            set.Findings.Add(EnvelopeFinding.Set(set, "x12.st.control-number-invalid", "7", $"ST02 '{st[2]}' must be 4 to 9 characters.", st));
        return set;
    }

    private static void CloseSet(X12TransactionSet set, X12Segment se)
    {
        set.HasTrailer = true;
        if (!int.TryParse(se[1], out var count) || count != set.SegmentCount)
        {
            set.Findings.Add(EnvelopeFinding.Set(set, "x12.se.count-mismatch", "4",
                $"SE01 says {se[1]} segments; the set has {set.SegmentCount} (ST and SE included).", se));
        }
        if (se[2] != set.ControlNumber)
        {
            set.Findings.Add(EnvelopeFinding.Set(set, "x12.se.control-number-mismatch", "3",
                $"SE02 {se[2]} does not match ST02 {set.ControlNumber}.", se));
        }
    }

    private static X12TransactionSet CloseSetWithoutTrailer(ref X12TransactionSet? set, X12Segment next)
    {
        var closed = set!;
        closed.Findings.Add(EnvelopeFinding.Set(closed, "x12.se.missing", "2",
            $"Transaction set {closed.SetId} {closed.ControlNumber} has no SE before {next.Id}.", next));
        set = null;
        return closed;
    }

    private static void CloseGroup(X12Group group, X12Segment ge)
    {
        if (int.TryParse(ge[1], out var count)) group.DeclaredSetCount = count;
        if (group.DeclaredSetCount != group.ReceivedSetCount)
        {
            group.Findings.Add(EnvelopeFinding.Group("x12.ge.count-mismatch", "5",
                $"GE01 says {ge[1]} sets; the group has {group.ReceivedSetCount}.", ge));
        }
        if (ge[2] != group.ControlNumber)
        {
            group.Findings.Add(EnvelopeFinding.Group("x12.ge.control-number-mismatch", "4",
                $"GE02 {ge[2]} does not match GS06 {group.ControlNumber}.", ge));
        }
    }

    private static X12Group CloseGroupWithoutTrailer(ref X12Group? group, X12Segment next)
    {
        var closed = group!;
        closed.Findings.Add(EnvelopeFinding.Group("x12.ge.missing", "3", $"Group {closed.ControlNumber} has no GE before {next.Id}.", next));
        group = null;
        return closed;
    }

    private static void CloseInterchange(X12Interchange interchange, X12Segment iea)
    {
        interchange.Closed = true;
        if (!int.TryParse(iea[1], out var count) || count != interchange.GroupCount)
        {
            interchange.Findings.Add(EnvelopeFinding.Interchange("x12.iea.count-mismatch", "021",
                $"IEA01 says {iea[1]} groups; the interchange has {interchange.GroupCount}.", iea));
        }
        if (iea[2] != interchange.ControlNumber)
        {
            interchange.Findings.Add(EnvelopeFinding.Interchange("x12.iea.control-number-mismatch", "001",
                $"IEA02 {iea[2]} does not match ISA13 {interchange.ControlNumber}.", iea));
        }
    }

    internal static bool IsAlphanumeric(string value) => value.Length > 0 && value.All(char.IsAsciiLetterOrDigit);
}
