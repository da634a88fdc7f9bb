using IntegrationHub.Benchmarks.X12;
using IntegrationHub.Documents;
using IntegrationHub.Formats.X12;
using IntegrationHub.Support;

namespace IntegrationHub.Engine.Tests.Formats.X12;

/// <summary>
/// The document tree the validator builds as it places each segment (<see cref="X12TreeKind.Document"/>) against its
/// loop tree (<see cref="X12TreeKind.Loops"/>) laid out as nodes afterwards: the same nodes in the same order, the same
/// findings, for well-formed sets, sets whose segments are out of place, sets without a spec and the corpus.
/// </summary>
public sealed class X12WalkTreeTests
{
    [Theory]
    [InlineData("850")]
    [InlineData("810")]
    [InlineData("856")]
    public void GeneratedFiles_GiveTheLoopTree(string kind)
    {
        using var generated = new MemoryStream();
        X12FileGenerator.Generate(kind, generated, 64 << 10);

        var compared = AssertSameTrees(generated.ToArray());

        Assert.True(compared >= 5, $"only {compared} sets compared");
    }

    [Fact]
    public void MisplacedAndUnknownSegments_LandWhereTheLoopTreePutsThem()
    {
        var text = X12Samples.Isa4010 + "\nGS*PO*BUYER*SUPPLIER*20240101*1200*1*X*004010~\n" +
            "ST*850*0001~\nPO1*1*2*EA*3**VP*A~\nBEG*00*SA*PO-1**20240101~\nZZZ*1~\nN1*ST*STORE~\nPO1*2*1*EA*1~\nPID*F****X~\nN1*BT*B~\nCTT*2~\nSE*10*0001~\n" +
            "ST*999*0002~\nAK1*PO*1~\nSE*3*0002~\n" +
            "ST*850*0003~\nSE*2*0003~\nGE*3*1~\nIEA*1*000000001~\n";

        Assert.Equal(3, AssertSameTrees(X12Samples.Bytes(text)));
    }

    [Fact]
    public void TheCorpus_GivesTheLoopTree()
    {
        var corpus = RepositoryPaths.CorpusOrSkip("x12");
        var compared = 0;
        foreach (var file in Directory.EnumerateFiles(corpus, "*.edi").Order(StringComparer.Ordinal)) compared += AssertSameTrees(File.ReadAllBytes(file));
        Assert.True(compared >= 25, $"only {compared} corpus sets compared");
    }

    [Fact]
    public void ASegmentRefilledForALaterSet_ReadsTheLaterSetsElements()
    {
        var text = X12Samples.Isa4010 + "\nGS*PO*BUYER*SUPPLIER*20240101*1200*1*X*004010~\n" +
            "ST*850*0001~\nBEG*00*SA*FIRST**20240101~\nSE*3*0001~\nST*850*0002~\nBEG*00*SA*SECOND*X*20240102~\nSE*3*0002~\nGE*2*1~\nIEA*1*000000001~\n";
        var reader = new X12Reader(X12Samples.Stream(text)) { ReuseSetSegments = true };
        var values = new List<string?>();
        X12Segment? first = null;
        foreach (var set in reader.Read().OfType<X12TransactionSet>())
        {
            var beg = set.Segments[1];
            first ??= beg;
            var node = X12DocumentTree.SegmentNode(beg);
            values.Add(DocumentPath.Parse("BEG03").Value(node));
            values.Add(DocumentPath.Parse("BEG03").Value(node)); // read twice: kept
            values.Add(node.Child("BEG04")?.Value);
        }

        Assert.Equal(["FIRST", "FIRST", "", "SECOND", "SECOND", "X"], values);
    }

    /// <summary>Validates every set of the input both ways and compares; returns how many sets were compared.</summary>
    private static int AssertSameTrees(byte[] input)
    {
        var loops = new X12SetValidator(X12SpecLibrary.Embedded);
        var walked = new X12SetValidator(X12SpecLibrary.Embedded);
        var compared = 0;
        foreach (var set in new X12Reader(new MemoryStream(input, writable: false)).Read().OfType<X12TransactionSet>())
        {
            var expected = loops.Validate(set, X12TreeKind.Loops);
            var actual = walked.Validate(set, X12TreeKind.Document);
            Assert.Equal(expected.Findings, actual.Findings);
            Assert.Equal(Shape(expected.Tree, set.SetId), Shape(actual.Document!));
            compared++;
        }
        return compared;
    }

    // The tree as lines: each node's depth, name and offset, in document order (a loop node has no offset of its own).
    private static List<string> Shape(X12Loop loop, string name)
    {
        var lines = new List<string>();
        Walk(loop, name, 0);
        return lines;

        void Walk(X12Loop at, string atName, int depth)
        {
            lines.Add($"{depth} {atName} 0");
            foreach (var item in at.Items)
            {
                if (item.Segment is { } segment) lines.Add($"{depth + 1} {segment.Id} {segment.Offset} {segment.Count}");
                else Walk(item.Loop!, item.Loop!.Id.EndsWith("Loop", StringComparison.Ordinal) ? item.Loop.Id : item.Loop.Id + "Loop", depth + 1);
            }
        }
    }

    private static List<string> Shape(DocumentNode root)
    {
        var lines = new List<string>();
        Walk(root, 0);
        return lines;

        void Walk(DocumentNode node, int depth)
        {
            if (node.Leaves is { } leaves)
            {
                lines.Add($"{depth} {node.Name} {node.Position.Offset} {leaves.Count}");
                return;
            }
            lines.Add($"{depth} {node.Name} {node.Position.Offset}");
            foreach (var child in node.Children) Walk(child, depth + 1);
        }
    }
}
