using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace IntegrationHub.Benchmarks.Host;

/// <summary>
/// <c>invoices --url URL --secret S --files DIR --count N [--concurrency 8]</c>: pushes the invoices <c>DIR/1.json</c> …
/// <c>DIR/N.json</c> to a running hub's <c>/api/stores/invoices</c> as the invoice store does, N at a time over kept-alive
/// connections: each push signed when it is sent (<c>X-Hub-Timestamp</c> in Unix seconds, <c>X-Hub-Signature:
/// sha256=</c> the lowercase hex HMAC-SHA256 under the shared secret of <c>timestamp + "." + body</c>). The bodies are read
/// before the clock starts. Prints one line, <c>start=UNIX_SECONDS pushed=N seconds=S ok=N failed=N</c>, so the caller
/// (Host/invoices-out.sh) can time the deliveries from the first push; exits 1 when any push was not answered 2xx.
/// </summary>
internal static class InvoicePush
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = LoadOptions.Parse(args);
        if (!options.TryGetValue("url", out var url) || !options.TryGetValue("secret", out var secret) || !options.TryGetValue("files", out var folder)
            || !options.TryGetValue("count", out var countText))
        {
            Console.Error.WriteLine("usage: invoices --url http://127.0.0.1:PORT --secret STORE_SECRET --files DIR --count N [--concurrency 8]");
            return 2;
        }
        var count = int.Parse(countText, CultureInfo.InvariantCulture);
        var concurrency = int.Parse(options.GetValueOrDefault("concurrency", "8"), CultureInfo.InvariantCulture);
        var bodies = Enumerable.Range(1, count).Select(i => File.ReadAllBytes(Path.Combine(folder, $"{i}.json"))).ToArray();
        var key = Encoding.UTF8.GetBytes(secret);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) })
            { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };

        int ok = 0, failed = 0, next = -1;
        var start = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                try
                {
                    using var request = Signed(bodies[i], key);
                    using var response = await http.SendAsync(request);
                    await response.Content.ReadAsByteArrayAsync();
                    if (response.IsSuccessStatusCode) Interlocked.Increment(ref ok);
                    else
                    {
                        Interlocked.Increment(ref failed);
                        Console.Error.WriteLine($"invoice {i + 1}: HTTP {(int)response.StatusCode}");
                    }
                }
                catch (HttpRequestException e)
                {
                    Interlocked.Increment(ref failed);
                    Console.Error.WriteLine($"invoice {i + 1}: {e.Message}");
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);
        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"start={start.ToUnixTimeMilliseconds() / 1000.0:F3} pushed={count} seconds={seconds:F2} ok={ok} failed={failed}"));
        return failed == 0 ? 0 : 1;
    }

    private static HttpRequestMessage Signed(byte[] body, byte[] key)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        byte[] payload = [.. Encoding.ASCII.GetBytes(timestamp + "."), .. body];
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/stores/invoices") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Hub-Timestamp", timestamp);
        request.Headers.Add("X-Hub-Signature", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(key, payload)));
        return request;
    }
}
