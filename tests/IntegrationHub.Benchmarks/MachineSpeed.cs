using BenchmarkDotNet.Attributes;

namespace IntegrationHub.Benchmarks;

/// <summary>
/// A fixed amount of pure CPU work (no allocation, no I/O, a 32 KB buffer that stays in cache), to run in the same
/// invocation as a suite: <c>--filter '*MachineSpeed*' '*X12Benchmarks.Validate*'</c>. Its time does not depend on our
/// code, so when it moves between runs the machine moved, and the suite's figures are read against it.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class MachineSpeed
{
    private readonly byte[] _buffer = new byte[32 * 1024];

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
}
