using IntegrationHub.Formats.X12;

namespace IntegrationHub.Translation;

/// <summary>One transaction set the hub sent, by the control numbers a partner's acknowledgment names it with.</summary>
/// <param name="InterchangeControlNumber">ISA13.</param>
/// <param name="FunctionalId">GS01 (PR, SH, IN).</param>
/// <param name="GroupControlNumber">GS06.</param>
/// <param name="SetId">ST01 (855, 856, 810).</param>
/// <param name="SetControlNumber">ST02.</param>
public sealed record X12SentSet(string InterchangeControlNumber, string FunctionalId, string GroupControlNumber, string SetId, string SetControlNumber);

/// <summary>What a partner's 997/999 says about one set: its AK5/IK5 code and error codes.</summary>
public sealed record X12SetVerdict(string SetId, string SetControlNumber, string Code, IReadOnlyList<string> Errors);

/// <summary>
/// One acknowledgment a partner sent: a 997/999 for one of our groups (<paramref name="GroupControlNumber"/>, its AK9
/// code and the sets it names) or a TA1 for one of our interchanges (<paramref name="InterchangeControlNumber"/>).
/// </summary>
/// <param name="Kind"><c>997</c>, <c>999</c> or <c>TA1</c>.</param>
/// <param name="InterchangeControlNumber">TA101, the ISA13 acknowledged; null for a 997/999.</param>
/// <param name="FunctionalId">AK101, the GS01 acknowledged; null for a TA1.</param>
/// <param name="GroupControlNumber">AK102, the GS06 acknowledged; null for a TA1.</param>
/// <param name="Code">AK901/IK901 (A, E, P, R, …) or TA104 (A, E, R).</param>
/// <param name="Note">TA105 for a TA1; an AK9 that does not add up, for a 997/999; otherwise empty.</param>
/// <param name="Sets">The AK2/AK5 (IK5) verdicts of a 997/999, one per set it names.</param>
public sealed record X12ReceivedAcknowledgment(string Kind, string? InterchangeControlNumber, string? FunctionalId, string? GroupControlNumber, string Code,
    string Note, IReadOnlyList<X12SetVerdict> Sets);

/// <summary>
/// The X12 acknowledgment traffic between the hub and a partner, as control numbers: which sets a file we wrote holds
/// (to await their 997/999), and what the 997s, 999s and TA1s a partner sent us say (to match them to what we sent).
/// </summary>
public static class X12Acknowledgments
{
    /// <summary>True for the set ids that acknowledge other sets (997, 999).</summary>
    public static bool IsAcknowledgment(string setId) => X12AckBuilder.IsAcknowledgment(setId);

    /// <summary>Every transaction set of an X12 file, with its interchange's and group's control numbers.</summary>
    public static IReadOnlyList<X12SentSet> SetsOf(byte[] x12)
    {
        using var input = new MemoryStream(x12, writable: false);
        var sets = new List<X12SentSet>();
        foreach (var unit in new X12Reader(input).Read())
        {
            if (unit is X12TransactionSet { Group: { } group } set)
                sets.Add(new X12SentSet(set.Interchange.ControlNumber, group.FunctionalId, group.ControlNumber, set.SetId, set.ControlNumber));
        }
        return sets;
    }

    /// <summary>Every 997, 999 and TA1 in an X12 file, in order; other sets are left out.</summary>
    public static IReadOnlyList<X12ReceivedAcknowledgment> Read(byte[] x12)
    {
        using var input = new MemoryStream(x12, writable: false);
        var found = new List<X12ReceivedAcknowledgment>();
        foreach (var unit in new X12Reader(input).Read())
        {
            switch (unit)
            {
                case X12TransactionSet set when X12AckReader.Read(set) is { } group:
                    found.Add(new X12ReceivedAcknowledgment(group.AckSetId, null, group.FunctionalId, group.GroupControlNumber, group.Code,
                        group.Inconsistency() ?? "", [.. group.Sets.Select(s => new X12SetVerdict(s.SetId, s.ControlNumber, s.Code, s.ErrorCodes))]));
                    break;
                case X12Interchange interchange:
                    found.AddRange(X12AckReader.Read(interchange).Select(ta1 =>
                        new X12ReceivedAcknowledgment("TA1", ta1.ControlNumber, null, null, ta1.Code, ta1.Note, [])));
                    break;
            }
        }
        return found;
    }
}
