namespace IntegrationHub.Formats.X12;

/// <summary>Who sent an interchange and under which control number, with what it holds: enough to authenticate and deduplicate it.</summary>
/// <param name="SenderQualifier">ISA05.</param>
/// <param name="Sender">ISA06, without padding.</param>
/// <param name="ReceiverQualifier">ISA07.</param>
/// <param name="Receiver">ISA08, without padding.</param>
/// <param name="ControlNumber">ISA13.</param>
/// <param name="Usage">ISA15: P or T.</param>
/// <param name="Groups">Functional groups read.</param>
/// <param name="SetIds">The transaction set ids read (850, 860), in order, each once.</param>
public sealed record X12InterchangeHeader(string SenderQualifier, string Sender, string ReceiverQualifier, string Receiver, string ControlNumber, string Usage,
    int Groups, IReadOnlyList<string> SetIds)
{
    /// <summary>The interchange's groups with their control numbers, to deduplicate GS06 and ST02 per sender.</summary>
    public IReadOnlyList<X12GroupHeader> GroupHeaders { get; init; } = [];
}

/// <summary>A functional group's identity: GS01, GS02 and GS06, and the sets it holds.</summary>
/// <param name="Ordinal">The group's place among all groups of the file, from 0.</param>
/// <param name="FunctionalId">GS01, such as <c>PO</c>.</param>
/// <param name="ApplicationSender">GS02.</param>
/// <param name="ControlNumber">GS06.</param>
/// <param name="Sets">The group's transaction sets.</param>
public sealed record X12GroupHeader(int Ordinal, string FunctionalId, string ApplicationSender, string ControlNumber, IReadOnlyList<X12SetHeader> Sets);

/// <summary>A transaction set's identity: ST01 and ST02.</summary>
/// <param name="Ordinal">The set's place among all sets of the file, from 0 (the translation's sequence).</param>
/// <param name="SetId">ST01.</param>
/// <param name="ControlNumber">ST02.</param>
public sealed record X12SetHeader(int Ordinal, string SetId, string ControlNumber);

/// <summary>How an interchange is addressed: its ISA values, without what it holds.</summary>
/// <param name="SenderQualifier">ISA05.</param>
/// <param name="Sender">ISA06, without padding.</param>
/// <param name="ReceiverQualifier">ISA07.</param>
/// <param name="Receiver">ISA08, without padding.</param>
/// <param name="ControlNumber">ISA13.</param>
/// <param name="Usage">ISA15: P or T.</param>
public sealed record X12InterchangeAddress(string SenderQualifier, string Sender, string ReceiverQualifier, string Receiver, string ControlNumber, string Usage);

/// <summary>Reads the interchange headers of a file as a stream, one set at a time (nothing else of the file is kept).</summary>
public static class X12InterchangeHeaders
{
    /// <summary>
    /// The ISA values of the input's first interchange, read no further than its first set (or group, or the interchange
    /// itself when it holds neither) ends; null when the input holds no interchange. The rest of the input is not read,
    /// so its beginning is enough: an answer to a file of thousands of sets is addressed without reading them all again.
    /// </summary>
    public static X12InterchangeAddress? FirstAddress(Stream input, X12ReadOptions? options = null)
    {
        foreach (var unit in new X12Reader(input, options).Read())
        {
            var interchange = unit switch
            {
                X12TransactionSet set => set.Interchange,
                X12Group group => group.Interchange,
                X12Interchange whole => whole,
                _ => null,
            };
            if (interchange is not null)
                return new X12InterchangeAddress(interchange.SenderQualifier, interchange.Sender, interchange.ReceiverQualifier, interchange.Receiver,
                    interchange.ControlNumber, interchange.Usage);
        }
        return null;
    }

    /// <summary>Every interchange of the input, in order; empty when there is none.</summary>
    public static IReadOnlyList<X12InterchangeHeader> Read(Stream input, X12ReadOptions? options = null)
    {
        var headers = new List<X12InterchangeHeader>();
        var sets = new List<string>();
        var groups = new List<X12GroupHeader>();
        var groupSets = new List<X12SetHeader>();
        int setOrdinal = 0, groupOrdinal = 0;
        foreach (var unit in new X12Reader(input, options).Read())
        {
            switch (unit)
            {
                case X12TransactionSet set:
                    if (!sets.Contains(set.SetId)) sets.Add(set.SetId);
                    if (set.Group is not null) groupSets.Add(new X12SetHeader(setOrdinal, set.SetId, set.ControlNumber));
                    setOrdinal++;
                    break;
                case X12Group group:
                    groups.Add(new X12GroupHeader(groupOrdinal++, group.FunctionalId, group.Gs[2], group.ControlNumber, groupSets));
                    groupSets = [];
                    break;
                case X12Interchange interchange:
                    headers.Add(new X12InterchangeHeader(interchange.SenderQualifier, interchange.Sender, interchange.ReceiverQualifier, interchange.Receiver,
                        interchange.ControlNumber, interchange.Usage, groups.Count, [.. sets]) { GroupHeaders = groups });
                    groups = [];
                    groupSets = [];
                    sets = [];
                    break;
            }
        }
        return headers;
    }
}
