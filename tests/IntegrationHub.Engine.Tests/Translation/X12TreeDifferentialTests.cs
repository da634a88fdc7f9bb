using System.Text.Json;
using IntegrationHub.Benchmarks.X12;
using IntegrationHub.Canonical;
using IntegrationHub.Documents;
using IntegrationHub.Engine.Tests.Formats.X12;
using IntegrationHub.Mapping;
using IntegrationHub.Support;
using IntegrationHub.Translation;
using IntegrationHub.Verification;

namespace IntegrationHub.Engine.Tests.Translation;

/// <summary>
/// The X12 tree maps read (elements as leaves over the segment's bytes) against the plain tree (<see cref="ReferenceX12Tree"/>,
/// every element a node with its value): every inbound X12 map must give the same document and the same diagnostics,
/// positions and paths included, on both, for every golden sample, every corpus file and large generated files.
/// </summary>
public sealed class X12TreeDifferentialTests
{
    private static readonly string Mappings = Path.Combine(RepositoryPaths.Root, "mappings");
    private static readonly Lazy<MapLibrary> Library = new(() => FormatSchemas.Load(Mappings));

    public static TheoryData<string> GoldenSamples() =>
    [
        .. GoldenCases.Discover(Mappings, Library.Value)
            .Where(c => Library.Value.Maps.TryGetValue(c.MapId, out var map) && map.Header.Format == "x12")
            .Select(c => c.ToString()),
    ];

    [Theory]
    [MemberData(nameof(GoldenSamples))]
    public void GoldenSample_MapsTheSame_OnBothTrees(string name)
    {
        var golden = GoldenCases.Discover(Mappings, Library.Value).Single(c => c.ToString() == name);
        var map = Library.Value.Maps[golden.MapId];

        var compared = AssertSameOutput(File.ReadAllBytes(golden.InputFile), (_, _) => map);

        Assert.NotEqual(0, compared);
    }

    [Fact]
    public void CorpusFiles_MapTheSame_OnBothTrees()
    {
        var corpus = RepositoryPaths.CorpusOrSkip("x12");
        var compared = 0;
        foreach (var file in Directory.EnumerateFiles(corpus, "*.edi").Order(StringComparer.Ordinal))
        {
            compared += AssertSameOutput(File.ReadAllBytes(file), (type, version) => Library.Value.Find("x12", type, version, MapDirection.Inbound));
        }
        Assert.True(compared >= 25, $"only {compared} corpus sets had a map to compare");
    }

    [Theory]
    [InlineData("850")]
    [InlineData("810")]
    [InlineData("856")]
    public void GeneratedFiles_MapTheSame_OnBothTrees(string kind)
    {
        using var generated = new MemoryStream();
        X12FileGenerator.Generate(kind, generated, 256 << 10);

        var compared = AssertSameOutput(generated.ToArray(), (type, version) => Library.Value.Find("x12", type, version, MapDirection.Inbound));

        Assert.True(compared >= 20, $"only {compared} generated {kind} sets compared");
    }

    [Theory]
    [InlineData("12", "9.50")]
    [InlineData("12A", "9.50")] // not a number
    [InlineData("1.5", "-0.25")]
    [InlineData("+3", "1,5")] // a comma is not a decimal point
    [InlineData("99999999999999999999999999999999999999", "1")] // too large for a decimal
    [InlineData("1.00000000000000000000000000000000000001", "1")] // longer than a number read without a string
    [InlineData(" 4", "1")]
    public void NumbersReadFromElements_AreTheSame_OnBothTrees(string quantity, string price)
    {
        var text = "ISA*00*          *00*          *ZZ*BUYER          *ZZ*SUPPLIER       *240101*1200*U*00401*000000001*0*P*>~\n" +
            "GS*PO*BUYER*SUPPLIER*20240101*1200*1*X*004010~\nST*850*0001~\nBEG*00*SA*PO-1**20240101~\n" +
            $"PO1*1*{quantity}*EA*{price}**VP*A-1~\nCTT*1~\nSE*5*0001~\nGE*1*1~\nIEA*1*000000001~\n";

        var compared = AssertSameOutput(System.Text.Encoding.Latin1.GetBytes(text), (type, version) => Library.Value.Find("x12", type, version, MapDirection.Inbound));

        Assert.Equal(1, compared);
    }

    /// <summary>Runs each set's map on both trees and compares the results; returns how many sets had a map.</summary>
    private static int AssertSameOutput(byte[] input, Func<string, string?, InboundMap?> mapFor)
    {
        var trees = FormatTrees.ReadAll("x12", input).Where(t => t.Tree is not null).ToList();
        var references = ReferenceX12Tree.Read(input);
        Assert.Equal(references.Count, trees.Count);
        var compared = 0;
        for (var i = 0; i < trees.Count; i++)
        {
            if (mapFor(trees[i].DocumentType!, trees[i].Version) is not { } map) continue;
            Assert.Equal(Outcome(map, references[i]), Outcome(map, trees[i].Tree!));
            compared++;
        }
        return compared;
    }

    private static string Outcome(InboundMap map, DocumentNode tree)
    {
        var (document, diagnostics) = map.Run(tree);
        var found = diagnostics.Select(d => $"{d} [{d.Position.Offset} {d.Position.Path}]");
        return (document is null ? "(none)" : JsonSerializer.Serialize(document, map.Produces, CanonicalJson.Options)) + "\n" + string.Join("\n", found);
    }
}
