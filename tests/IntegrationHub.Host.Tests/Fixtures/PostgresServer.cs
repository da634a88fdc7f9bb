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
        await SweepAbandonedClustersAsync();
        _root = Path.Combine(Path.GetTempPath(), $"{Prefix}{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            _embedded = await EmbeddedPostgres.StartAsync(
                new EmbeddedPostgresSettings(_root, Database: "postgres", Durable: false, MaxConnections: 800), NullLogger.Instance, CancellationToken.None);
            _adminConnectionString = _embedded.ConnectionString;
        }
        catch (HubStartupException ex)
        {
            // On CI a missing database is a broken set-up, not a reason to pass: .ci/run installs PostgreSQL.
            if (Environment.GetEnvironmentVariable("CI") == "true") throw;
            Unavailable = $"No PostgreSQL for the tests: set HUB_TEST_DB, or install PostgreSQL's server binaries. {ex.Message}";
        }
    }

    private const string Prefix = "integrationhub-tests-";

    // A test run that was killed (a CI time-out) leaves its cluster running; the next run stops and removes it.
    private static async Task SweepAbandonedClustersAsync()
    {
        foreach (var folder in Directory.EnumerateDirectories(Path.GetTempPath(), Prefix + "*"))
        {
            var owner = Path.GetFileName(folder)[Prefix.Length..].Split('-')[0];
            if (!int.TryParse(owner, out var pid) || IsAlive(pid)) continue;
            var data = Path.Combine(folder, "data");
            var pidFile = Path.Combine(data, "postmaster.pid");
            if (File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var server) && EmbeddedPostgres.IsServerOf(server, data))
            {
                try
                {
                    using var process = System.Diagnostics.Process.GetProcessById(server);
                    process.Kill(); // SIGKILL to the postmaster; its children exit when they notice it gone
                    await process.WaitForExitAsync();
                }
                catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
                {
                }
            }
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
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
