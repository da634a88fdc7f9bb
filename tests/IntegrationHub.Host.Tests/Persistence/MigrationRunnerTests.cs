using IntegrationHub.Host.Tests.Fixtures;
using IntegrationHub.Persistence;
using Npgsql;

namespace IntegrationHub.Host.Tests.Persistence;

public sealed class MigrationRunnerTests(PostgresServer server)
{
    [Fact]
    public async Task Apply_AppliesEveryMigrationOnce_WhenDatabaseIsNew()
    {
        await using var dataSource = NpgsqlDataSource.Create(await server.CreateDatabaseAsync("migrate"));

        var first = await MigrationRunner.ApplyAsync(dataSource, TestContext.Current.CancellationToken);
        var second = await MigrationRunner.ApplyAsync(dataSource, TestContext.Current.CancellationToken);

        Assert.Equal(MigrationRunner.All.Select(m => m.Version), first);
        Assert.Empty(second);
        Assert.Equal(MigrationRunner.LatestVersion, await MigrationRunner.CurrentVersionAsync(dataSource, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Apply_AppliesEachMigrationExactlyOnce_WhenManyProcessesStartAtOnce()
    {
        await using var dataSource = NpgsqlDataSource.Create(await server.CreateDatabaseAsync("race"));

        var runs = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => MigrationRunner.ApplyAsync(dataSource, TestContext.Current.CancellationToken))));

        Assert.Equal(MigrationRunner.All.Count, runs.Sum(r => r.Count));
        await using var count = dataSource.CreateCommand("SELECT count(*) FROM hub.schema_version");
        Assert.Equal((long)MigrationRunner.All.Count, await count.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Apply_Refuses_WhenDatabaseIsNewerThanThisBuild()
    {
        await using var dataSource = NpgsqlDataSource.Create(await server.CreateDatabaseAsync("newer"));
        await MigrationRunner.ApplyAsync(dataSource, TestContext.Current.CancellationToken);
        await using (var future = dataSource.CreateCommand($"INSERT INTO hub.schema_version (version, name) VALUES ({MigrationRunner.LatestVersion + 1}, 'from_the_future')"))
            await future.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<HubStartupException>(() => MigrationRunner.ApplyAsync(dataSource, TestContext.Current.CancellationToken));

        Assert.Contains($"schema version {MigrationRunner.LatestVersion + 1}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void All_AreNumberedWithoutGaps_WhenEmbedded()
    {
        Assert.NotEmpty(MigrationRunner.All);
        Assert.Equal(Enumerable.Range(1, MigrationRunner.All.Count), MigrationRunner.All.Select(m => m.Version));
        Assert.All(MigrationRunner.All, m => Assert.False(string.IsNullOrWhiteSpace(m.Sql)));
    }

    [Fact]
    public async Task CurrentVersion_IsZero_WhenDatabaseWasNeverMigrated()
    {
        await using var dataSource = NpgsqlDataSource.Create(await server.CreateDatabaseAsync("never"));

        Assert.Equal(0, await MigrationRunner.CurrentVersionAsync(dataSource, TestContext.Current.CancellationToken));
    }
}
