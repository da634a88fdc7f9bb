using BenchmarkDotNet.Attributes;
using IntegrationHub.Formats.Cxml;
using IntegrationHub.Mapping;
using IntegrationHub.Translation;

namespace IntegrationHub.Benchmarks.Mapping;

// TEMPORARY: where cXML → order time goes (read, tree, map).
[MemoryDiagnoser]
public class CxmlPhaseBenchmarks
{
    private byte[] _cxml = [];
    private MapLibrary _maps = null!;
    private CxmlDocument _document = null!;
    private IntegrationHub.Documents.DocumentNode _tree = null!;
    private InboundMap _map = null!;

    [GlobalSetup]
    public void Setup()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "IntegrationHub.sln"))) root = Path.GetDirectoryName(root)!;
        _maps = FormatSchemas.Load(Path.Combine(root, "mappings"));
        _cxml = File.ReadAllBytes(Path.Combine(root, "tests", "IntegrationHub.Engine.Tests", "Formats", "Cxml", "Samples", "OrderRequest.typical.xml"));
        _document = CxmlReader.Read(_cxml).Document!;
        _tree = CxmlDocumentTree.From(_document.Root);
        _map = _maps.Find("cxml", "OrderRequest", _document.Version, MapDirection.Inbound)!;
    }

    [Benchmark]
    public object? Read() => CxmlReader.Read(_cxml).Document;

    [Benchmark]
    public object Tree() => CxmlDocumentTree.From(_document.Root);

    [Benchmark]
    public object? Map() => _map.Run(_tree).Document;
}
