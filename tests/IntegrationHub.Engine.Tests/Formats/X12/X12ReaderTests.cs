using IntegrationHub.Formats.X12;

namespace IntegrationHub.Engine.Tests.Formats.X12;

public sealed class X12ReaderTests
{
    [Fact]
    public void Read_YieldsSetThenGroupThenInterchange_WhenTheEnvelopeIsSound()
    {
        var units = X12Samples.Units(X12Samples.Po4010);

        Assert.Collection(units,
            unit => Assert.Equal(5, Assert.IsType<X12TransactionSet>(unit).Segments.Count),
            unit => Assert.Equal(1, Assert.IsType<X12Group>(unit).ReceivedSetCount),
            unit => Assert.True(Assert.IsType<X12Interchange>(unit).Closed));
        Assert.Empty(X12Samples.Codes(units));
    }

    [Fact]
    public void Read_ReadsEachInterchange_WhenAFileHoldsSeveral()
    {
        var text = X12Samples.Po4010 + "junk between\n" + X12Samples.Po4010.Replace("000000001", "000000002", StringComparison.Ordinal);
        var reader = new X12Reader(X12Samples.Stream(text));

        var interchanges = reader.Read().OfType<X12Interchange>().ToList();

        Assert.Equal(["000000001", "000000002"], interchanges.Select(i => i.ControlNumber));
        Assert.Contains(reader.FileFindings, finding => finding.Code == "x12.text.outside-interchange");
    }

    [Fact]
    public void Read_ReportsEveryTrailerMismatch_WhenControlNumbersAndCountsDisagree()
    {
        var text = X12Samples.Po4010
            .Replace("SE*5*0001", "SE*6*0002", StringComparison.Ordinal)
            .Replace("GE*1*1", "GE*2*9", StringComparison.Ordinal)
            .Replace("IEA*1*000000001", "IEA*3*000000009", StringComparison.Ordinal);

        var codes = X12Samples.Codes(X12Samples.Units(text)).ToList();

        Assert.Equal(
            ["x12.se.count-mismatch", "x12.se.control-number-mismatch", "x12.ge.count-mismatch", "x12.ge.control-number-mismatch",
             "x12.iea.count-mismatch", "x12.iea.control-number-mismatch"],
            codes);
    }

    [Fact]
    public void Read_ClosesOpenSetGroupAndInterchange_WhenTheInputEndsEarly()
    {
        var text = X12Samples.Po4010[..X12Samples.Po4010.IndexOf("CTT", StringComparison.Ordinal)];

        var units = X12Samples.Units(text);

        Assert.Equal(["x12.se.missing", "x12.ge.missing", "x12.iea.missing"], X12Samples.Codes(units));
        Assert.Equal("023", units.OfType<X12Interchange>().Single().Findings.Single().X12Code);
    }

    [Fact]
    public void Read_ReportsTheInvalidIsaValue_WithItsTa1Code()
    {
        var text = X12Samples.Po4010.Replace("*0*P*>", "*7*P*>", StringComparison.Ordinal);

        var finding = X12Samples.Units(text).OfType<X12Interchange>().Single().Findings.Single();

        Assert.Equal(("x12.isa.value-invalid", "019", 14), (finding.Code, finding.X12Code, finding.ElementPosition));
    }

    [Fact]
    public void Read_ReportsNotX12_WhenThereIsNoIsa()
    {
        var reader = new X12Reader(X12Samples.Stream("PK\u0003\u0004 binary"));

        Assert.Empty(reader.Read().ToList());
        Assert.Equal("x12.interchange.missing", reader.FileFindings[^1].Code);
    }
}
