using IntegrationHub.Canonical;
using IntegrationHub.Formats.X12;
using IntegrationHub.Mapping;
using IntegrationHub.Partners;
using IntegrationHub.Support;
using IntegrationHub.Translation;
using IntegrationHub.Verification;

namespace IntegrationHub.Engine.Tests.Mapping;

/// <summary>
/// An 855 written and validated with placeholder control numbers and then renumbered must be, byte for byte, the 855
/// written with the final numbers: the hub writes acknowledgments before it locks the partner's counters.
/// </summary>
public sealed class OutboundRenumberTests
{
    private static readonly Lazy<MapLibrary> Library = new(() => FormatSchemas.Load(Path.Combine(RepositoryPaths.Root, "mappings")));

    private static readonly OrderAcknowledgment Acknowledgment = new()
    {
        OrderNumber = "PO-4711", OrderDate = new Moment(new DateOnly(2026, 11, 20)), Status = AcknowledgmentStatus.Accepted,
        Lines =
        [
            new AcknowledgedLine { LineNumber = "1", Status = LineStatus.Accepted, Quantity = 2, UnitOfMeasure = "EA" },
            new AcknowledgedLine { LineNumber = "2", Status = LineStatus.Rejected, Quantity = 1, UnitOfMeasure = "BX" },
        ],
    };

    private static byte[] Write(long isa, long gs, Partner partner)
    {
        var envelope = OutboundGolden.Envelope with { X12 = OutboundGolden.Envelope.X12! with { InterchangeControlNumber = isa, GroupControlNumber = gs } };
        var written = OutboundTranslation.Write(Library.Value.FindOutbound("x12", "855", "004010")!, Acknowledgment, partner, envelope);
        Assert.True(written.Succeeded, string.Join("; ", written.Diagnostics));
        return written.Output!;
    }

    [Theory]
    [InlineData(1L, 1L)]
    [InlineData(2L, 3L)]
    [InlineData(123_456L, 98_765L)]
    [InlineData(999_999_999L, 999_999_999L)]
    public void Renumber_GivesWhatWritingWithTheNumbersGives(long isa, long gs)
    {
        var placeholder = Write(1, 1, OutboundGolden.SamplePartner);

        Assert.Equal(Write(isa, gs, OutboundGolden.SamplePartner), X12TreeWriter.Renumber(placeholder, isa, gs));
    }

    [Fact]
    public void Renumber_KeepsThePartnersDelimiters()
    {
        var partner = OutboundGolden.SamplePartner with { X12Settings = new X12Settings { ElementSeparator = '|', SegmentTerminator = '\n' } };
        var placeholder = Write(7, 7, partner);

        Assert.Equal(Write(42, 4_242, partner), X12TreeWriter.Renumber(placeholder, 42, 4_242));
        Assert.NotEqual(placeholder, X12TreeWriter.Renumber(placeholder, 42, 4_242));
    }

    [Fact]
    public void Renumber_RefusesNumbersTheEnvelopeCannotCarry()
    {
        var placeholder = Write(1, 1, OutboundGolden.SamplePartner);

        Assert.Throws<ArgumentOutOfRangeException>(() => X12TreeWriter.Renumber(placeholder, 1_000_000_000, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => X12TreeWriter.Renumber(placeholder, 1, 0));
        Assert.Throws<ArgumentException>(() => X12TreeWriter.Renumber("ST*855*0001~"u8.ToArray(), 1, 1));
    }
}
