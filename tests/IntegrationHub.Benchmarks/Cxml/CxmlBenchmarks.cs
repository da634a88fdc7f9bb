using System.Xml;
using BenchmarkDotNet.Attributes;
using IntegrationHub.Formats.Cxml;

namespace IntegrationHub.Benchmarks.Cxml;

/// <summary>
/// A typical 20-line OrderRequest (the Engine tests' Samples/OrderRequest.typical.xml): read into the model, written back,
/// and a bare XmlReader pass over the same bytes as the floor. Targets in docs/benchmarks.md.
/// </summary>
[MemoryDiagnoser]
public class CxmlBenchmarks
{
    private byte[] _bytes = [];
    private CxmlDocument _document = null!;

    [GlobalSetup]
    public void Setup()
    {
        _bytes = File.ReadAllBytes(SamplePath());
        _document = CxmlReader.Read(_bytes).Document ?? throw new InvalidOperationException("The sample does not read.");
    }

    /// <summary>The floor: every node, attribute and text of the same bytes, with the same safe settings, building nothing.</summary>
    [Benchmark(Baseline = true)]
    public int BareXmlReader()
    {
        // The reader's own settings (SafeXml), name table included, so the floor differs from reading only by what reading builds.
        using var reader = XmlReader.Create(new MemoryStream(_bytes, writable: false), SafeXml.ReaderSettings(CxmlReaderOptions.Default));
        var characters = 0;
        while (reader.Read())
        {
            characters += reader.Name.Length;
            if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA) characters += reader.Value.Length;
            if (!reader.MoveToFirstAttribute()) continue;
            do characters += reader.Value.Length;
            while (reader.MoveToNextAttribute());
        }
        return characters;
    }

    [Benchmark]
    public object? ReadIntoModel() => CxmlReader.Read(_bytes).Document?.Model;

    [Benchmark]
    public int Write() => CxmlWriter.Write(_document).Length;

    private static string SamplePath()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "tests", "IntegrationHub.Engine.Tests", "Formats", "Cxml", "Samples", "OrderRequest.typical.xml");
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException("OrderRequest.typical.xml not found above " + AppContext.BaseDirectory);
    }
}
