using System.Collections.Concurrent;
using IntegrationHub.Host.Tests.Fixtures;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace IntegrationHub.Host.Tests.PurchaseOrders;

[CollectionDefinition(nameof(CrashTests), DisableParallelization = true)]
public sealed class CrashTestsRunAlone;

/// <summary>
/// The Host as its own process, killed with SIGKILL while 1,000 orders arrive, then started again: buyers retry what was
/// not answered, and the order store still gets every order under exactly one idempotency key, each answered 200.
/// </summary>
/// Runs alone: it measures nothing, but 2,000 jobs on a busy machine take minutes, and other classes would only add to them.
[Collection(nameof(CrashTests))]
public sealed class CrashTests(PostgresServer server) : IAsyncDisposable
{
    private const int Orders = 1000;
    private readonly WireMockServer _store = WireMockServer.Start();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly List<HostProcess> _hosts = [];

    [Fact]
    public async Task Delivery_ReachesTheStoreOncePerOrder_WhenTheHostIsKilledMidway()
    {
        var database = await server.CreateDatabaseAsync("crash");
        _store.Given(Request.Create().WithPath("/store/orders").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody("""{"status":"accepted"}"""));
        var url = $"http://127.0.0.1:{Http.FreePort()}";
        var environment = new Dictionary<string, string?>
        {
            ["ConnectionStrings__Hub"] = database,
            ["Hub__AdminApiKey"] = HubAppFactory.AdminKey,
            ["Hub__MappingsPath"] = Path.Combine(Documents.RepositoryRoot, "mappings"),
            ["Partners__demo-buyer__CxmlSharedSecret"] = PipelineFixture.CxmlSecret,
            ["Stores__Order__BaseUrl"] = _store.Url + "/store/",
            ["Pipeline__RetryBaseDelaySeconds"] = "0.5",
            ["Pipeline__MaxRetryDelaySeconds"] = "2",
            ["Pipeline__SweepIntervalSeconds"] = "2",
            ["Pipeline__StuckAfterSeconds"] = "5",
            ["Pipeline__SecretHashIterations"] = "10000",
            ["Serilog__MinimumLevel__Default"] = "Warning",
        };
        var orders = Enumerable.Range(0, Orders).Select(i => $"CRASH-{i:D4}").ToList();
        var answered = new ConcurrentDictionary<string, int>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        stop.CancelAfter(TimeSpan.FromMinutes(5));

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var first = Started(HostProcess.Start(url, environment));
        var second = await RunAsync();
        HostProcess Started(HostProcess host)
        {
            _hosts.Add(host);
            return host;
        }
        async Task<HostProcess> RunAsync()
        {
            Assert.True(await ReadyAsync(url), first.Output);
            var queue = new ConcurrentQueue<string>(orders);
            var buyers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
            {
                while (queue.TryDequeue(out var order))
                {
                    var document = Documents.OrderRequest($"{order}@crash.buyer", order, PipelineFixture.CxmlSecret);
                    // A buyer retries until it is answered (the hub is down for a while in the middle).
                    while (!stop.IsCancellationRequested)
                    {
                        try
                        {
                            using var response = await _http.PostAsync($"{url}/cxml", Documents.Xml(document), stop.Token);
                            answered[order] = Documents.StatusCode(await response.Content.ReadAsStringAsync(stop.Token));
                            break;
                        }
                        catch (HttpRequestException)
                        {
                            await Task.Delay(200, stop.Token);
                        }
                        catch (TaskCanceledException) when (!stop.IsCancellationRequested)
                        {
                        }
                    }
                }
            })).ToList();

            Assert.True(await Http.EventuallyAsync(() => Task.FromResult(answered.Count >= Orders / 2), TimeSpan.FromMinutes(2)));
            first.Kill(); // SIGKILL: no shutdown code runs
            await first.WaitForExitAsync(TimeSpan.FromSeconds(10));
            var restarted = Started(HostProcess.Start(url, environment));
            Assert.True(await ReadyAsync(url), restarted.Output);
            await Task.WhenAll(buyers);
            return restarted;
        }

        var allAnswered = clock.Elapsed;
        Assert.Equal(Orders, answered.Count);
        Assert.All(answered.Values, code => Assert.Equal(200, code));
        await using var connection = new Npgsql.NpgsqlConnection(database);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        Assert.True(await Http.EventuallyAsync(async () =>
        {
            await using var count = new Npgsql.NpgsqlCommand("SELECT count(*) FROM hub.purchase_order WHERE status = 'delivered'", connection);
            return (long)(await count.ExecuteScalarAsync(TestContext.Current.CancellationToken))! == Orders;
        }, TimeSpan.FromMinutes(8)), await StatesAsync(connection) + second.Output);
        TestContext.Current.TestOutputHelper?.WriteLine($"all {Orders} answered after {allAnswered.TotalSeconds:F1} s, all delivered after {clock.Elapsed.TotalSeconds:F1} s (both hosts' start-ups included)");

        var calls = _store.LogEntries.Where(e => e.ResponseMessage.StatusCode is 200)
            .Select(e => (Key: e.RequestMessage.Headers!["Idempotency-Key"].Single(), Order: OrderNumberOf(e.RequestMessage.Body!)))
            .ToList();
        var keysPerOrder = calls.GroupBy(c => c.Order).ToDictionary(g => g.Key, g => g.Select(c => c.Key).Distinct().Count());
        Assert.Equal(orders.ToHashSet(), keysPerOrder.Keys.ToHashSet());
        Assert.All(keysPerOrder.Values, keys => Assert.Equal(1, keys));
        await using var messages = new Npgsql.NpgsqlCommand("SELECT count(*) FROM hub.message WHERE direction = 'in'", connection);
        Assert.Equal((long)Orders, (long)(await messages.ExecuteScalarAsync(TestContext.Current.CancellationToken))!);
    }

    // Where the work stands, for a failure message that explains itself.
    private static async Task<string> StatesAsync(Npgsql.NpgsqlConnection connection)
    {
        await using var command = new Npgsql.NpgsqlCommand("""
            SELECT string_agg(what || ' ' || status || ': ' || n, ', ') FROM (
              SELECT 'messages' AS what, status, count(*) AS n FROM hub.message GROUP BY status
              UNION ALL SELECT 'orders', status, count(*) FROM hub.purchase_order GROUP BY status) s
            """, connection);
        return $"{await command.ExecuteScalarAsync(TestContext.Current.CancellationToken)}\n";
    }

    private static string OrderNumberOf(string body)
    {
        const string marker = "\"orderNumber\":\"";
        var start = body.IndexOf(marker, StringComparison.Ordinal) + marker.Length;
        return body[start..body.IndexOf('"', start)];
    }

    private Task<bool> ReadyAsync(string url) => Http.EventuallyAsync(async () =>
    {
        try
        {
            using var response = await _http.GetAsync($"{url}/health/ready", TestContext.Current.CancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }, TimeSpan.FromSeconds(90));

    // Every host the test started is stopped, also when an assertion failed half way (a leaked host keeps its port and
    // its database connections after the run).
    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts) await host.DisposeAsync();
        _store.Stop();
        _store.Dispose();
        _http.Dispose();
    }
}
