using IntegrationHub.Formats.X12;
using IntegrationHub.Support;

namespace IntegrationHub.Engine.Tests.Formats.X12;

/// <summary>
/// A reader that counts a set's body instead of keeping it (<see cref="X12Reader.EnvelopesOnly"/>, the first pass of
/// <see cref="X12DocumentTree.ReadSets"/>) must find exactly what the full reading finds: every unit in the same order
/// with the same findings, the same segment count per set, and the same file findings.
/// </summary>
public sealed class X12EnvelopesOnlyTests
{
    private const string Body = "BEG*00*SA*PO1**20240101~PO1*1*2*EA*9.99**VP*A~CTT*1~";

    public static TheoryData<string> Inputs()
    {
        var data = X12ReadAheadTests.Inputs();
        foreach (var broken in new[]
        {
            // SE01 counts one segment too many; SE02 does not match ST02.
            $"ST*850*0001~{Body}SE*6*0001~ST*850*0002~{Body}SE*5*0009~",
            // A segment between sets, a set without SE before the GE, a GE with the wrong count.
            $"ST*850*0001~{Body}SE*5*0001~REF*DP*1~ST*850*0002~{Body}",
            // A GS inside a set, then its body and trailer.
            $"ST*850*0001~BEG*00*SA*PO1**20240101~GS*PO*BUYER*SUPPLIER*20240101*1200*2*X*004010~ST*850*0003~{Body}SE*5*0003~",
        })
        {
            data.Add("text:" + X12Samples.Isa4010 + "GS*PO*BUYER*SUPPLIER*20240101*1200*1*X*004010~" + broken + "GE*2*1~IEA*1*000000001~");
        }
        data.Add("text:" + X12Samples.Isa4010 + "GS*PO*BUYER*SUPPLIER*20240101*1200*1*X*004010~ST*850*0001~" + Body); // cut short
        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void EnvelopesOnly_FindsWhatTheFullReadingFinds(string input)
    {
        var bytes = input.StartsWith("text:", StringComparison.Ordinal) ? X12Samples.Bytes(input["text:".Length..]) : X12ReadAheadTests.BytesOf(input);

        Assert.Equal(Units(bytes, envelopesOnly: false), Units(bytes, envelopesOnly: true));
    }

    private static List<string> Units(byte[] bytes, bool envelopesOnly)
    {
        var reader = new X12Reader(new MemoryStream(bytes)) { ReuseSetSegments = true, EnvelopesOnly = envelopesOnly };
        var units = new List<string>();
        foreach (var unit in reader.Read())
        {
            var findings = string.Join(";", unit.Findings.Select(f => $"{f.Code}@{f.Offset}:{f.Message}"));
            units.Add(unit switch
            {
                X12TransactionSet set => $"set {set.Path} {set.SegmentCount} {set.HasTrailer} [{findings}] {set.St.Offset}",
                X12Group group => $"group {group.ControlNumber} {group.ReceivedSetCount}/{group.DeclaredSetCount} [{findings}]",
                X12Interchange interchange => $"interchange {interchange.ControlNumber} {interchange.GroupCount} [{findings}]",
                _ => unit.GetType().Name,
            });
        }
        units.Add($"file [{string.Join(";", reader.FileFindings.Select(f => $"{f.Code}@{f.Offset}"))}] {reader.InterchangeCount}");
        return units;
    }
}
