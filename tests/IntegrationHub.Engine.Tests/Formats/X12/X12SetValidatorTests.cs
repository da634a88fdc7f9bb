using IntegrationHub.Formats.X12;

namespace IntegrationHub.Engine.Tests.Formats.X12;

public sealed class X12SetValidatorTests
{
    private static X12SetResult ValidateOnly(string body, string version = "004010")
    {
        var isa = version.StartsWith("005", StringComparison.Ordinal) ? X12Samples.Isa5010 : X12Samples.Isa4010;
        var segments = body.Split('~', StringSplitOptions.RemoveEmptyEntries);
        var text = $"{isa}GS*PO*A*B*20240101*1200*1*X*{version}~{body}SE*{segments.Length + 1}*0001~GE*1*1~IEA*1*000000001~";
        var set = X12Samples.Units(text).OfType<X12TransactionSet>().Single();
        return new X12SetValidator(X12SpecLibrary.Embedded).Validate(set);
    }

    private static List<(string Code, string X12Code)> Errors(X12SetResult result) =>
        result.Findings.Where(finding => finding.IsError).Select(finding => (finding.Code, finding.X12Code)).ToList();

    [Fact]
    public void Validate_Accepts_WhenThePurchaseOrderFollowsTheStandard()
    {
        var result = ValidateOnly("ST*850*0001~BEG*00*SA*PO1**20240101~PO1*1*1*EA*1~CTT*1~");

        Assert.Equal("A", result.AckCode);
        Assert.Empty(Errors(result));
    }

    [Fact]
    public void Validate_WarnsOfTheRepetitionSeparatorInData_AtEachElementThatHoldsIt()
    {
        // 005010's ISA11 is '^': none of our elements repeat, so it is read as data with a warning on that element only.
        var result = ValidateOnly("ST*850*0001~BEG*00*SA*PO^1**20240101~PO1*1*1*EA*1~N1*ST*A^B*92*C^D~CTT*1~", "005010");

        Assert.Equal("A", result.AckCode);
        Assert.Equal([("BEG", 3), ("N1", 2), ("N1", 4)], result.Findings
            .Where(finding => finding.Code == "x12.element.repetition-separator-in-data")
            .Select(finding => (finding.SegmentId, finding.ElementPosition)));
    }

    [Fact]
    public void Validate_ReportsMaxUseExceeded_WhenASegmentRepeatsTooOften()
    {
        var result = ValidateOnly("ST*850*0001~BEG*00*SA*PO1**20240101~BEG*00*SA*PO1**20240101~PO1*1*1*EA*1~");

        Assert.Contains(("x12.segment.max-use-exceeded", "5"), Errors(result));
    }

    [Fact]
    public void Validate_ReportsLoopRepeats_WhenALoopOccursMoreThanItsMaximum()
    {
        var result = ValidateOnly("ST*850*0001~BEG*00*SA*PO1**20240101~PO1*1*1*EA*1~CTT*1~CTT*1~");

        Assert.Contains(("x12.loop.max-repeats-exceeded", "4"), Errors(result));
    }

    [Fact]
    public void Validate_ReportsTheMissingMandatoryLoop_WhenThereIsNoPo1()
    {
        var finding = ValidateOnly("ST*850*0001~BEG*00*SA*PO1**20240101~CTT*1~").Findings.Single(f => f.IsError);

        Assert.Equal(("x12.segment.mandatory-missing", "3", "PO1"), (finding.Code, finding.X12Code, finding.SegmentId));
    }

    [Theory]
    [InlineData("BEG*00*SA*PO1**20240230", "x12.element.invalid-date", "8")]
    [InlineData("BEG*00*SA*PO1**20240101**XX", "x12.element.code-unlisted", "7")]
    [InlineData("BEG**SA*PO1**20240101", "x12.element.mandatory-missing", "1")]
    [InlineData("BEG*00*SA*PO1**20240101*******************", "x12.segment.trailing-separators", "")]
    [InlineData("BEG*00*SA*PO1**20240101*1*2*3*4*5*6*7*8", "x12.element.too-many", "3")]
    [InlineData("BEG*00*SA*" + "P12345678901234567890123" + "**20240101", "x12.element.too-long", "5")]
    public void Validate_ReportsTheElementProblem_WithItsAk4Code(string beg, string code, string x12Code)
    {
        var result = ValidateOnly($"ST*850*0001~{beg}~PO1*1*1*EA*1~");

        Assert.Contains(result.Findings, finding => finding.Code == code && finding.X12Code == x12Code);
    }

    [Fact]
    public void Validate_ReportsExclusion_WhenN4HasBothStateAndCountrySubdivision()
    {
        var result = ValidateOnly("ST*850*0001~BEG*00*SA*PO1**20240101~N1*ST*X*92*1~N4*CITY*IL*62701*US***IL~PO1*1*1*EA*1~", "005010");

        var finding = result.Findings.Single(f => f.Code == "x12.element.exclusion-violated");
        Assert.Equal(("10", 7, 2), (finding.X12Code, finding.ElementPosition, finding.TriggerElementPosition));
    }

    [Fact]
    public void Validate_RejectsTheCode_WhenTheListIsClosed()
    {
        var text = $"{X12Samples.Isa4010}GS*FA*A*B*20240101*1200*1*X*004010~ST*997*0001~AK1*PO*1~AK9*Q*1*1*1~SE*4*0001~GE*1*1~IEA*1*000000001~";
        var set = X12Samples.Units(text).OfType<X12TransactionSet>().Single();

        var result = new X12SetValidator(X12SpecLibrary.Embedded).Validate(set);

        Assert.Contains(("x12.element.invalid-code", "7"), Errors(result));
    }

    [Fact]
    public void Validate_BuildsTheHlTree_FromHl01AndHl02()
    {
        var result = ValidateOnly(
            "ST*856*0001~BSN*00*ASN1*20240101*1200*0001~HL*1**S~HL*2*1*O~HL*3*2*P~HL*4*3*I~LIN*1*VP*A*UP*0123~SN1*1*1*EA~HL*5*2*P~HL*6*5*I~LIN*2*VP*B~SN1*2*1*EA~");

        var shipment = Assert.Single(result.Hierarchy);
        var order = Assert.Single(shipment.Children);
        Assert.Equal(["P", "P"], order.Children.Select(pack => pack.Level));
        Assert.Equal(["4", "6"], order.Children.Select(pack => Assert.Single(pack.Children).Id));
        Assert.Equal("A", result.AckCode);
    }

    [Fact]
    public void ProductIds_AreFoundByQualifier_WhateverTheirPosition()
    {
        var result = ValidateOnly("ST*850*0001~BEG*00*SA*PO1**20240101~PO1*1*1*EA*1**UP*012345678905*VP*ABC~");
        var po1 = result.Tree.Loops.Single(loop => loop.Id == "PO1").Trigger!;

        var ids = ProductIds.Of(po1, result.Spec!.Segment("PO1")!.ProductIdsFrom);

        Assert.Equal("ABC", ids["VP"]);
        Assert.Equal("012345678905", ids["UP"]);
    }

    [Fact]
    public void Validate_RejectsAsUnsupported_WhenNoSpecExists()
    {
        var result = ValidateOnly("ST*940*0001~W05*N*1~");

        Assert.Equal([("x12.set.unsupported", "1")], Errors(result));
    }

    [Fact]
    public void SpecLibrary_HasEverySetInBothVersions_ExceptThe999WhichStartsIn5010()
    {
        var specs = X12SpecLibrary.Embedded.All.Select(spec => $"{spec.SetId}-{spec.Version}").Order(StringComparer.Ordinal);

        Assert.Equal(
            ["810-004010", "810-005010", "850-004010", "850-005010", "855-004010", "855-005010", "856-004010", "856-005010",
             "860-004010", "860-005010", "865-004010", "865-005010", "997-004010", "997-005010", "999-005010"],
            specs);
    }

    [Fact]
    public void SpecLibrary_ReadsANewSet_FromASpecFileAlone()
    {
        var files = new Dictionary<string, string>
        {
            ["segments-004010.yaml"] = "version: \"004010\"\nsegments:\n  BIA:\n    elements: [\"353 M ID 2/2\", \"755 M ID 2/2\", \"127 M AN 1/30\", \"373 M DT 8/8\"]\n",
            ["846-004010.yaml"] = "set: \"846\"\nversion: \"004010\"\nname: Inventory Inquiry/Advice\ngroup: IB\nstructure:\n  - ST M 1\n  - BIA M 1\n  - loop LIN O 10000: [LIN M 1, QTY O >1]\n  - SE M 1\n",
        };
        var library = X12SpecLibrary.FromTexts(files);
        var text = $"{X12Samples.Isa4010}GS*IB*A*B*20240101*1200*1*X*004010~ST*846*0001~BIA*00*MM*REF1*2024013~LIN**UP*1~SE*4*0001~GE*1*1~IEA*1*000000001~";
        var set = X12Samples.Units(text).OfType<X12TransactionSet>().Single();

        var result = new X12SetValidator(library).Validate(set);

        Assert.Equal([("x12.segment.element-errors", "8"), ("x12.element.invalid-date", "8")], Errors(result));
    }
}
