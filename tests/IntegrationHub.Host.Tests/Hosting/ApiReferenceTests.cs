using System.Net;
using IntegrationHub.Host.Tests.Fixtures;

namespace IntegrationHub.Host.Tests.Hosting;

public sealed class ApiReferenceTests(HubDatabaseFixture database) : IClassFixture<HubDatabaseFixture>
{
    [Fact]
    public async Task OpenApi_DescribesTheAdminApi_WhenFetchedAnonymously()
    {
        var (status, document) = await database.App.CreateClient().GetJsonAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, status);
        var operation = document.GetProperty("paths").GetProperty("/api/admin/status").GetProperty("get");
        Assert.True(operation.GetProperty("security")[0].TryGetProperty("AdminKey", out _));
        Assert.Equal("X-Api-Key", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("AdminKey").GetProperty("name").GetString());
    }

    [Fact]
    public async Task ApiReference_ServesPageAndItsScript_WhenFetchedAnonymously()
    {
        var client = database.App.CreateClient();

        using var page = await client.GetAsync("/api-reference/", TestContext.Current.CancellationToken);
        var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var script = await client.GetAsync("/api-reference/scalar.js", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("openapi/v1.json", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }
}
