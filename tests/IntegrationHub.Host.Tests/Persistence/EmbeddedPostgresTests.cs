using IntegrationHub.Host.Tests.Fixtures;
using IntegrationHub.Persistence;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace IntegrationHub.Host.Tests.Persistence;

/// <summary>Each test runs its own cluster in its own folder, as the hub's embedded default does.</summary>
public sealed class EmbeddedPostgresTests(PostgresServer server) : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"integrationhub-embedded-{Guid.NewGuid():N}");

    [Fact]
    public async Task Start_KeepsData_WhenClusterIsStoppedAndStartedAgain()
    {
        var first = await StartAsync();
        await ExecuteAsync(first, "CREATE TABLE kept (value text); INSERT INTO kept VALUES ('still here')");
        await first.StopAsync();

        var second = await StartAsync();
        try
        {
            Assert.Equal("still here", await ScalarAsync(second, "SELECT value FROM kept"));
        }
        finally
        {
            await second.StopAsync();
        }
    }

    [Fact]
    public async Task Start_TakesOverTheFolder_WhenAnEarlierRunWasKilledAndLeftItsServerRunning()
    {
        var orphan = await StartAsync();
        var orphanPid = int.Parse(File.ReadLines(Path.Combine(orphan.DataDirectory, "postmaster.pid")).First(), System.Globalization.CultureInfo.InvariantCulture);
        orphan.Abandon(); // what a SIGKILLed hub leaves behind: its server runs on, its folder lock is gone

        var restarted = await StartAsync();
        try
        {
            Assert.Equal(1, Convert.ToInt32(await ScalarAsync(restarted, "SELECT 1"), System.Globalization.CultureInfo.InvariantCulture));
            Assert.False(EmbeddedPostgres.IsServerOf(orphanPid, orphan.DataDirectory));
        }
        finally
        {
            await restarted.StopAsync();
        }
    }

    [Fact]
    public async Task Start_RemovesStalePidFile_WhenItsProcessIsNotPostgres()
    {
        var first = await StartAsync();
        await first.StopAsync();
        // A crash can leave postmaster.pid naming a pid that is now reused by another program: here, this test process.
        await File.WriteAllTextAsync(Path.Combine(first.DataDirectory, "postmaster.pid"), $"{Environment.ProcessId}\n{first.DataDirectory}\n", TestContext.Current.CancellationToken);

        var second = await StartAsync();
        try
        {
            Assert.NotNull(await ScalarAsync(second, "SELECT 1"));
        }
        finally
        {
            await second.StopAsync();
        }
    }

    [Fact]
    public async Task Start_RefusesTheFolder_WhileAnotherHubUsesIt()
    {
        var first = await StartAsync();
        try
        {
            var error = await Assert.ThrowsAsync<HubStartupException>(StartAsync);

            Assert.Contains("Another hub is running on", error.Message, StringComparison.Ordinal);
            Assert.Equal(1, Convert.ToInt32(await ScalarAsync(first, "SELECT 1"), System.Globalization.CultureInfo.InvariantCulture));
        }
        finally
        {
            await first.StopAsync();
        }
    }

    [Fact]
    public async Task Start_SaysHowToRecover_WhenThePasswordFileIsLost()
    {
        var first = await StartAsync();
        await first.StopAsync();
        File.Delete(Path.Combine(_root, "superuser.password"));

        var error = await Assert.ThrowsAsync<HubStartupException>(StartAsync);

        Assert.Contains("superuser.password is missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PasswordFile_IsReadableByItsOwnerOnly()
    {
        var cluster = await StartAsync();
        await cluster.StopAsync();

        if (OperatingSystem.IsWindows()) Assert.Skip("Unix file modes do not exist on Windows.");
        else Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_root, "superuser.password")));
    }

    [Fact]
    public async Task Start_FailsWithClearMessage_WhenFolderCannotBeCreated()
    {
        Directory.CreateDirectory(_root);
        var file = Path.Combine(_root, "a-file");
        await File.WriteAllTextAsync(file, "not a folder", TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<HubStartupException>(() =>
            EmbeddedPostgres.StartAsync(new EmbeddedPostgresSettings(Path.Combine(file, "postgres")), NullLogger.Instance, TestContext.Current.CancellationToken));

        Assert.Contains("is not writable", error.Message, StringComparison.Ordinal);
        Assert.Contains("Database:EmbeddedPath", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_FailsWithClearMessage_WhenDataFolderHoldsSomethingElse()
    {
        Directory.CreateDirectory(Path.Combine(_root, "data"));
        await File.WriteAllTextAsync(Path.Combine(_root, "data", "notes.txt"), "mine", TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<HubStartupException>(() => StartAsync());

        Assert.Contains("neither empty nor a PostgreSQL data folder", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    private Task<EmbeddedPostgres> StartAsync()
    {
        if (server.Unavailable is not null) Assert.Skip(server.Unavailable);
        return EmbeddedPostgres.StartAsync(new EmbeddedPostgresSettings(_root, Durable: false), NullLogger.Instance, TestContext.Current.CancellationToken);
    }

    private static async Task ExecuteAsync(EmbeddedPostgres cluster, string sql)
    {
        await using var dataSource = NpgsqlDataSource.Create(cluster.ConnectionString);
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    private static async Task<object?> ScalarAsync(EmbeddedPostgres cluster, string sql)
    {
        await using var dataSource = NpgsqlDataSource.Create(cluster.ConnectionString);
        await using var command = dataSource.CreateCommand(sql);
        return await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
    }
}
