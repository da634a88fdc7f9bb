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
    public void Each_GivesEverySet_TheFilesFindings_AndItsOwnEnvelopes_ThoughTheyAreFoundAfterTheSet()
    {
        var good = Interchange.Replace("N", "1", StringComparison.Ordinal);
        var badGroup = Interchange.Replace("N", "2", StringComparison.Ordinal).Replace("GE*1*102", "GE*7*102", StringComparison.Ordinal);
        var outside = "GS*PO*X*Y*20261126*0930*9*X*004010~\n"; // a file finding, between the interchanges
        var input = System.Text.Encoding.ASCII.GetBytes(good + outside + badGroup);

        var trees = FormatTrees.Each("x12", input).ToList();

        Assert.Equal(["PO-1", "PO-2"], trees.Select(t => t.Tree!.Child("BEG")!.Child("BEG03")!.Value));
        Assert.All(trees, t => Assert.Contains(t.Diagnostics, d => d.Code == "x12.text.outside-interchange"));
        Assert.DoesNotContain(trees[0].Diagnostics, d => d.Severity == Severity.Error);
        Assert.Single(trees[1].Diagnostics, d => d.Severity == Severity.Error);
    }

    [Fact]
    public void ReadSets_CountsTheSets_AndGivesTheSameTrees_EachTimeItIsEnumerated()
    {
        var input = System.Text.Encoding.ASCII.GetBytes(Interchange.Replace("N", "1", StringComparison.Ordinal) + Interchange.Replace("N", "2", StringComparison.Ordinal));
        var sets = IntegrationHub.Formats.X12.X12DocumentTree.ReadSets(input);

        Assert.Equal(2, sets.Count);
        Assert.Equal(["PO-1", "PO-2"], sets.Select(set => set.Tree.Child("BEG")!.Child("BEG03")!.Value));
        Assert.Equal(["0001", "0001"], sets.Select(set => set.ControlNumber));
    }
}
