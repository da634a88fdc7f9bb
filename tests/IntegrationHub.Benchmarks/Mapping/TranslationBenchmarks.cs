using BenchmarkDotNet.Attributes;
using IntegrationHub.Benchmarks.X12;
using IntegrationHub.Mapping;
using IntegrationHub.Translation;

namespace IntegrationHub.Benchmarks.Mapping;

/// <summary>
/// Documents to canonical documents, end to end in the Engine: read the format into trees, run the default map. X12: a
/// generated 850 file of about 4 MiB (≈ 1,000 sets) per operation, each set's tree made just before its map runs, so MB/s = 4 / mean in seconds; cXML: the Engine tests'
/// typical OrderRequest per operation. Targets (issue 5): ≥ 50 MB/s and ≥ 10,000 documents/s.
/// </summary>
[MemoryDiagnoser]
public class TranslationBenchmarks
{
    private byte[] _x12 = [];
    private byte[] _cxml = [];
    private MapLibrary _maps = null!;

    [GlobalSetup]
    public void Setup()
    {
        var root = Root();
        _maps = FormatSchemas.Load(Path.Combine(root, "mappings"));
        using var generated = new MemoryStream();
        X12FileGenerator.Generate("850", generated, 4L << 20);
        _x12 = generated.ToArray();
        _cxml = File.ReadAllBytes(Path.Combine(root, "tests", "IntegrationHub.Engine.Tests", "Formats", "Cxml", "Samples", "OrderRequest.typical.xml"));
        if (X12ToOrders() == 0 || CxmlToOrder() is null) throw new InvalidOperationException("The inputs do not translate.");
    }

    [Benchmark]
    public int X12ToOrders()
    {
        var orders = 0;
        foreach (var tree in FormatTrees.Each("x12", _x12)) // as the translate job: one set's tree at a time
        {
            var map = _maps.Find("x12", tree.DocumentType!, tree.Version, MapDirection.Inbound)!;
            if (map.Run(tree.Tree!).Document is not null) orders++;
        }
        return orders;
    }

    [Benchmark]
    public object? CxmlToOrder()
    {
        var tree = FormatTrees.Read("cxml", _cxml);
        return _maps.Find("cxml", tree.DocumentType!, tree.Version, MapDirection.Inbound)!.Run(tree.Tree!).Document;
    }

    internal static string Root()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "IntegrationHub.sln"))) return folder.FullName;
        }
        throw new DirectoryNotFoundException("No IntegrationHub.sln above " + AppContext.BaseDirectory);
    }
}
