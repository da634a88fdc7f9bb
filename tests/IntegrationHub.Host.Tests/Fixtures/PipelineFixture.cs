using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WireMock.Server;

namespace IntegrationHub.Host.Tests.Fixtures;

/// <summary>
/// A hub on a fresh database for one test class, with WireMock.Net standing in for the order store and a partner's
/// endpoint, the demo partner's secrets set, short retry delays, and an outbox folder of its own.
/// </summary>
public sealed class PipelineFixture(PostgresServer server) : IAsyncLifetime
{
    public const string CxmlSecret = "demo-shared-secret-for-tests";
    public const string X12Key = "demo-x12-key-for-tests";

    private HubAppFactory? _app;

    public WireMockServer Store { get; } = WireMockServer.Start();

    public string ConnectionString { get; private set; } = string.Empty;

    public string Outbox { get; } = Path.Combine(Path.GetTempPath(), $"hub-outbox-{Guid.NewGuid():N}");

    public HubAppFactory App
    {
        get
        {
            if (server.Unavailable is not null) Assert.Skip(server.Unavailable);
            return _app ??= new HubAppFactory(ConnectionString, new Dictionary<string, string?>
            {
                ["Partners:demo-buyer:CxmlSharedSecret"] = CxmlSecret,
                ["Partners:demo-buyer:X12ApiKey"] = X12Key,
                ["Stores:Order:BaseUrl"] = Store.Url + "/store/",
                ["Pipeline:RetryBaseDelaySeconds"] = "0.3",
                ["Pipeline:MaxRetryDelaySeconds"] = "1",
                ["Pipeline:MaxAttempts"] = "4",
                ["Pipeline:SweepIntervalSeconds"] = "1",
                ["Pipeline:StuckAfterSeconds"] = "2",
                ["Pipeline:SecretHashIterations"] = "10000",
                ["Pipeline:OutboxPath"] = Outbox,
                ["Hub:WorkerCount"] = "4",
            });
        }
    }

    /// <summary>A started hub: the database migrated and the worker running.</summary>
    public async Task<HttpClient> ClientAsync()
    {
        var client = App.CreateClient();
        await App.Services.GetRequiredService<IntegrationHub.Persistence.HubDatabase>().WhenReady.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        return client;
    }

    public async Task<T> ScalarAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        return await connection.ExecuteScalarAsync<T>(new CommandDefinition(sql, parameters)) ?? throw new InvalidOperationException($"No value: {sql}");
    }

    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        return [.. await connection.QueryAsync<T>(new CommandDefinition(sql, parameters))];
    }

    public async ValueTask InitializeAsync()
    {
        if (server.Unavailable is null) ConnectionString = await server.CreateDatabaseAsync("pipeline");
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        Store.Stop();
        Store.Dispose();
        if (Directory.Exists(Outbox)) Directory.Delete(Outbox, recursive: true);
    }
}
