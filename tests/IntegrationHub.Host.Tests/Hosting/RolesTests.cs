using System.Net;
using IntegrationHub.Host.Tests.Fixtures;

namespace IntegrationHub.Host.Tests.Hosting;

public sealed class RolesTests(HubDatabaseFixture database) : IClassFixture<HubDatabaseFixture>
{
    [Fact]
    public async Task WorkerOnly_ServesHealthButNoApi()
    {
        if (database.Server.Unavailable is not null) Assert.Skip(database.Server.Unavailable);
        await using var worker = new HubAppFactory(database.ConnectionString, new Dictionary<string, string?> { ["Hub:Roles"] = "Worker" });
        var client = worker.CreateAdminClient();

        var (live, _) = await client.GetJsonAsync("/health/live");
        using var status = await client.GetAsync("/api/admin/status", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, live);
        Assert.Equal(HttpStatusCode.NotFound, status.StatusCode);
    }

    [Fact]
    public async Task WebOnly_ReportsItsRole()
    {
        if (database.Server.Unavailable is not null) Assert.Skip(database.Server.Unavailable);
        await using var web = new HubAppFactory(database.ConnectionString, new Dictionary<string, string?> { ["Hub:Roles"] = "Web" });

        var (status, body) = await web.CreateAdminClient().GetJsonAsync("/api/admin/status");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Web", body.GetProperty("roles").GetString());
    }
}
