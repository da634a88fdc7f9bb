using System.Diagnostics;
using IntegrationHub.Formats.X12;

namespace IntegrationHub.Benchmarks.X12;

/// <summary>
/// Whole-process runs for the comparison script: <c>x12 generate KIND FILE MEGABYTES</c>, and <c>x12 tokenize|read|validate|validate-ahead|orders|write FILE [RUNS]</c>,
/// each printing one line: operation, bytes, seconds (of the last run), MB/s, peak working set, what it did, managed bytes
/// allocated by the process and, with RUNS above 1, the best run's CPU and wall-clock times.
/// </summary>
internal static class X12Tool
{
    public static int Run(string[] args)
    {
        if (args.Length >= 4 && args[0] == "generate")
        {
            using var file = File.Create(args[2]);
            var bytes = X12FileGenerator.Generate(args[1], file, long.Parse(args[3]) << 20);
            Console.WriteLine($"generated {args[1]} {bytes} bytes into {args[2]}");
            return 0;
        }
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: x12 generate 850|810|856 FILE MEGABYTES | x12 tokenize|read|validate|validate-ahead|orders|write FILE [RUNS]");
            return 2;
        }

        var path = args[1];
        // An optional run count: the workload runs that many times in this process and the best run's CPU time is
        // printed too, which under load from other processes says more than the wall clock (the first run pays for JIT).
        var runs = args.Length >= 3 && int.TryParse(args[2], out var n) && n > 0 ? n : 1;
        X12OutInterchange? model = args[0] == "write" ? X12Workloads.ModelOf(path).Interchange : null;
        // orders: the file is read into memory once, before the runs, as the translate job and TranslationBenchmarks
        // hand the Engine bytes already in memory; reading a 64 MB file was about a tenth of each run.
        var input = args[0] == "orders" ? File.ReadAllBytes(path) : null;
        var watch = Stopwatch.StartNew();
        long processed = 0;
        var detail = "";
        var bestCpu = TimeSpan.MaxValue;
        var bestWall = TimeSpan.MaxValue;
        for (var run = 0; run < runs; run++)
        {
            watch.Restart();
            var cpuBefore = ProcessorTime();
            if (!RunOnce(args[0], path, model, input, out processed, out detail)) return 2;
            var cpu = ProcessorTime() - cpuBefore;
            if (cpu < bestCpu) bestCpu = cpu;
            if (watch.Elapsed < bestWall) bestWall = watch.Elapsed;
        }

        var seconds = watch.Elapsed.TotalSeconds;
        using var self = Process.GetCurrentProcess();
        // A workload that reads ahead on a second thread uses more CPU time than wall-clock time: both are printed.
        var cpuNote = runs > 1
            ? $"\tbest CPU of {runs} runs {bestCpu.TotalSeconds:F3} s = {processed / bestCpu.TotalSeconds / 1e6:F1} MB/s\tbest wall clock {bestWall.TotalSeconds:F3} s = {processed / bestWall.TotalSeconds / 1e6:F1} MB/s"
            : "";
        Console.WriteLine($"{args[0]}\t{processed}\t{seconds:F3}\t{processed / seconds / 1e6:F1} MB/s\tpeak RSS {self.PeakWorkingSet64 >> 20} MiB\t{detail}\tallocated {GC.GetTotalAllocatedBytes(precise: true) >> 20} MiB{cpuNote}\t{GcNote()}");
        return 0;
    }

    /// <summary>What the collector did over the whole process: its pauses and how many collections of each generation.</summary>
    internal static string GcNote() =>
        $"GC paused {GC.GetTotalPauseDuration().TotalMilliseconds:F0} ms in {GC.CollectionCount(0)} collections ({GC.CollectionCount(1)} of gen 1, {GC.CollectionCount(2)} of gen 2)";

    private static bool RunOnce(string operation, string path, X12OutInterchange? model, byte[]? input, out long processed, out string detail)
    {
        switch (operation)
        {
            case "tokenize":
                using (var stream = OpenSequential(path))
                {
                    var (segments, elements) = X12Workloads.Tokenize(stream);
                    processed = new FileInfo(path).Length;
                    detail = $"{segments} segments, {elements} elements";
                }
                break;
            case "validate" or "validate-ahead":
                using (var stream = OpenSequential(path))
                {
                    // validate-ahead: the input read on a second thread (X12ValidationOptions.ReadAhead).
                    var report = X12Validation.Validate(stream, Stream.Null,
                        new X12ValidationOptions { MaxDiagnostics = 100, ReadAhead = operation == "validate-ahead" });
                    processed = new FileInfo(path).Length;
                    detail = $"{report.Sets} sets, {report.SetsAccepted} accepted";
                }
                break;
            case "read":
                using (var stream = OpenSequential(path))
                {
                    var units = new X12Reader(stream) { ReuseSetSegments = true }.Read().Count();
                    processed = new FileInfo(path).Length;
                    detail = $"{units} units, envelope only (segments reused)";
                }
                break;
            case "orders":
                // The X12 half of TranslationBenchmarks.X12ToOrders over a file: each set's tree, then its default map.
                var maps = s_maps ??= IntegrationHub.Translation.FormatSchemas.Load(Path.Combine(IntegrationHub.Benchmarks.Mapping.TranslationBenchmarks.Root(), "mappings"));
                var orders = 0;
                foreach (var tree in IntegrationHub.Translation.FormatTrees.Each("x12", input!))
                {
                    var map = maps.Find("x12", tree.DocumentType!, tree.Version, IntegrationHub.Mapping.MapDirection.Inbound)!;
                    if (map.Run(tree.Tree!).Document is not null) orders++;
                }
                processed = input!.Length;
                detail = $"{orders} orders";
                break;
            case "write":
                var counter = new CountingStream();
                X12Workloads.Write(model!, counter);
                processed = counter.Length;
                detail = "from an in-memory tree";
                break;
            default:
                Console.Error.WriteLine($"unknown operation {operation}");
                processed = 0;
                detail = "";
                return false;
        }
        return true;
    }

    private static IntegrationHub.Mapping.MapLibrary? s_maps;

    private static TimeSpan ProcessorTime()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    private static FileStream OpenSequential(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
}

/// <summary>A write-only sink that counts bytes.</summary>
internal sealed class CountingStream : Stream
{
    private long _length;

    public override void Write(byte[] buffer, int offset, int count) => _length += count;
    public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;
    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => _length;
    public override long Position { get => _length; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
