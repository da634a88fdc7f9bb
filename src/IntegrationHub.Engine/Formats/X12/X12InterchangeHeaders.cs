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
    int Groups, IReadOnlyList<string> SetIds);

/// <summary>Reads the interchange headers of a file as a stream, one set at a time (nothing else of the file is kept).</summary>
public static class X12InterchangeHeaders
{
    /// <summary>Every interchange of the input, in order; empty when there is none.</summary>
    public static IReadOnlyList<X12InterchangeHeader> Read(Stream input, X12ReadOptions? options = null)
    {
        var headers = new List<X12InterchangeHeader>();
        var groups = 0;
        var sets = new List<string>();
        foreach (var unit in new X12Reader(input, options).Read())
        {
            switch (unit)
            {
                case X12TransactionSet set when !sets.Contains(set.SetId):
                    sets.Add(set.SetId);
                    break;
                case X12Group:
                    groups++;
                    break;
                case X12Interchange interchange:
                    headers.Add(new X12InterchangeHeader(interchange.SenderQualifier, interchange.Sender, interchange.ReceiverQualifier, interchange.Receiver,
                        interchange.ControlNumber, interchange.Usage, groups, [.. sets]));
                    groups = 0;
                    sets = [];
                    break;
            }
        }
        return headers;
    }
}
