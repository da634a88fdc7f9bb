using System.Net;
using System.Net.Http.Headers;
using System.Text;
using IntegrationHub.Host.Tests.Fixtures;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Host.Tests.Hosting;

public sealed class AdminAuthenticationTests(HubDatabaseFixture database) : IClassFixture<HubDatabaseFixture>
{
    [Theory]
    [InlineData("/api/admin/status")]
    [InlineData("/hangfire")]
    public async Task Get_Returns401WithBasicChallenge_WhenNoKeyIsPresented(string path)
    {
        using var response = await database.App.CreateClient().GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Basic", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task EveryAdminRoute_RequiresTheAdminKey()
    {
        await database.App.CreateClient().GetAsync("/health/live", TestContext.Current.CancellationToken); // builds the app's endpoints

        var admin = database.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/admin", StringComparison.Ordinal) == true).ToList();

        Assert.True(admin.Count >= 15, $"only {admin.Count} admin routes found");
        Assert.All(admin, e => Assert.Contains(e.Metadata.GetOrderedMetadata<IAuthorizeData>(),
            a => a.Policy == IntegrationHub.Hosting.AdminAuthenticationHandler.Policy));
    }

    [Theory]
    [InlineData("X-Api-Key", "not-the-key")]
    [InlineData("Authorization", "Bearer not-the-key")]
    [InlineData("Authorization", "Basic Og==")]
    [InlineData("Authorization", "Basic !!!not-base64")]
    public async Task Status_Returns401_WhenKeyIsWrongOrMalformed(string header, string value)
    {
        var client = database.App.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation(header, value);

        using var response = await client.GetAsync("/api/admin/status", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("X-Api-Key")]
    [InlineData("Bearer")]
    [InlineData("Basic")]
    public async Task Status_Returns200_WhenKeyIsPresentedAnyAcceptedWay(string how)
    {
        var client = database.App.CreateClient();
        switch (how)
        {
            case "X-Api-Key": client.DefaultRequestHeaders.Add("X-Api-Key", HubAppFactory.AdminKey); break;
            case "Bearer": client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", HubAppFactory.AdminKey); break;
            default: client.DefaultRequestHeaders.Authorization = Basic(HubAppFactory.AdminKey); break;
        }

        var (status, body) = await client.GetJsonAsync("/api/admin/status");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Web, Worker", body.GetProperty("roles").GetString());
        Assert.False(body.GetProperty("embeddedDatabase").GetBoolean());
    }

    [Fact]
    public async Task Dashboard_OpensInBrowser_WhenBasicPasswordIsTheKey()
    {
        var client = database.App.CreateClient();
        client.DefaultRequestHeaders.Authorization = Basic(HubAppFactory.AdminKey);

        using var response = await client.GetAsync("/hangfire", TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("IntegrationHub jobs", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DashboardPost_IsRefused_WithoutItsAntiforgeryToken()
    {
        var client = database.App.CreateClient();
        client.DefaultRequestHeaders.Authorization = Basic(HubAppFactory.AdminKey);

        // What a hostile page could make the administrator's browser send, with the cached Basic credentials.
        using var response = await client.PostAsync("/hangfire/jobs/enqueued/delete",
            new FormUrlEncodedContent([new("jobs[]", "1")]), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private static AuthenticationHeaderValue Basic(string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"admin:{password}")));
}
