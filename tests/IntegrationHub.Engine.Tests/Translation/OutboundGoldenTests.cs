using System.Text.Json;
using IntegrationHub.Canonical;
using IntegrationHub.Documents;
using IntegrationHub.Formats.Cxml;
using IntegrationHub.Mapping;
using IntegrationHub.Partners;
using IntegrationHub.Support;
using IntegrationHub.Translation;
using IntegrationHub.Verification;

namespace IntegrationHub.Engine.Tests.Translation;

/// <summary>
/// Beyond matching its expected file, every outbound sample must be a document the other side accepts: cXML valid
/// against its DTD, X12 read back by our own reader without errors; and, where an inbound map reads the same document,
/// reading the output back gives the canonical input again.
/// </summary>
public sealed class OutboundGoldenTests
{
    private static readonly string Folder = Path.Combine(RepositoryPaths.Root, "mappings");
    private static readonly Lazy<MapLibrary> Library = new(() => FormatSchemas.Load(Folder));

    public static TheoryData<string> Cases() =>
        [.. GoldenCases.Discover(Folder, Library.Value).Where(c => Library.Value.OutboundMaps.ContainsKey(c.MapId)).Select(c => c.ToString())];

    [Fact]
    public void OutboundMaps_HaveSamples() => Assert.True(Cases().Count >= 2);

    [Theory]
    [MemberData(nameof(Cases))]
    public void OutboundSample_IsValidAndReadsBackToItsInput(string name)
    {
        var golden = GoldenCases.Discover(Folder, Library.Value).Single(c => c.ToString() == name);
        var map = Library.Value.OutboundMaps[golden.MapId];
        var input = File.ReadAllText(golden.InputFile);
        var document = JsonSerializer.Deserialize(input, map.Consumes, CanonicalJson.Options)!;

        var result = OutboundTranslation.Write(map, document, OutboundGolden.SamplePartner, OutboundGolden.Envelope);
        if (File.Exists(golden.ExpectedFile) && File.ReadAllText(golden.ExpectedFile).StartsWith("# error", StringComparison.Ordinal))
        {
            // A sample of bad input: it must be refused, with the diagnostics its expected file lists.
            Assert.Null(result.Output);
            Assert.Contains(result.Diagnostics, d => d.Severity == Severity.Error);
            return;
        }

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var output = result.Output!;
        if (map.Header.Format == "oci")
        {
            // No inbound map reads OCI carts yet: the form must read back, every item with its fields.
            var cart = IntegrationHub.Formats.Oci.OciCartReader.Read(System.Text.Encoding.UTF8.GetString(output));
            Assert.Empty(cart.Diagnostics);
            Assert.Equal(((Cart)document).Lines.Count, cart.Cart.Items.Count);
            Assert.All(cart.Cart.Items.Zip(((Cart)document).Lines), pair => Assert.Equal(pair.Second.Quantity, pair.First.Quantity));
            return;
        }
        if (map.Header.Format == "cxml") Assert.Empty(CxmlDtdValidator.Validate(output));
        var tree = FormatTrees.Read(map.Header.Format, output);
        Assert.True(tree.Readable, string.Join("\n", tree.Diagnostics));
        Assert.Empty(tree.Diagnostics);
        var inbound = Library.Value.Find(map.Header.Format, tree.DocumentType!, tree.Version, MapDirection.Inbound);
        if (inbound is null) return; // no reading of this document: nothing to go round with
        var (back, diagnostics) = inbound.Run(tree.Tree!);
        Assert.True(back is not null, string.Join("\n", diagnostics));
        Assert.Equal(Normalize(input, map.Consumes), JsonSerializer.Serialize(back, inbound.Produces, CanonicalJson.Options));
    }

    private static string Normalize(string json, Type type) =>
        JsonSerializer.Serialize(JsonSerializer.Deserialize(json, type, CanonicalJson.Options), type, CanonicalJson.Options);
}
