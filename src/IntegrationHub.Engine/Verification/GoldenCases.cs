using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Canonical;
using IntegrationHub.Mapping;
using IntegrationHub.Translation;

namespace IntegrationHub.Verification;

/// <summary>
/// One golden sample of a map: an input document beside the output it must give. For the map
/// <c>defaults/cxml/order-request.inbound.map.yaml</c> the samples are in <c>defaults/cxml/order-request.inbound.samples/</c>:
/// <c>NAME.xml</c> (or <c>.edi</c>, <c>.html</c>) and <c>NAME.expected.json</c>. An outbound map's samples are
/// <c>NAME.json</c> and <c>NAME.expected.edi</c> or <c>.xml</c> (see <see cref="OutboundGolden"/>).
/// </summary>
public sealed record GoldenCase(string MapId, string Name, string InputFile, string ExpectedFile)
{
    /// <inheritdoc />
    public override string ToString() => $"{MapId}/{Name}";
}

/// <summary>How one golden case came out: the output it gave, and whether that is the expected one.</summary>
public sealed record GoldenOutcome(GoldenCase Case, string Actual, string? Expected)
{
    public bool Passed => Expected is not null && Normalize(Expected) == Normalize(Actual);

    internal static string Normalize(string text) => text.ReplaceLineEndings("\n").TrimEnd() + "\n";
}

/// <summary>Finds, runs and approves the golden samples of every map in a mappings folder.</summary>
public static class GoldenCases
{
    private const string ExpectedSuffix = ".expected.json";

    /// <summary>Every case of every map the library holds, optionally of one partner only.</summary>
    public static IReadOnlyList<GoldenCase> Discover(string mappingsFolder, MapLibrary library, string? partner = null)
    {
        var cases = new List<GoldenCase>();
        foreach (var id in library.Maps.Keys.Order(StringComparer.Ordinal))
        {
            if (partner is not null && !id.StartsWith($"partners/{partner}/", StringComparison.Ordinal)) continue;
            var samples = library.SamplesFolderOf(id);
            if (!Directory.Exists(samples)) continue;
            foreach (var input in Directory.EnumerateFiles(samples).Where(f => !f.EndsWith(ExpectedSuffix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileNameWithoutExtension(input);
                cases.Add(new GoldenCase(id, name, input, Path.Combine(samples, name + ExpectedSuffix)));
            }
        }
        foreach (var id in library.OutboundMaps.Keys.Order(StringComparer.Ordinal))
        {
            if (partner is not null && !id.StartsWith($"partners/{partner}/", StringComparison.Ordinal)) continue;
            var mapFile = Path.Combine(mappingsFolder, library.FileOf(id));
            var samples = mapFile[..^".map.yaml".Length] + ".samples";
            if (!Directory.Exists(samples)) continue;
            foreach (var input in Directory.EnumerateFiles(samples, "*.json").Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileNameWithoutExtension(input);
                cases.Add(new GoldenCase(id, name, input, OutboundGolden.ExpectedFile(samples, name, library.OutboundMaps[id].Header.Format)));
            }
        }
        return cases;
    }

    /// <summary>
    /// Runs one case: reads the input in the map's format, runs the map, and renders the outcome as JSON; an outbound
    /// case writes its canonical input in the map's format (to its partner from <paramref name="partners"/>, for a partner's map).
    /// </summary>
    public static GoldenOutcome Run(GoldenCase golden, MapLibrary library, Partners.PartnerRegistry? partners = null)
    {
        if (library.OutboundMaps.TryGetValue(golden.MapId, out var outbound))
        {
            var written = OutboundGolden.Run(golden, outbound, partners);
            return new GoldenOutcome(golden, written, File.Exists(golden.ExpectedFile) ? File.ReadAllText(golden.ExpectedFile) : null);
        }
        var map = library.Maps[golden.MapId];
        var tree = FormatTrees.Read(map.Header.Format, File.ReadAllBytes(golden.InputFile));
        string actual;
        if (tree.Tree is null)
        {
            actual = Diagnostics(tree.Diagnostics.Select(d => d.ToString()));
        }
        else
        {
            var (document, diagnostics) = map.Run(tree.Tree);
            var findings = tree.Diagnostics.Concat(diagnostics).Select(d => d.ToString()).ToList();
            actual = document is null ? Diagnostics(findings) : Document(document, map.Produces, findings);
        }
        var expected = File.Exists(golden.ExpectedFile) ? File.ReadAllText(golden.ExpectedFile) : null;
        return new GoldenOutcome(golden, actual, expected);
    }

    /// <summary>Makes the case's current output its expected output.</summary>
    public static void Approve(GoldenOutcome outcome) =>
        File.WriteAllText(outcome.Case.ExpectedFile, GoldenOutcome.Normalize(outcome.Actual));

    // A document that came with findings (warnings, or the format reader's errors such as a wrong X12 count) carries
    // them, so a golden file shows them too.
    private static string Document(object document, Type type, IReadOnlyList<string> findings)
    {
        if (findings.Count == 0) return JsonSerializer.Serialize(document, type, CanonicalJson.Options);
        var node = JsonSerializer.SerializeToNode(document, type, CanonicalJson.Options)!.AsObject();
        node.Add("_diagnostics", new JsonArray([.. findings.Select(f => (JsonNode)f)]));
        return node.ToJsonString(CanonicalJson.Options);
    }

    private static string Diagnostics(IEnumerable<string> findings) =>
        new JsonObject { ["_diagnostics"] = new JsonArray([.. findings.Select(f => (JsonNode)f)]) }.ToJsonString(CanonicalJson.Options);
}
