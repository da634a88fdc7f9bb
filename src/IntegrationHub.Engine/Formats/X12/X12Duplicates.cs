using IntegrationHub.Documents;

namespace IntegrationHub.Formats.X12;

/// <summary>When a TA1 leads the acknowledgment interchange (a partner file's <c>interchangeAcknowledgment</c>).</summary>
public enum X12Ta1Policy
{
    /// <summary>When the sender asked for one (ISA14 = 1) or the envelope has problems.</summary>
    Requested,

    /// <summary>For every interchange.</summary>
    Always,

    /// <summary>Only when the envelope has problems, whatever ISA14 says.</summary>
    Errors,

    /// <summary>Never.</summary>
    Never,
}

/// <summary>
/// The findings of a group or set the caller found was received before (GS06 or ST02 already seen from the sender):
/// the set is rejected with AK502/IK502 23 (set control number not unique), the group from 005010 on with AK905 19
/// (group control number not unique); a 004010 group has no code for it and is rejected through its sets.
/// </summary>
internal static class X12Duplicates
{
    public const string GroupCode = "x12.group.duplicate", SetCode = "x12.set.duplicate";

    public static X12Finding SetFinding(X12TransactionSet set, bool becauseOfGroup) => becauseOfGroup
        ? new X12Finding(SetCode, $"Set {set.ControlNumber} is in group {set.Group?.ControlNumber}, which was received before from this sender.",
            Severity.Error, X12Level.Set, "", set.St.Offset) { SetPath = set.Path }
        : new X12Finding(SetCode, $"Set control number {set.ControlNumber} ({set.SetId}) was received before from this sender.",
            Severity.Error, X12Level.Set, "23", set.St.Offset) { SetPath = set.Path };

    public static X12Finding GroupFinding(X12Group group) =>
        new(GroupCode, $"Group control number {group.ControlNumber} ({group.FunctionalId}) was received before from this sender.", Severity.Error,
            X12Level.Group, string.CompareOrdinal(group.Version, "005010") >= 0 ? "19" : "", group.Gs.Offset) { SegmentId = "GS" };
}
