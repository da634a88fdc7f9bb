namespace IntegrationHub.Formats.X12;

/// <summary>What a partner's 997/999 says about one of our transaction sets.</summary>
/// <param name="SetId">AK201: the set id we sent.</param>
/// <param name="ControlNumber">AK202: the ST02 we sent.</param>
/// <param name="Code">AK501/IK501: A, E, R (or M, W, X).</param>
/// <param name="ErrorCodes">AK502-506/IK502-506 and, for each AK3/IK3, "segment@position:code".</param>
internal sealed record X12SetAcknowledgment(string SetId, string ControlNumber, string Code, IReadOnlyList<string> ErrorCodes)
{
    public bool Accepted => Code is "A" or "E";
}

/// <summary>What a partner's 997/999 says about one of our groups, to match by (GS01, GS06) to what we sent.</summary>
internal sealed record X12GroupAcknowledgment(string AckSetId, string FunctionalId, string GroupControlNumber, string Code,
    int SetsIncluded, int SetsReceived, int SetsAccepted, IReadOnlyList<X12SetAcknowledgment> Sets)
{
    /// <summary>What does not add up in the AK9 (its code against its counts and the AK5s), or null.</summary>
    public string? Inconsistency()
    {
        if (SetsAccepted > SetsReceived) return $"AK904 says {SetsAccepted} sets accepted of {SetsReceived} received.";
        var accepted = Sets.Count(set => set.Accepted);
        if (Sets.Count > 0 && accepted != SetsAccepted) return $"AK904 says {SetsAccepted} sets accepted but the AK5/IK5 segments accept {accepted}.";
        var expected = SetsAccepted == 0 ? "R" : SetsAccepted < SetsReceived ? "P" : null;
        return expected is not null && Code != expected && Code is "A" or "E" or "P" or "R"
            ? $"AK901 is {Code} but {SetsAccepted} of {SetsReceived} sets were accepted, which makes it {expected}."
            : null;
    }

    public X12SetAcknowledgment? Find(string setId, string controlNumber) =>
        Sets.FirstOrDefault(set => set.SetId == setId && set.ControlNumber == controlNumber);
}

/// <summary>What a partner's TA1 says about one of our interchanges, to match by ISA13.</summary>
internal sealed record X12InterchangeAcknowledgment(string ControlNumber, string Date, string Time, string Code, string Note)
{
    public bool Accepted => Code is "A" or "E";
}

/// <summary>Reads inbound 997, 999 and TA1 into results that can be matched to the envelopes we sent.</summary>
internal static class X12AckReader
{
    /// <summary>The group acknowledgment in a 997 or 999 set, or null for any other set.</summary>
    public static X12GroupAcknowledgment? Read(X12TransactionSet set)
    {
        if (!X12AckBuilder.IsAcknowledgment(set.SetId)) return null;
        string functionalId = "", groupNumber = "", groupCode = "";
        int included = 0, received = 0, accepted = 0;
        var sets = new List<X12SetAcknowledgment>();
        string? setId = null, controlNumber = null;
        var errors = new List<string>();

        foreach (var segment in set.Segments)
        {
            switch (segment.Id)
            {
                case "AK1":
                    functionalId = segment[1];
                    groupNumber = segment[2];
                    break;
                case "AK2":
                    setId = segment[1];
                    controlNumber = segment[2];
                    errors = [];
                    break;
                case "AK3" or "IK3":
                    errors.Add($"{segment[1]}@{segment[2]}:{segment[4]}");
                    break;
                case "AK5" or "IK5" when setId is not null:
                    errors.InsertRange(0, Enumerable.Range(2, 5).Select(i => segment[i]).Where(code => code.Length > 0));
                    sets.Add(new X12SetAcknowledgment(setId, controlNumber!, segment[1], errors));
                    setId = null;
                    break;
                case "AK9":
                    groupCode = segment[1];
                    included = Count(segment[2]);
                    received = Count(segment[3]);
                    accepted = Count(segment[4]);
                    break;
            }
        }
        return new X12GroupAcknowledgment(set.SetId, functionalId, groupNumber, groupCode, included, received, accepted, sets);
    }

    private static int Count(string value) => int.TryParse(value, out var count) ? count : -1;

    /// <summary>The TA1 segments of an interchange.</summary>
    public static IEnumerable<X12InterchangeAcknowledgment> Read(X12Interchange interchange) =>
        interchange.Ta1Segments.Select(ta1 => new X12InterchangeAcknowledgment(ta1[1], ta1[2], ta1[3], ta1[4], ta1[5]));
}
