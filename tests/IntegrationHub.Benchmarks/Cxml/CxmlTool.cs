using System.Diagnostics;
using IntegrationHub.Mapping;
using IntegrationHub.Translation;

namespace IntegrationHub.Benchmarks.Cxml;

/// <summary>
/// A whole-process loop for counting instructions: <c>cxml orders FILE RUNS</c> reads FILE as cXML into its tree and runs
/// the default inbound map (as TranslationBenchmarks.CxmlToOrder) to warm up, then RUNS times, and prints the time per
/// document, the managed bytes allocated per document on this thread and the count of documents made. The warm-up is at
/// least 200 runs and 3 seconds: the runtime's tiered compiler instruments and recompiles the hot methods for about the
/// first two seconds, and a loop measured before it is done measures that (a long-running Host is past it).
/// </summary>
internal static class CxmlTool
{
    private const int WarmUp = 200;
    private static readonly TimeSpan WarmUpTime = TimeSpan.FromSeconds(3);

    public static int Run(string[] args)
    {
        if (args.Length < 2 || args[0] != "orders")
        {
            Console.Error.WriteLine("usage: cxml orders FILE [RUNS]");
            return 2;
        }

        var bytes = File.ReadAllBytes(args[1]);
        var runs = args.Length >= 3 && int.TryParse(args[2], out var n) && n >= 0 ? n : 1;
        var maps = FormatSchemas.Load(Path.Combine(Mapping.TranslationBenchmarks.Root(), "mappings"));
        var warming = Stopwatch.StartNew();
        for (var i = 0; i < WarmUp || (runs > 0 && warming.Elapsed < WarmUpTime); i++)
        {
            if (Translate(maps, bytes) is null) { Console.Error.WriteLine("the document does not translate"); return 2; }
        }

        var made = 0;
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < runs; i++)
        {
            if (Translate(maps, bytes) is not null) made++;
        }
        var seconds = watch.Elapsed.TotalSeconds;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        var per = Math.Max(runs, 1);
        Console.WriteLine($"orders\t{runs} runs\t{seconds * 1e6 / per:F1} µs/document\tallocated {allocated / per} bytes/document\t{made} documents");
        return 0;
    }

    private static object? Translate(MapLibrary maps, byte[] bytes)
    {
        var tree = FormatTrees.Read("cxml", bytes);
        return maps.Find("cxml", tree.DocumentType!, tree.Version, MapDirection.Inbound)!.Run(tree.Tree!).Document;
    }
}
