using IntegrationHub.Persistence;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

[assembly: AssemblyFixture(typeof(IntegrationHub.Host.Tests.Fixtures.PostgresServer))]

namespace IntegrationHub.Host.Tests.Fixtures;

/// <summary>
/// The PostgreSQL server of this test run: HUB_TEST_DB (a connection string whose user may create databases) when set,
/// otherwise a private throw-away cluster started from the machine's server binaries, as the hub's embedded default does.
/// Each test class takes its own fresh database from it.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private EmbeddedPostgres? _embedded;
    private string? _root;
    private string? _adminConnectionString;

    /// <summary>Why there is no server, when there is none; tests that need it are then reported as skipped with this reason.</summary>
    public string? Unavailable { get; private set; }

    public async ValueTask InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable("HUB_TEST_DB");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            _adminConnectionString = configured;
            return;
        }
        _root = Path.Combine(Path.GetTempPath(), $"integrationhub-tests-{Environment.ProcessId}");
        try
        {
            _embedded = await EmbeddedPostgres.StartAsync(
                new EmbeddedPostgresSettings(_root, Database: "postgres", Durable: false), NullLogger.Instance, CancellationToken.None);
            _adminConnectionString = _embedded.ConnectionString;
        }
        catch (HubStartupException ex)
        {
            Unavailable = $"No PostgreSQL for the tests: set HUB_TEST_DB, or install PostgreSQL's server binaries. {ex.Message}";
        }
    }

    /// <summary>A new, empty database; skips the calling test when there is no server.</summary>
    public async Task<string> CreateDatabaseAsync(string purpose)
    {
        if (Unavailable is not null) Assert.Skip(Unavailable);
        var name = $"test_{purpose}_{Guid.NewGuid():N}".ToLowerInvariant();
        if (name.Length > 63) name = name[..63];

        var admin = new NpgsqlConnectionStringBuilder(_adminConnectionString) { Pooling = false };
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = name }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        if (_embedded is not null) await _embedded.StopAsync();
        if (_root is not null && Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }
}
