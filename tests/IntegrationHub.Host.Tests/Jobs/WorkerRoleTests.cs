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
        var services = database.App.Services;
        await services.GetRequiredService<IntegrationHub.Persistence.HubDatabase>().WhenReady.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        var id = Guid.NewGuid();

        var jobId = services.GetRequiredService<IBackgroundJobClient>().Enqueue<ProbeJob>(job => job.Run(id));

        var ran = await Http.EventuallyAsync(() => Task.FromResult(ProbeJob.Ran.ContainsKey(id)), TimeSpan.FromSeconds(60));
        Assert.True(ran, $"job {jobId} did not run: {History(services.GetRequiredService<JobStorage>(), jobId)}");
        Assert.Equal("Testing", ProbeJob.Ran[id]);
    }

    // What Hangfire says happened to a job, for a failure message that explains itself.
    private static string History(JobStorage storage, string jobId)
    {
        var details = storage.GetMonitoringApi().JobDetails(jobId);
        var servers = storage.GetMonitoringApi().Servers().Count;
        return details is null
            ? $"no such job; {servers} server(s)"
            : $"{servers} server(s); states: " + string.Join(" <- ", details.History.Select(h =>
                $"{h.StateName} ({h.Reason}{(h.Data.TryGetValue("ExceptionDetails", out var detail) ? ": " + detail : "")})"));
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
