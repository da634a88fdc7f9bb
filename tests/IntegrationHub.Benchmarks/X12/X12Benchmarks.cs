using BenchmarkDotNet.Attributes;
using IntegrationHub.Formats.X12;

namespace IntegrationHub.Benchmarks.X12;

/// <summary>
/// Tokenizing, validating and writing generated 004010 files of about 64 MB each (850, 810, 856), read from a file
/// in the page cache. Throughput is the file size over the mean time.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class X12Benchmarks
{
    private const int Megabytes = 64;
    private string _path = "";
    private X12OutInterchange? _model;

    [Params("850", "810", "856")]
    public string Kind { get; set; } = "850";

    [GlobalSetup]
    public void Setup()
    {
        _path = Path.Combine(Path.GetTempPath(), $"hub-x12-bench-{Kind}-{Megabytes}.edi");
        if (!File.Exists(_path))
        {
            using var file = File.Create(_path);
            X12FileGenerator.Generate(Kind, file, (long)Megabytes << 20);
        }
        _model = X12Workloads.ModelOf(_path).Interchange;
    }

    [Benchmark]
    public long Tokenize()
    {
        using var input = File.OpenRead(_path);
        return X12Workloads.Tokenize(input).Elements;
    }

    [Benchmark]
    public int Validate()
    {
        using var input = File.OpenRead(_path);
        return X12Validation.Validate(input, Stream.Null, new X12ValidationOptions { MaxDiagnostics = 100 }).SetsAccepted;
    }

    [Benchmark]
    public long Write()
    {
        var output = new CountingStream();
        X12Workloads.Write(_model!, output);
        return output.Length;
    }
}
