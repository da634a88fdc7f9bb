using System.Net;
using IntegrationHub.Host.Tests.Fixtures;
using IntegrationHub.Persistence;
using Microsoft.Extensions.Logging.Abstractions;

namespace IntegrationHub.Host.Tests.Hosting;

public sealed class HealthEndpointsTests(HubDatabaseFixture database) : IClassFixture<HubDatabaseFixture>
{
    [Fact]
    public async Task Live_Returns200_WhenProcessRuns()
    {
        var (status, body) = await database.App.CreateClient().GetJsonAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Ready_Returns200_WhenDatabaseIsReachableAndMigrated()
    {
        var client = database.App.CreateClient();

        Assert.True(await Http.EventuallyAsync(async () => (await client.GetJsonAsync("/health/ready")).Status == HttpStatusCode.OK, TimeSpan.FromSeconds(30)));
        var (_, body) = await client.GetJsonAsync("/health/ready");
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Ready_Returns503WithReason_WhenDatabaseIsUnreachable()
    {
        var nowhere = $"Host=127.0.0.1;Port={Http.FreePort()};Username=hub;Password=unused;Database=hub";
        await using var app = new HubAppFactory(nowhere, new Dictionary<string, string?> { ["Database:StartupAttemptSeconds"] = "2" });
        var client = app.CreateClient();

        var (live, _) = await client.GetJsonAsync("/health/live");
        var (ready, body) = await client.GetJsonAsync("/health/ready");
        var (_, status) = await app.CreateAdminClient().GetJsonAsync("/api/admin/status");

        Assert.Equal(HttpStatusCode.OK, live);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready);
        Assert.Equal("database not ready (the hub's log and /api/admin/status say why)",
            body.GetProperty("checks").GetProperty("database").GetProperty("description").GetString());
        Assert.Contains("cannot connect", status.GetProperty("databaseProblem").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ready_KeepsTheReasonFromAnonymousCallers_WhenThePasswordIsWrong()
    {
        var wrong = new Npgsql.NpgsqlConnectionStringBuilder(database.ConnectionString) { Password = "not-the-password-7f3e" }.ConnectionString;
        await using var app = new HubAppFactory(wrong, new Dictionary<string, string?> { ["Database:StartupAttemptSeconds"] = "2" });

        using var response = await app.CreateClient().GetAsync("/health/ready", TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var (_, status) = await app.CreateAdminClient().GetJsonAsync("/api/admin/status");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.DoesNotContain("password", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("not-the-password-7f3e", status.ToString(), StringComparison.Ordinal);
        Assert.Contains("28P01", status.GetProperty("databaseProblem").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ready_FollowsTheDatabase_WhenItGoesDownAndComesBack()
    {
        if (database.Server.Unavailable is not null) Assert.Skip(database.Server.Unavailable);
        var root = Path.Combine(Path.GetTempPath(), $"integrationhub-downup-{Guid.NewGuid():N}");
        var settings = new EmbeddedPostgresSettings(root, Durable: false, Port: Http.FreePort());
        EmbeddedPostgres cluster;
        try
        {
            cluster = await EmbeddedPostgres.StartAsync(settings, NullLogger.Instance, TestContext.Current.CancellationToken);
        }
        catch (HubStartupException) // another test took the port between choosing and binding it: once more
        {
            settings = settings with { Port = Http.FreePort() };
            cluster = await EmbeddedPostgres.StartAsync(settings, NullLogger.Instance, TestContext.Current.CancellationToken);
        }
        try
        {
            await using var app = new HubAppFactory(cluster.ConnectionString);
            var client = app.CreateClient();
            Assert.True(await ReadyIs(client, HttpStatusCode.OK));

            await cluster.StopAsync();
            Assert.True(await ReadyIs(client, HttpStatusCode.ServiceUnavailable));

            cluster = await EmbeddedPostgres.StartAsync(settings, NullLogger.Instance, TestContext.Current.CancellationToken);
            Assert.True(await ReadyIs(client, HttpStatusCode.OK));
        }
        finally
        {
            await cluster.StopAsync();
            Directory.Delete(root, recursive: true);
        }
    }

    private static Task<bool> ReadyIs(HttpClient client, HttpStatusCode expected) =>
        Http.EventuallyAsync(async () => (await client.GetJsonAsync("/health/ready")).Status == expected, TimeSpan.FromSeconds(30));
}
