using BenchmarkDotNet.Attributes;
using IntegrationHub.Benchmarks.X12;
using IntegrationHub.Formats.X12;
using IntegrationHub.Mapping;
using IntegrationHub.Translation;

namespace IntegrationHub.Benchmarks.Mapping;

/// <summary>
/// The X12 half of <see cref="TranslationBenchmarks"/> cut into cumulative stages over the same generated 850 file
/// (≈ 4 MiB): each method does what the one before it does and one stage more, so the difference of two rows is the
/// cost of one stage. Read: tokenize and read the sets (segments kept). Validate: and validate each set, no tree.
/// Trees: the sets as document trees (<see cref="X12SetTrees.InTurn"/>, one set's tree at a time, each read into the
/// segments and nodes of the last, as <see cref="Translation.FormatTrees.Each"/> reads them). FormatTrees:
/// and their diagnostics as the maps' callers get them. Orders: and the default map run (the records made).
/// </summary>
[MemoryDiagnoser]
public class X12MappingStages
{
    private byte[] _x12 = [];
    private MapLibrary _maps = null!;

    [GlobalSetup]
    public void Setup()
    {
        _maps = FormatSchemas.Load(Path.Combine(TranslationBenchmarks.Root(), "mappings"));
        using var generated = new MemoryStream();
        X12FileGenerator.Generate("850", generated, 4L << 20);
        _x12 = generated.ToArray();
    }

    [Benchmark]
    public int Read()
    {
        var sets = 0;
        foreach (var unit in new X12Reader(new MemoryStream(_x12, writable: false)).Read())
        {
            if (unit is X12TransactionSet) sets++;
        }
        return sets;
    }

    [Benchmark]
    public int Validate()
    {
        var validator = new X12SetValidator(X12SpecLibrary.Embedded);
        var accepted = 0;
        foreach (var unit in new X12Reader(new MemoryStream(_x12, writable: false)).Read())
        {
            if (unit is X12TransactionSet set && validator.Validate(set, buildTree: false).Accepted) accepted++;
        }
        return accepted;
    }

    [Benchmark]
    public int Trees() => X12DocumentTree.ReadSets(_x12).InTurn().Count(set => set.Tree is not null);

    [Benchmark]
    public int FormatTrees() => Translation.FormatTrees.Each("x12", _x12).Count(tree => tree.Tree is not null);

    [Benchmark]
    public int Orders()
    {
        var orders = 0;
        foreach (var tree in Translation.FormatTrees.Each("x12", _x12))
        {
            var map = _maps.Find("x12", tree.DocumentType!, tree.Version, MapDirection.Inbound)!;
            if (map.Run(tree.Tree!).Document is not null) orders++;
        }
        return orders;
    }
}
