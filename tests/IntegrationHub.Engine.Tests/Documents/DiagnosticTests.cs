using IntegrationHub.Documents;

namespace IntegrationHub.Engine.Tests.Documents;

public sealed class DiagnosticTests
{
    [Fact]
    public void ToString_NamesSeverityCodeAndPosition_WhenAllAreKnown()
    {
        var diagnostic = new Diagnostic("x12.segment.unexpected", "Segment N9 is not allowed here.", Severity.Error,
            new Position(120, 7, 3, "ST*850*0001/N9"));

        Assert.Equal("error x12.segment.unexpected at ST*850*0001/N9, line 7, column 3, byte 120: Segment N9 is not allowed here.",
            diagnostic.ToString());
    }

    [Fact]
    public void ToString_SaysUnknownPosition_WhenNothingIsKnown() =>
        Assert.Equal("an unknown position", Position.Unknown.ToString());

    [Fact]
    public void ToString_LeavesOutColumn_WhenOnlyLineIsKnown() =>
        Assert.Equal("/cXML/Header, line 4", new Position(-1, 4, 0, "/cXML/Header").ToString());
}
