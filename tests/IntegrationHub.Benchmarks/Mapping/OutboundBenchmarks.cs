using BenchmarkDotNet.Attributes;
using IntegrationHub.Canonical;
using IntegrationHub.Mapping;
using IntegrationHub.Translation;
using IntegrationHub.Verification;

namespace IntegrationHub.Benchmarks.Mapping;

/// <summary>
/// Canonical documents to partner documents, end to end in the Engine: the outbound map, the writer and (X12) the read-back
/// validation. An order acknowledgment of 1,000 lines as an 855, and the golden sample acknowledgment as a cXML
/// ConfirmationRequest, per operation.
/// </summary>
[MemoryDiagnoser]
public class OutboundBenchmarks
{
    private MapLibrary _maps = null!;
    private OrderAcknowledgment _large = null!;
    private OrderAcknowledgment _sample = null!;

    [GlobalSetup]
    public void Setup()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "IntegrationHub.sln"))) root = Path.GetDirectoryName(root) ?? throw new DirectoryNotFoundException("No IntegrationHub.sln above the benchmarks.");
        _maps = FormatSchemas.Load(Path.Combine(root, "mappings"));
        _sample = CanonicalJson.Deserialize<OrderAcknowledgment>(File.ReadAllText(Path.Combine(root, "mappings", "defaults", "cxml", "confirmation-request.outbound.samples", "partly-backordered.json")));
        _large = _sample with
        {
            Lines = [.. Enumerable.Range(1, 1000).Select(i => _sample.Lines[i % _sample.Lines.Count] with { LineNumber = i.ToString(System.Globalization.CultureInfo.InvariantCulture) })],
        };
        if (AcknowledgmentTo855() == 0 || AcknowledgmentToConfirmationRequest() == 0) throw new InvalidOperationException("The documents do not translate.");
    }

    [Benchmark]
    public int AcknowledgmentTo855() =>
        OutboundTranslation.Write(_maps.FindOutbound("x12", "855", "004010")!, _large, OutboundGolden.SamplePartner, OutboundGolden.Envelope).Output?.Length ?? 0;

    [Benchmark]
    public int AcknowledgmentToConfirmationRequest() =>
        OutboundTranslation.Write(_maps.FindOutbound("cxml", "ConfirmationRequest", null)!, _sample, OutboundGolden.SamplePartner, OutboundGolden.Envelope).Output?.Length ?? 0;
}
