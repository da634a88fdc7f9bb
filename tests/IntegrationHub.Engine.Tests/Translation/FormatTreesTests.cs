using IntegrationHub.Canonical;
using IntegrationHub.Documents;
using IntegrationHub.Mapping;
using IntegrationHub.Support;
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

        // Each tree is read before the next is asked for, as Each wants.
        var trees = FormatTrees.Each("x12", input).Select(t => (t.Diagnostics, Number: t.Tree!.Child("BEG")!.Child("BEG03")!.Value)).ToList();

        Assert.Equal(["PO-1", "PO-2"], trees.Select(t => t.Number));
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

    [Fact]
    public void Each_RefusesToReadATreeItHasPassed_InsteadOfGivingTheNextSetsData()
    {
        var input = System.Text.Encoding.ASCII.GetBytes(Interchange.Replace("N", "1", StringComparison.Ordinal) + Interchange.Replace("N", "2", StringComparison.Ordinal));
        using var trees = FormatTrees.Each("x12", input).GetEnumerator();
        Assert.True(trees.MoveNext());
        var first = trees.Current.Tree!;
        Assert.Equal("PO-1", first.Child("BEG")!.Child("BEG03")!.Value);

        Assert.True(trees.MoveNext());

        Assert.Equal("PO-2", trees.Current.Tree!.Child("BEG")!.Child("BEG03")!.Value);
        var refused = Assert.Throws<InvalidOperationException>(() => first.Child("BEG"));
        Assert.Contains("until the next set was asked for", refused.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => first.Children);
        // ReadAll keeps every tree.
        Assert.Equal(["PO-1", "PO-2"], FormatTrees.ReadAll("x12", input).Select(t => t.Tree!.Child("BEG")!.Child("BEG03")!.Value));
    }

    /// <summary>
    /// Each reads every set into the segments, segment nodes and loop nodes of the sets before it: the trees, and what the
    /// default maps make of them, must be those of ReadAll, which reuses nothing. The input is every X12 sample of the
    /// mappings (850, 855, 856, 810, 860 in both versions, good and broken), twice, the second time in reverse order, so
    /// that each shape of set is read into the leftovers of others.
    /// </summary>
    [Fact]
    public void Each_GivesTheTreesAndTranslationsOfReadAll_ThoughItReusesTheirSegmentsAndLoops()
    {
        var files = Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "mappings"), "*.edi", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal).ToList();
        Assert.True(files.Count >= 15, $"only {files.Count} X12 samples in mappings/");
        var input = files.Concat(Enumerable.Reverse(files)).SelectMany(file => File.ReadAllBytes(file).Append((byte)'\n')).ToArray();
        var library = FormatSchemas.Load(Path.Combine(RepositoryPaths.Root, "mappings"));

        var kept = FormatTrees.ReadAll("x12", input).Select(tree => Describe(tree, library)).ToList();
        var inTurn = FormatTrees.Each("x12", input).Select(tree => Describe(tree, library)).ToList();

        Assert.True(kept.Count > files.Count, $"{kept.Count} sets in {2 * files.Count} interchanges");
        Assert.Equal(kept.Count, inTurn.Count);
        for (var i = 0; i < kept.Count; i++) Assert.Equal(kept[i], inTurn[i]);
    }

    // Every node of the tree with its value and offset, then the default inbound map's document and diagnostics.
    private static string Describe(FormatTree tree, MapLibrary library)
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine($"{tree.DocumentType} {tree.Version}: {string.Join("; ", tree.Diagnostics)}");
        if (tree.Tree is null) return text.ToString();
        // The map first, on a tree no walk has made nodes in yet: it reads elements from the segments' bytes.
        if (library.Find("x12", tree.DocumentType!, tree.Version, MapDirection.Inbound) is { } map)
        {
            var (document, diagnostics) = map.Run(tree.Tree);
            text.AppendLine(document is null ? "no document" : System.Text.Json.JsonSerializer.Serialize(document, map.Produces, CanonicalJson.Options));
            text.AppendLine(string.Join("; ", diagnostics));
        }
        Walk(tree.Tree, 0);
        return text.ToString();

        void Walk(DocumentNode node, int depth)
        {
            text.Append(' ', depth).Append(node.Name).Append('@').Append(node.Position.Offset).Append('=').AppendLine(node.Value);
            foreach (var child in node.Children) Walk(child, depth + 1);
        }
    }
}
