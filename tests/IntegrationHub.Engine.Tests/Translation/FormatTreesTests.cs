using IntegrationHub.Documents;
using IntegrationHub.Translation;

namespace IntegrationHub.Engine.Tests.Translation;

public sealed class FormatTreesTests
{
    public static TheoryData<string> Formats() => [.. FormatTrees.Formats];

    [Theory]
    [MemberData(nameof(Formats))]
    public void ReadAll_HasAReader_ForEveryFormatMapsMayName(string format)
    {
        var trees = FormatTrees.ReadAll(format, "not a document"u8.ToArray());

        Assert.Contains(trees.SelectMany(t => t.Diagnostics), d => d.Severity == Severity.Error);
    }

    private const string Interchange = """
        ISA*00*          *00*          *ZZ*DEMOBUYER      *ZZ*SUPPLIER       *261126*0930*U*00401*00000010N*0*T*>~
        GS*PO*DEMOBUYER*SUPPLIER*20261126*0930*10N*X*004010~
        ST*850*0001~
        BEG*00*SA*PO-N**20261126~
        PO1*1*10*BX*6.05**VP*GLV-100~
        CTT*1~
        SE*5*0001~
        GE*1*10N~
        IEA*1*00000010N~

        """;

    [Fact]
    public void ReadAll_GivesEachSetOnlyItsOwnEnvelopesFindings_WhenAFileHoldsSeveralInterchanges()
    {
        var good = Interchange.Replace("N", "1", StringComparison.Ordinal);
        var badGroup = Interchange.Replace("N", "2", StringComparison.Ordinal).Replace("GE*1*102", "GE*7*102", StringComparison.Ordinal);
        var badInterchange = Interchange.Replace("N", "3", StringComparison.Ordinal).Replace("IEA*1*000000103", "IEA*5*000000103", StringComparison.Ordinal);

        var trees = FormatTrees.ReadAll("x12", System.Text.Encoding.ASCII.GetBytes(good + badGroup + badInterchange));

        Assert.Equal(3, trees.Count);
        Assert.DoesNotContain(trees[0].Diagnostics, d => d.Severity == Severity.Error);
        var group = Assert.Single(trees[1].Diagnostics, d => d.Severity == Severity.Error);
        var interchange = Assert.Single(trees[2].Diagnostics, d => d.Severity == Severity.Error);
        Assert.NotEqual(group.Code, interchange.Code);
    }

    [Fact]
    public void Each_GivesTheDocumentsOfReadAll_WithTheSameDiagnostics_InTheSameOrder()
    {
        var good = Interchange.Replace("N", "1", StringComparison.Ordinal);
        var badGroup = Interchange.Replace("N", "2", StringComparison.Ordinal).Replace("GE*1*102", "GE*7*102", StringComparison.Ordinal);
        var outside = "GS*PO*X*Y*20261126*0930*9*X*004010~\n"; // a file finding, between interchanges
        var input = System.Text.Encoding.ASCII.GetBytes(good + outside + badGroup);

        var all = FormatTrees.ReadAll("x12", input);
        var each = FormatTrees.Each("x12", input).Select(Describe).ToList();

        Assert.Equal(2, all.Count);
        Assert.Contains(all[0].Diagnostics, d => d.Code == "x12.text.outside-interchange");
        Assert.Equal(all.Select(Describe), each);

        static string Describe(FormatTree tree) =>
            $"{tree.DocumentType} {tree.Version} {tree.Tree!.Child("BEG")!.Child("BEG03")!.Value}: "
            + string.Join(", ", tree.Diagnostics.Select(d => $"{d.Code} {d.Severity} {d.Position.Offset}"));
    }

    [Fact]
    public void Each_OfX12_CanBeEnumeratedOnce_BecauseItKeepsNoTreeItHasPassed()
    {
        var sets = IntegrationHub.Formats.X12.X12DocumentTree.ReadSets(new MemoryStream(System.Text.Encoding.ASCII.GetBytes(Interchange.Replace("N", "1", StringComparison.Ordinal))));

        Assert.Equal(1, sets.Count);
        Assert.Equal("PO-1", Assert.Single(sets).Tree.Child("BEG")!.Child("BEG03")!.Value);
        Assert.Throws<InvalidOperationException>(() => sets.GetEnumerator());
    }
}
