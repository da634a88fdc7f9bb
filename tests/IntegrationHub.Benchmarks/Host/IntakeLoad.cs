using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace IntegrationHub.Benchmarks.Host;

/// <summary>
/// <c>intake --url URL --secret S --sample FILE [--seconds 60] [--rate 500] [--concurrency 64] [--warmup 0]</c>: posts a cXML request (an
/// OrderRequest, a PunchOutSetupRequest; each with its own payloadID) to a running hub's <c>/cxml</c> at a fixed rate for a
/// while, then prints throughput, how many were answered with cXML Status 200, latency percentiles and the count over 50 ms. Whole-process
/// measurement, not a BenchmarkDotNet suite; Host/order-intake.sh and Host/punchout-setup.sh run it.
/// </summary>
internal static class IntakeLoad
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = LoadOptions.Parse(args);
        if (!options.TryGetValue("url", out var url) || !options.TryGetValue("secret", out var secret) || !options.TryGetValue("sample", out var sample))
        {
            Console.Error.WriteLine("usage: intake --url http://127.0.0.1:PORT --secret SHARED_SECRET --sample ORDER_REQUEST.xml [--seconds 60] [--rate 500] [--concurrency 64] [--warmup 0]");
            return 2;
        }
        var seconds = int.Parse(options.GetValueOrDefault("seconds", "60"), CultureInfo.InvariantCulture);
        var rate = int.Parse(options.GetValueOrDefault("rate", "500"), CultureInfo.InvariantCulture);
        var concurrency = int.Parse(options.GetValueOrDefault("concurrency", "64"), CultureInfo.InvariantCulture);
        var template = File.ReadAllText(sample).Replace("not-in-the-order", secret, StringComparison.Ordinal);
        var payloadId = System.Text.RegularExpressions.Regex.Match(template, "payloadID=\"([^\"]+)\"").Groups[1].Value;
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };

        var warmup = int.Parse(options.GetValueOrDefault("warmup", "0"), CultureInfo.InvariantCulture);
        var run = Guid.NewGuid().ToString("N")[..8];
        // The warm-up (the Host's JIT, tiering, pools and caches) runs at the same rate and is not counted; then the measured run.
        var warmupFailed = 0;
        if (warmup > 0)
        {
            var warm = await PhaseAsync(http, template, payloadId, $"{run}w", warmup, rate, concurrency);
            warmupFailed = warm.Failed;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warm-up: sent {warm.Sent} in {warm.Wall:F1} s; answered 200: {warm.Ok}; other: {warm.Failed} (not in the figures below)"));
        }
        var (latencies, ok, failed, sent, wall, slowBySlice) = await PhaseAsync(http, template, payloadId, run, seconds, rate, concurrency);
        latencies.Sort();
        double Percentile(double p) => latencies.Count == 0 ? double.NaN : latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p * latencies.Count) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{(warmup > 0 ? $"after {warmup} s of warm-up at the same rate: " : "")}sent {sent} in {wall:F1} s = {sent / wall:F0}/s (target {rate}/s); answered 200: {ok}; other: {failed}; latency ms p50 {Percentile(0.50):F1} p95 {Percentile(0.95):F1} p99 {Percentile(0.99):F1} max {latencies.LastOrDefault():F1}; over 50 ms: {latencies.Count(l => l > 50)}"));
        // Where in the run the slow answers fell (the first slice includes the Host's JIT warm-up under load).
        Console.WriteLine("over 50 ms per " + SliceSeconds + " s: " + string.Join(" ", slowBySlice));
        return failed + warmupFailed == 0 ? 0 : 1;
    }

    private const int SliceSeconds = 10;

    private static async Task<(List<double> Latencies, int Ok, int Failed, int Sent, double Wall, int[] SlowBySlice)> PhaseAsync(HttpClient http,
        string template, string payloadId, string run, int seconds, int rate, int concurrency)
    {
        var latencies = new List<double>(seconds * rate);
        int ok = 0, failed = 0, sent = 0;
        using var gate = new SemaphoreSlim(concurrency);
        var clock = Stopwatch.StartNew();
        var pending = new List<Task>();
        var total = seconds * rate;
        var slowBySlice = new int[(seconds + SliceSeconds - 1) / SliceSeconds];
        while (sent < total)
        {
            // Open-loop: request n is due at n / rate seconds, whether or not earlier ones were answered.
            var due = TimeSpan.FromSeconds((double)sent / rate);
            if (due > clock.Elapsed) await Task.Delay(due - clock.Elapsed);
            await gate.WaitAsync();
            var body = template.Replace(payloadId, $"{run}.{sent}@load", StringComparison.Ordinal);
            var slice = sent / (rate * SliceSeconds);
            sent++;
            pending.Add(Task.Run(async () =>
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.PostAsync("/cxml", new StringContent(body, Encoding.UTF8, "text/xml"));
                    var text = await response.Content.ReadAsStringAsync();
                    var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    lock (latencies)
                    {
                        latencies.Add(elapsed);
                        if (elapsed > 50) slowBySlice[slice]++;
                    }
                    if (text.Contains("<Status code=\"200\"", StringComparison.Ordinal)) Interlocked.Increment(ref ok);
                    else Interlocked.Increment(ref failed);
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref failed);
                }
                finally
                {
                    gate.Release();
                }
            }));
        }
        await Task.WhenAll(pending);
        return (latencies, ok, failed, sent, clock.Elapsed.TotalSeconds, slowBySlice);
    }
}
