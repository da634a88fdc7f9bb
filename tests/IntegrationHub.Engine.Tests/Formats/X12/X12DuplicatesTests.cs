using System.Text;
using IntegrationHub.Formats.X12;

namespace IntegrationHub.Engine.Tests.Formats.X12;

/// <summary>GS06 and ST02 a caller found were received before, and the TA1 policy: both decide what the acknowledgment says.</summary>
public sealed class X12DuplicatesTests
{
    private const string Group4010 =
        "GS*PO*BUYER*SUPPLIER*20240101*1200*7*X*004010~" +
        "ST*850*0001~BEG*00*SA*PO-1**20240101~PO1*1*2*EA*9.5**VP*ABC~CTT*1~SE*5*0001~" +
        "ST*850*0002~BEG*00*SA*PO-2**20240101~PO1*1*2*EA*9.5**VP*ABC~CTT*1~SE*5*0002~" +
        "GE*2*7~";

    private static readonly string Group5010 = Group4010.Replace("*X*004010~", "*X*005010~", StringComparison.Ordinal);

    private static string File4010(string isa = X12Samples.Isa4010) => isa + Group4010 + "IEA*1*000000001~";

    private static (X12ValidationReport Report, string Ack) Validate(string file, X12ValidationOptions options)
    {
        using var output = new MemoryStream();
        var report = X12Validation.Validate(X12Samples.Stream(file), output, options with { NewLineAfterSegment = false });
        return (report, Encoding.Latin1.GetString(output.ToArray()));
    }

    [Fact]
    public void Headers_GiveEachGroupAndSetItsControlNumberAndOrdinal()
    {
        var file = X12Samples.Isa4010 + Group4010 + Group4010.Replace("*1200*7*X", "*1200*8*X", StringComparison.Ordinal).Replace("GE*2*7", "GE*2*8", StringComparison.Ordinal)
            + "IEA*2*000000001~";

        var header = Assert.Single(X12InterchangeHeaders.Read(X12Samples.Stream(file)));

        Assert.Equal([(0, "PO", "BUYER", "7"), (1, "PO", "BUYER", "8")],
            header.GroupHeaders.Select(g => (g.Ordinal, g.FunctionalId, g.ApplicationSender, g.ControlNumber)));
        Assert.Equal([(2, "850", "0001"), (3, "850", "0002")], header.GroupHeaders[1].Sets.Select(s => (s.Ordinal, s.SetId, s.ControlNumber)));
    }

    [Fact]
    public void Validate_RejectsTheSetWithCode23_WhenItsControlNumberIsADuplicate()
    {
        var (report, ack) = Validate(File4010(), new X12ValidationOptions { Ack = X12AckKind.Functional997, DuplicateSets = new HashSet<int> { 1 } });

        Assert.Equal(1, report.SetsAccepted);
        Assert.Contains("AK2*850*0001~AK5*A~", ack, StringComparison.Ordinal);
        Assert.Contains("AK2*850*0002~AK5*R*23~", ack, StringComparison.Ordinal);
        Assert.Contains("AK9*P*2*2*1~", ack, StringComparison.Ordinal);
        Assert.Contains(report.Diagnostics, d => d.Code == "x12.set.duplicate" && d.Position.Path == "ST*850*0002");
    }

    [Fact]
    public void Validate_RejectsTheGroupWithCode19_WhenA5010GroupControlNumberIsADuplicate()
    {
        var file = X12Samples.Isa5010 + Group5010 + "IEA*1*000000001~";

        var (report, ack) = Validate(file, new X12ValidationOptions { Ack = X12AckKind.Implementation999, DuplicateGroups = new HashSet<int> { 0 } });

        Assert.Equal(0, report.SetsAccepted);
        Assert.Contains("AK9*R*2*2*0*19~", ack, StringComparison.Ordinal);
        Assert.Contains(report.Diagnostics, d => d.Code == "x12.group.duplicate");
    }

    [Fact]
    public void Validate_RejectsEverySetOfTheGroup_WhenA4010GroupControlNumberIsADuplicate()
    {
        var (report, ack) = Validate(File4010(), new X12ValidationOptions { Ack = X12AckKind.Functional997, DuplicateGroups = new HashSet<int> { 0 } });

        Assert.Equal(0, report.SetsAccepted);
        Assert.Contains("AK2*850*0001~AK5*R~", ack, StringComparison.Ordinal);
        Assert.Contains("AK9*R*2*2*0~", ack, StringComparison.Ordinal); // 004010 has no AK905 code for it
    }

    [Fact]
    public void Validate_AcceptsEverything_WhenNothingIsADuplicate()
    {
        var (report, ack) = Validate(File4010(), new X12ValidationOptions { Ack = X12AckKind.Functional997, DuplicateSets = new HashSet<int> { 5 } });

        Assert.True(report.AllAccepted);
        Assert.Contains("AK9*A*2*2*2~", ack, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(X12Ta1Policy.Requested, "0", false)]
    [InlineData(X12Ta1Policy.Requested, "1", true)]
    [InlineData(X12Ta1Policy.Always, "0", true)]
    [InlineData(X12Ta1Policy.Errors, "1", false)]
    [InlineData(X12Ta1Policy.Never, "1", false)]
    public void Validate_SendsATa1PerThePolicy_WhenTheEnvelopeIsGood(X12Ta1Policy policy, string isa14, bool ta1)
    {
        var isa = X12Samples.Isa4010.Replace("*000000001*0*P*", $"*000000001*{isa14}*P*", StringComparison.Ordinal);

        var (_, ack) = Validate(File4010(isa), new X12ValidationOptions { Ack = X12AckKind.Functional997, Ta1 = policy });

        Assert.Equal(ta1, ack.Contains("~TA1*000000001*240101*1200*A*000~", StringComparison.Ordinal));
        Assert.Contains("ST*997*", ack, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SendsATa1ForAnEnvelopeError_WhenThePolicyIsErrors()
    {
        var file = File4010().Replace("IEA*1*000000001~", "IEA*1*000000002~", StringComparison.Ordinal);

        var (_, ack) = Validate(file, new X12ValidationOptions { Ack = X12AckKind.Functional997, Ta1 = X12Ta1Policy.Errors });

        Assert.Contains("TA1*000000001*240101*1200*R*", ack, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WritesAnInterchangeOfOneTa1_WhenNoGroupAcknowledgmentIsWanted()
    {
        var (report, ack) = Validate(File4010(), new X12ValidationOptions { Ack = X12AckKind.None, Ta1 = X12Ta1Policy.Always });

        Assert.True(report.AllAccepted);
        Assert.Contains("TA1*000000001*240101*1200*A*000~", ack, StringComparison.Ordinal);
        Assert.DoesNotContain("GS*", ack, StringComparison.Ordinal);
        Assert.EndsWith("IEA*0*000000001~", ack, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WritesNothing_WhenNeitherAGroupAcknowledgmentNorATa1IsWanted()
    {
        var (_, ack) = Validate(File4010(), new X12ValidationOptions { Ack = X12AckKind.None, Ta1 = X12Ta1Policy.Never });

        Assert.Empty(ack);
    }
}
