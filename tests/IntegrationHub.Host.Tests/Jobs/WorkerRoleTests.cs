using System.Collections.Concurrent;
using Hangfire;
using IntegrationHub.Host.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace IntegrationHub.Host.Tests.Jobs;

public sealed class WorkerRoleTests(HubDatabaseFixture database) : IClassFixture<HubDatabaseFixture>
{
    [Fact]
    public async Task EnqueuedJob_Runs_WhenWorkerRoleIsOn()
    {
        var jobs = database.App.Services.GetRequiredService<IBackgroundJobClient>();
        var id = Guid.NewGuid();

        jobs.Enqueue<ProbeJob>(job => job.Run(id));

        Assert.True(await Http.EventuallyAsync(() => Task.FromResult(ProbeJob.Ran.ContainsKey(id)), TimeSpan.FromSeconds(30)));
        Assert.Equal("Testing", ProbeJob.Ran[id]);
    }

    [Fact]
    public async Task HangfireTables_LiveInTheirOwnSchema_WhenHubStarted()
    {
        _ = database.App.CreateClient();
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'hangfire' AND table_name = 'job'");

        Assert.True(await Http.EventuallyAsync(async () => (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))! == 1, TimeSpan.FromSeconds(30)));
    }
}

/// <summary>A job that records that it ran, and in which environment: Hangfire creates it through the hub's DI container.</summary>
public sealed class ProbeJob(IHostEnvironment environment)
{
    public static ConcurrentDictionary<Guid, string> Ran { get; } = new();

    public void Run(Guid id) => Ran[id] = environment.EnvironmentName;
}
