using System.Globalization;

namespace IntegrationHub.Formats.X12;

/// <summary>Which functional acknowledgment to send for a group.</summary>
public enum X12AckKind
{
    /// <summary>997 for groups before 005010, 999 from 005010 on.</summary>
    Auto,

    /// <summary>No group acknowledgment (a TA1 may still be sent, per <see cref="X12Ta1Policy"/>).</summary>
    None,

    /// <summary>997 Functional Acknowledgment.</summary>
    Functional997,

    /// <summary>999 Implementation Acknowledgment (with CTX).</summary>
    Implementation999,
}

/// <summary>Our side of an acknowledgment interchange: who we are, control numbers, date and time.</summary>
internal sealed record X12AckEnvelope(long InterchangeControlNumber, long GroupControlNumber, DateTimeOffset Now);

/// <summary>
/// Builds acknowledgments as a file is read: an AK2 loop per set when the set is validated, a 997 or 999 per group at
/// its GE (AK9 roll-up: A, E, P or R) and, at the IEA, one acknowledgment interchange that mirrors the inbound one
/// (sender and receiver swapped), led by a TA1 when the sender asked for one or the envelope has problems.
/// </summary>
internal sealed class X12AckBuilder(X12AckKind kind, X12AckEnvelope envelope, X12Ta1Policy ta1Policy = X12Ta1Policy.Requested)
{
    private readonly List<X12OutGroup> _groups = [];
    private List<SetAck> _sets = [];
    private long _nextGroupNumber = envelope.GroupControlNumber;
    private long _nextInterchangeNumber = envelope.InterchangeControlNumber;

    /// <summary>
    /// What the group's acknowledgment says about one set, or about a run of accepted sets, in 24 bytes: accepted sets
    /// with numeric control numbers that count up by one (same set id, same width) share one entry, so a group of a
    /// million such sets keeps a handful; anything else keeps a <see cref="SetDetail"/>.
    /// </summary>
    private readonly record struct SetAck(long Number, int Digits, object Detail, int Run = 1)
    {
        public string Code => Detail is SetDetail detail ? detail.Code : "A";

        public static SetAck Accepted(X12TransactionSet set, string conventionReference)
        {
            var control = set.St.Element(2);
            var setId = SegmentIds.Get(set.St.Element(1), set.St.Encoding);
            return control.Length is > 0 and <= 17 && !control.ContainsAnyExceptInRange((byte)'0', (byte)'9') && conventionReference.Length == 0
                ? new SetAck(long.Parse(control), control.Length, setId)
                : new SetAck(0, 0, new SetDetail("A", null, setId, set.ControlNumber, conventionReference));
        }

        public static SetAck Rejected(string code, IReadOnlyList<X12OutSegment> segments) => new(0, 0, new SetDetail(code, segments, "", "", ""));

        /// <summary>Whether <paramref name="next"/> continues this run: both accepted by number, same set id and width, the next number.</summary>
        public bool Continues(SetAck next) =>
            Detail is string setId && next.Detail is string nextSetId && string.Equals(setId, nextSetId, StringComparison.Ordinal)
            && next.Digits == Digits && next.Number == Number + Run && next.Run == 1;

        public int SegmentCount => Detail is SetDetail { Segments: { } segments } ? segments.Count : 2 * Run;

        public IEnumerable<X12OutSegment> Body(bool use999)
        {
            var detail = Detail as SetDetail;
            if (detail?.Segments is { } segments) return segments;
            if (detail is not null) return Loop(detail.SetId, detail.ControlNumber, detail.ConventionReference, use999);
            return Runs((string)Detail, use999);
        }

        private IEnumerable<X12OutSegment> Runs(string setId, bool use999)
        {
            for (var i = 0; i < Run; i++)
            {
                foreach (var segment in Loop(setId, (Number + i).ToString(CultureInfo.InvariantCulture).PadLeft(Digits, '0'), "", use999)) yield return segment;
            }
        }

        private static X12OutSegment[] Loop(string setId, string control, string reference, bool use999) =>
        [
            reference.Length > 0 ? X12OutSegment.Of("AK2", setId, control, reference) : X12OutSegment.Of("AK2", setId, control),
            X12OutSegment.Of(use999 ? "IK5" : "AK5", "A"),
        ];
    }

    private sealed record SetDetail(string Code, IReadOnlyList<X12OutSegment>? Segments, string SetId, string ControlNumber, string ConventionReference);

    /// <summary>Records one validated set of the current group.</summary>
    public void Add(X12SetResult result)
    {
        if (kind == X12AckKind.None || result.Set.Group is null || IsAcknowledgment(result.Set.SetId)) return;
        var use999 = Uses999(result.Set.Group.Version);
        if (result.Findings.Count == 0)
        {
            var reference = IsVersion5010(result.Set.Group.Version) ? result.Set.ConventionReference : "";
            var ack = SetAck.Accepted(result.Set, reference);
            if (_sets.Count > 0 && _sets[^1].Continues(ack)) _sets[^1] = _sets[^1] with { Run = _sets[^1].Run + 1 };
            else _sets.Add(ack);
            return;
        }
        var segments = new List<X12OutSegment>
        {
            result.Set.ConventionReference.Length > 0 && IsVersion5010(result.Set.Group.Version)
                ? X12OutSegment.Of("AK2", result.Set.SetId, result.Set.ControlNumber, result.Set.ConventionReference)
                : X12OutSegment.Of("AK2", result.Set.SetId, result.Set.ControlNumber),
        };

        var errors = result.Findings.Where(finding => finding.IsError).ToList();
        var bySegment = errors.Where(finding => finding.Level is X12Level.Segment or X12Level.Element && finding.SegmentPosition > 0)
            .GroupBy(finding => (finding.SegmentPosition, finding.SegmentId));
        foreach (var segment in bySegment)
        {
            var segmentLevel = segment.Where(finding => finding.Level == X12Level.Segment && finding.X12Code.Length > 0).ToList();
            var elementLevel = segment.Where(finding => finding.Level == X12Level.Element && finding.X12Code.Length > 0).ToList();
            var first = segmentLevel.FirstOrDefault() ?? elementLevel[0];
            var code = segmentLevel.Count > 0 ? segmentLevel[0].X12Code : "8";
            segments.Add(X12OutSegment.Of(use999 ? "IK3" : "AK3", first.SegmentId, first.SegmentPosition.ToString(), first.LoopId, code));
            foreach (var element in elementLevel.Take(99))
            {
                IReadOnlyList<string> position = element.ComponentPosition > 0
                    ? [element.ElementPosition.ToString(), element.ComponentPosition.ToString()]
                    : [element.ElementPosition.ToString()];
                segments.Add(new X12OutSegment(use999 ? "IK4" : "AK4",
                    [position, [ReferenceNumber(element.ElementReference)], [element.X12Code], [Sanitize(element.BadData)]]));
                if (use999 && element.TriggerElementPosition > 0)
                {
                    // Element context: the element of the same segment whose presence made this one required or forbidden.
                    segments.Add(new X12OutSegment("CTX",
                        [["SITUATIONAL TRIGGER"], [element.SegmentId], [element.SegmentPosition.ToString()], [element.LoopId], [element.TriggerElementPosition.ToString()]]));
                }
            }
        }

        var setCodes = errors.Where(finding => finding.Level == X12Level.Set && finding.X12Code.Length > 0).Select(finding => finding.X12Code).ToList();
        if (bySegment.Any()) setCodes.Add("5");
        var ackCode = result.AckCode;
        segments.Add(X12OutSegment.Of(use999 ? "IK5" : "AK5", [ackCode, .. setCodes.Distinct().Take(5)]));
        _sets.Add(SetAck.Rejected(ackCode, segments));
    }

    /// <summary>Closes the current group: builds its 997/999 from the sets recorded since the previous group.</summary>
    public void Add(X12Group group)
    {
        // The group's list goes with its acknowledgment; the next group starts a new one.
        var sets = _sets;
        _sets = [];
        if (kind == X12AckKind.None) return;
        if (sets.Count == 0 && group.ReceivedSetCount > 0) return; // a group of acknowledgments: never acknowledged
        var use999 = Uses999(group.Version);
        var groupCodes = group.Findings.Where(finding => finding.IsError && finding.X12Code.Length > 0).Select(finding => finding.X12Code).Distinct().Take(5).ToList();
        var accepted = sets.Sum(set => set.Code is "A" or "E" ? set.Run : 0);
        var code = groupCodes.Count > 0 || accepted == 0 ? "R"
            : accepted < group.ReceivedSetCount ? "P"
            : sets.Exists(set => set.Code == "E") ? "E" : "A";

        var ak1 = IsVersion5010(group.Version)
            ? X12OutSegment.Of("AK1", group.FunctionalId, group.ControlNumber, group.Version)
            : X12OutSegment.Of("AK1", group.FunctionalId, group.ControlNumber);
        var ak9 = X12OutSegment.Of("AK9", [code, (group.DeclaredSetCount ?? group.ReceivedSetCount).ToString(), group.ReceivedSetCount.ToString(), accepted.ToString(), .. groupCodes]);
        // The AK2 loops are built as the writer asks for them: a group of a million sets must not become a million objects at once.
        var count = 2 + sets.Sum(set => set.SegmentCount);
        var body = new LazySegments(count, () => sets.SelectMany(set => set.Body(use999)).Prepend(ak1).Append(ak9));

        var number = _nextGroupNumber++;
        var setId = use999 ? "999" : "997";
        var ack = new X12OutSet(setId, "0001", body, use999 ? group.Version : "");
        var now = envelope.Now;
        _groups.Add(new X12OutGroup("FA", group.Gs[3], group.Gs[2], now.ToString("yyyyMMdd"), now.ToString("HHmm"), number.ToString(), group.Version, [ack]));
    }

    /// <summary>Closes the interchange: returns the acknowledgment interchange for it, or null when there is nothing to send.</summary>
    public X12OutInterchange? Add(X12Interchange interchange)
    {
        var groups = _groups.ToList();
        _groups.Clear();
        var ta1 = Ta1(interchange);
        if (groups.Count == 0 && ta1 is null) return null;
        var now = envelope.Now;
        return new X12OutInterchange(
            interchange.ReceiverQualifier, interchange.Receiver, interchange.SenderQualifier, interchange.Sender,
            now.ToString("yyMMdd"), now.ToString("HHmm"), interchange.Version.Length == 5 ? interchange.Version : "00401",
            _nextInterchangeNumber++, false, interchange.Usage is "P" or "T" or "I" ? interchange.Usage : "P",
            ta1 is null ? [] : [ta1], groups);
    }

    /// <summary>TA1 per the policy: by default when asked for (ISA14=1) or when the interchange has problems worth telling the sender.</summary>
    private X12OutSegment? Ta1(X12Interchange interchange)
    {
        var errors = interchange.Findings.Where(finding => finding.IsError && finding.Level == X12Level.Interchange).ToList();
        var wanted = ta1Policy switch
        {
            X12Ta1Policy.Never => false,
            X12Ta1Policy.Always => true,
            X12Ta1Policy.Errors => errors.Count > 0,
            _ => interchange.AckRequested || errors.Count > 0,
        };
        if (!wanted) return null;
        var warnings = interchange.Findings.Where(finding => !finding.IsError && finding.Level == X12Level.Interchange && finding.X12Code is { Length: 3 } and not "000").ToList();
        var (code, note) = errors.Count > 0 ? ("R", errors[0].X12Code)
            : warnings.Count > 0 ? ("E", warnings[0].X12Code)
            : ("A", "000");
        return X12OutSegment.Of("TA1", interchange.ControlNumber, interchange.Date, interchange.Time, code, note);
    }

    private bool Uses999(string groupVersion) => kind switch
    {
        X12AckKind.Functional997 => false,
        X12AckKind.Implementation999 => true,
        _ => IsVersion5010(groupVersion),
    };

    private static bool IsVersion5010(string version) => string.CompareOrdinal(version, "005010") >= 0;

    internal static bool IsAcknowledgment(string setId) => setId is "997" or "999";

    /// <summary>AK402/IK402 is N0 1/4: keep the digits of the reference (composites like C030 have none to report).</summary>
    private static string ReferenceNumber(string reference) => reference.Length is > 0 and <= 4 && reference.All(char.IsAsciiDigit) ? reference : "";

    /// <summary>AK404/IK404: printable ASCII only, never a delimiter, at most 99 characters.</summary>
    private static string Sanitize(string value)
    {
        var chars = value.Take(99).Select(c => c is >= ' ' and <= '~' && c is not ('*' or '~' or ':' or '^' or '>' or '|') ? c : '?').ToArray();
        return new string(chars).Trim();
    }
}

/// <summary>A list of segments produced when enumerated, with its count known in advance (the writer needs it for SE01).</summary>
internal sealed class LazySegments(int count, Func<IEnumerable<X12OutSegment>> produce) : IReadOnlyList<X12OutSegment>
{
    public int Count => count;

    public X12OutSegment this[int index] => produce().ElementAt(index);

    public IEnumerator<X12OutSegment> GetEnumerator() => produce().GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
