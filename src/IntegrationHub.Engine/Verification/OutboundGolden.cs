using System.Text;
using System.Text.Json;
using IntegrationHub.Canonical;
using IntegrationHub.Formats.Cxml;
using IntegrationHub.Formats.Oci;
using IntegrationHub.Formats.X12;
using IntegrationHub.Mapping;
using IntegrationHub.Partners;
using IntegrationHub.Translation;

namespace IntegrationHub.Verification;

/// <summary>
/// The golden samples of outbound maps: <c>NAME.json</c> (a canonical document) beside <c>NAME.expected.edi</c> (X12) or
/// <c>NAME.expected.xml</c> (cXML). They are written with fixed envelope values (<see cref="Envelope"/>) to a sample partner
/// (<see cref="SamplePartner"/>), or to the map's own partner for a partner's map, so the output is the same on every run.
/// An OCI cart map's expected output is <c>NAME.expected.html</c>, the form returned to the sample HOOK_URL.
/// </summary>
public static class OutboundGolden
{
    /// <summary>The envelope of every sample: one instant, control numbers 1, the hub as <c>ZZ HUBSUPPLIER</c> and <c>NetworkID AN-HUB-SUPPLIER</c>.</summary>
    public static OutboundEnvelope Envelope { get; } = new(
        new X12EnvelopeValues("ZZ", "HUBSUPPLIER", "HUBSUPPLIER", new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero), 1, 1, "0001"),
        new CxmlEnvelopeValues("20261201120000.golden@hub.example", new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero),
            [new CxmlCredential("NetworkID", null, "AN-HUB-SUPPLIER", null, false)],
            [new CxmlCredential("NetworkID", null, "AN-HUB-SUPPLIER", null, false)], "IntegrationHub"),
        new OciLoginRequest("https://buyer.example/oci/hook", "buyer", null, "_top", "ADDI", null, OciVersion.V40, OciFunction.Login, null, null, null,
            new Dictionary<string, string>()));

    /// <summary>The partner samples of default maps are written to: <c>ZZ GOLDENBUYER</c>, <c>NetworkID AN-GOLDEN-BUYER</c>, the default delimiters.</summary>
    public static Partner SamplePartner { get; } = new()
    {
        Id = "sample-buyer",
        Name = "Sample Buyer",
        X12 = [new X12Identity("ZZ", "GOLDENBUYER", "GOLDENBUYER", PartnerEnvironment.Production)],
        Cxml = [new CxmlIdentity("NetworkID", "AN-GOLDEN-BUYER", null, PartnerEnvironment.Production)],
        X12Settings = new X12Settings(),
    };

    internal static string ExpectedFile(string samples, string name, string format) =>
        Path.Combine(samples, $"{name}.expected.{format switch { "x12" => "edi", "oci" => "html", _ => "xml" }}");

    /// <summary>Runs one outbound case: the canonical input through the map and the format's writer; the bytes, or the diagnostics.</summary>
    internal static string Run(GoldenCase golden, OutboundMap map, PartnerRegistry? partners)
    {
        object document;
        try
        {
            document = JsonSerializer.Deserialize(File.ReadAllText(golden.InputFile), map.Consumes, CanonicalJson.Options)
                ?? throw new JsonException("the file holds no document");
        }
        catch (JsonException ex)
        {
            return $"# error translate.input.invalid: {Path.GetFileName(golden.InputFile)} is not a {map.Header.Produces}: {ex.Message}\n";
        }
        var partner = SamplePartner;
        if (golden.MapId.StartsWith("partners/", StringComparison.Ordinal))
            partner = partners?.Find(golden.MapId.Split('/')[1]) ?? SamplePartner;
        var result = OutboundTranslation.Write(map, document, partner, Envelope);
        var text = new StringBuilder();
        if (result.Output is not null) text.Append(Encoding.UTF8.GetString(result.Output));
        // Findings are listed after the output, one per line, as comments.
        foreach (var diagnostic in result.Diagnostics) text.Append(text.Length > 0 && text[^1] != '\n' ? "\n" : "").Append("# ").Append(diagnostic).Append('\n');
        return text.ToString();
    }
}
