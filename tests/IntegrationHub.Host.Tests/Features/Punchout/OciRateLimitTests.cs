using System.Net;
using IntegrationHub.Host.Tests.Fixtures;
using Microsoft.AspNetCore.Mvc.Testing;

namespace IntegrationHub.Host.Tests.Features.Punchout;

public sealed class OciRateLimitTests(PostgresServer server)
{
    [Fact]
    public async Task Login_Returns429Page_WhenTheClientCallsMoreOftenThanTheLimit()
    {
        await using var app = new HubAppFactory(await server.CreateDatabaseAsync("ratelimit"), new Dictionary<string, string?>
        {
            ["Partners:demo-buyer:OciPassword"] = PunchoutFixture.Password,
            ["Punchout:OciCallsPerMinute"] = "2",
        });
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 3; i++)
        {
            last?.Dispose();
            last = await client.PostAsync("/oci/demo-buyer", new FormUrlEncodedContent(PunchoutFixture.Login(("PASSWORD", "guess-" + i))),
                TestContext.Current.CancellationToken);
            statuses.Add(last.StatusCode);
        }

        using (last)
        {
            Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
            Assert.True(int.Parse(last!.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
            Assert.Contains("too many calls", await last.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }
    }
}
