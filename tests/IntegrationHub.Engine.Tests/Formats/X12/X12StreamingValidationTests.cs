using IntegrationHub.Formats.X12;
using IntegrationHub.Support;

namespace IntegrationHub.Engine.Tests.Formats.X12;

/// <summary>
/// Streaming validation reuses each set's segments for the next set and builds no loop tree. It must find exactly what
/// validating the kept sets with their trees finds: same findings, same order, same positions.
/// </summary>
public sealed class X12StreamingValidationTests
{
    private const string ShipNotice =
        "GS*SH*BUYER*SUPPLIER*20240101*1200*1*X*004010~" +
        "ST*856*0001~BSN*00*ASN1*20240101*1200*0001~HL*1**S~HL*2*1*O~HL*3*2*P~HL*4*3*I~LIN*1*VP*A*UP*0123~SN1*1*1*EA~CTT*4~SE*10*0001~" +
        // HL 3 names parent 9 (unknown) and HL 2 is used twice; HL 4 names itself.
        "ST*856*0002~BSN*00*ASN2*20240101*1200*0001~HL*1**S~HL*2*1*O~HL*3*9*P~HL*2*1*I~HL*4*4*I~LIN*1*VP*A*UP*0123~SN1*1*1*EA~CTT*5~SE*11*0002~" +
        // Text HL ids (not numbers), one of them duplicated and one parent unknown.
        "ST*856*0003~BSN*00*ASN3*20240101*1200*0001~HL*A**S~HL*B*A*O~HL*B*A*P~HL*C*X*I~LIN*1*VP*A*UP*0123~SN1*1*1*EA~CTT*4~SE*10*0003~" +
        "GE*3*1~";

    /// <summary>
    /// HL ids the streaming check keeps as bits (small numbers), as keys (leading zeros, large numbers) or both: 01 is
    /// not 1, 4096 is used twice, HL 3 names a parent (7) that only comes later, 4095 names 4096.
    /// </summary>
    private const string Hierarchy =
        "GS*SH*BUYER*SUPPLIER*20240101*1200*3*X*004010~" +
        "ST*856*0004~BSN*00*ASN4*20240101*1200*0001~HL*1**S~HL*01*1*O~HL*3*7*P~HL*4096*1*P~HL*4096*01*I~HL*4095*4096*I~HL*7*3*I~" +
        "LIN*1*VP*A*UP*0123~SN1*1*1*EA~CTT*7~SE*13*0004~" +
        "GE*1*3~";

    private const string Orders =
        "GS*PO*BUYER*SUPPLIER*20240101*1200*2*X*004010~" +
        "ST*850*0001~BEG*00*SA*PO1**20240101~PO1*1*2*EA*9.99**VP*A~PO1*2*X*EA*9.99**VP*B~CTT*2~SE*6*0001~" +
        // Out of order, unknown segment, an element too long, a missing trailer before the next ST.
        "ST*850*0002~PO1*1*2*EA*9.99**VP*A~BEG*00*SA*PO2**20240101~ZZZ*1~PO1*2*1*EAEAEA*1~" +
        "ST*850*0003~BEG*00*SA*PO3**20240101~PO1*1*1*EA*1**VP*C~CTT*1~SE*5*0003~" +
        "GE*3*2~";

    public static TheoryData<string> Inputs()
    {
        var data = new TheoryData<string>
        {
            "sample:" + X12Samples.Isa4010 + ShipNotice + "IEA*1*000000001~",
            "sample:" + X12Samples.Isa4010 + Orders + "IEA*1*000000001~",
            "sample:" + X12Samples.Isa4010 + Orders + ShipNotice + "IEA*2*000000001~",
            "sample:" + X12Samples.Isa4010 + Hierarchy + ShipNotice + "IEA*2*000000001~",
        };
        foreach (var file in X12CorpusTests.Files()) data.Add("corpus:" + file.Data);
        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void StreamingValidation_FindsWhatTreeValidationFinds(string input)
    {
        var bytes = BytesOf(input);

        Assert.Equal(TreeFindings(bytes), StreamingFindings(bytes));
    }

    [Fact]
    public void StreamingValidation_ReportsHierarchyProblems()
    {
        var findings = StreamingFindings(X12Samples.Bytes(X12Samples.Isa4010 + ShipNotice + "IEA*1*000000001~"));

        Assert.Contains(findings, f => f.StartsWith("x12.hl.parent-unknown|ST*856*0002|", StringComparison.Ordinal) && f.Contains("HL 3 names parent 9", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.StartsWith("x12.hl.parent-unknown|ST*856*0002|", StringComparison.Ordinal) && f.Contains("HL 4 names parent 4", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.StartsWith("x12.hl.id-duplicate|ST*856*0002|", StringComparison.Ordinal) && f.Contains("HL01 2 ", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.StartsWith("x12.hl.id-duplicate|ST*856*0003|", StringComparison.Ordinal) && f.Contains("HL01 B ", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.StartsWith("x12.hl.parent-unknown|ST*856*0003|", StringComparison.Ordinal) && f.Contains("HL C names parent X", StringComparison.Ordinal));
        Assert.DoesNotContain(findings, f => f.Contains("|ST*856*0001|", StringComparison.Ordinal) && f.StartsWith("x12.hl.", StringComparison.Ordinal));
    }

    [Fact]
    public void StreamingValidation_TellsHierarchyIdsApartByTheirText()
    {
        var findings = StreamingFindings(X12Samples.Bytes(X12Samples.Isa4010 + Hierarchy + "IEA*1*000000001~"))
            .Where(f => f.StartsWith("x12.hl.", StringComparison.Ordinal)).ToList();

        Assert.Equal(2, findings.Count);
        Assert.Contains(findings, f => f.StartsWith("x12.hl.parent-unknown|ST*856*0004|", StringComparison.Ordinal) && f.Contains("HL 3 names parent 7,", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.StartsWith("x12.hl.id-duplicate|ST*856*0004|", StringComparison.Ordinal) && f.Contains("HL01 4096 ", StringComparison.Ordinal));
    }

    [Fact]
    public void Reader_GivesEachSetItsOwnSegments_WhenReusingThem()
    {
        var bytes = X12Samples.Bytes(X12Samples.Isa4010 + Orders + ShipNotice + "IEA*2*000000001~");

        Assert.Equal(SetTexts(bytes, reuse: false), SetTexts(bytes, reuse: true));
    }

    private static List<string> SetTexts(byte[] bytes, bool reuse)
    {
        var texts = new List<string>();
        foreach (var unit in new X12Reader(new MemoryStream(bytes)) { ReuseSetSegments = reuse }.Read())
        {
            if (unit is X12TransactionSet set) texts.Add(string.Join("~", set.Segments.Select(segment => $"{segment.Offset}:{segment}")));
        }
        return texts;
    }

    private static byte[] BytesOf(string input)
    {
        if (input.StartsWith("sample:", StringComparison.Ordinal)) return X12Samples.Bytes(input["sample:".Length..]);
        var folder = RepositoryPaths.CorpusOrSkip("x12");
        return File.ReadAllBytes(Path.Combine(folder, input["corpus:".Length..]));
    }

    /// <summary>All sets read and kept first, then validated with their trees (as translation does).</summary>
    private static List<string> TreeFindings(byte[] bytes)
    {
        var sets = new X12Reader(new MemoryStream(bytes)).Read().OfType<X12TransactionSet>().ToList();
        var validator = new X12SetValidator(X12SpecLibrary.Embedded);
        return [.. sets.SelectMany(set => validator.Validate(set).Findings).Select(Describe)];
    }

    /// <summary>Each set validated as it is read, its segments reused for the next one (as <see cref="X12Validation"/> does).</summary>
    private static List<string> StreamingFindings(byte[] bytes)
    {
        var validator = new X12SetValidator(X12SpecLibrary.Embedded);
        var findings = new List<string>();
        foreach (var unit in new X12Reader(new MemoryStream(bytes)) { ReuseSetSegments = true }.Read())
        {
            if (unit is X12TransactionSet set) findings.AddRange(validator.Validate(set, buildTree: false).Findings.Select(Describe));
        }
        return findings;
    }

    private static string Describe(X12Finding f) =>
        $"{f.Code}|{f.SetPath}|{f.X12Code}|{f.Offset}|{f.SegmentId}|{f.SegmentPosition}|{f.LoopId}|{f.ElementPosition}|{f.ComponentPosition}|{f.ElementReference}|{f.BadData}|{f.TriggerElementPosition}|{f.Severity}|{f.Message}";
}
