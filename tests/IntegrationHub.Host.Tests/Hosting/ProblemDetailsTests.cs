using System.Net;
using IntegrationHub.Host.Tests.Fixtures;

namespace IntegrationHub.Host.Tests.Hosting;

public sealed class ProblemDetailsTests(HubDatabaseFixture database) : IClassFixture<HubDatabaseFixture>
{
    [Fact]
    public async Task UnknownPath_AnswersProblemDetails()
    {
        using var response = await database.App.CreateClient().GetAsync("/no/such/thing", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
