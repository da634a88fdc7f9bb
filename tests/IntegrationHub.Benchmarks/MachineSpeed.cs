using BenchmarkDotNet.Attributes;

namespace IntegrationHub.Benchmarks;

/// <summary>
/// Fixed amounts of work whose time does not depend on our code, to run in the same invocation as a suite:
/// <c>--filter '*MachineSpeed*' '*X12Benchmarks.Validate*'</c>. When they move between runs the machine moved, and the
/// suite's figures are read against them. <see cref="FixedWork"/> stays in the core's own cache; the two chases walk a
/// random cycle through 8 MiB (the shared L3) and 128 MiB (memory), which neighbours on the host slow down when the
/// core's own work does not show it.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class MachineSpeed
{
    private readonly byte[] _buffer = new byte[32 * 1024];
    private int[] _cache = [];
    private int[] _memory = [];

    [GlobalSetup]
    public void Setup()
    {
        ulong state = 0x9E3779B97F4A7C15;
        for (var i = 0; i < _buffer.Length; i++)
        {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            _buffer[i] = (byte)state;
        }
        _cache = Cycle(8 << 20 >> 2, ref state);
        _memory = Cycle(128 << 20 >> 2, ref state);
    }

    // One random cycle through every slot (Sattolo's shuffle), so each load depends on the one before.
    private static int[] Cycle(int length, ref ulong state)
    {
        var next = new int[length];
        for (var i = 0; i < length; i++) next[i] = i;
        for (var i = length - 1; i > 0; i--)
        {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            var j = (int)(state % (ulong)i);
            (next[i], next[j]) = (next[j], next[i]);
        }
        return next;
    }

    /// <summary>FNV-1a over the buffer 2,000 times: about 65 M dependent multiply-xor steps.</summary>
    [Benchmark]
    public ulong FixedWork()
    {
        var hash = 14695981039346656037UL;
        for (var round = 0; round < 2000; round++)
        {
            foreach (var b in _buffer)
            {
                hash = (hash ^ b) * 1099511628211UL;
            }
        }
        return hash;
    }

    /// <summary>1 M dependent loads through an 8 MiB cycle: the shared L3's latency.</summary>
    [Benchmark]
    public int CacheChase() => Chase(_cache, 1 << 20);

    /// <summary>1 M dependent loads through a 128 MiB cycle: memory latency.</summary>
    [Benchmark]
    public int MemoryChase() => Chase(_memory, 1 << 20);

    private static int Chase(int[] next, int steps)
    {
        var at = 0;
        for (var i = 0; i < steps; i++) at = next[at];
        return at;
    }
}
