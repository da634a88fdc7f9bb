using System.Net;

namespace IntegrationHub.Host.Tests.Features.Punchout;

/// <summary>Hub:MaxRequestBodyBytes on real Kestrel (the in-memory test server does not enforce it).</summary>
public sealed class OciRequestLimitTests(KestrelHubFixture hub) : IClassFixture<KestrelHubFixture>
{
    [Fact]
    public async Task Login_Returns413Page_WhenTheBodyIsLargerThanTheLimit()
    {
        hub.SkipWithoutDatabase();
        using var client = new HttpClient { BaseAddress = new Uri(hub.Origin) };
        var login = PunchoutFixture.Login(("PADDING", new string('x', KestrelHubFixture.MaxRequestBodyBytes * 2)));

        using var response = await client.PostAsync("/oci/demo-buyer", new FormUrlEncodedContent(login), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("larger than this hub accepts", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_Redirects_WhenTheBodyIsWithinTheLimit()
    {
        hub.SkipWithoutDatabase();
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(hub.Origin) };

        using var response = await client.PostAsync("/oci/demo-buyer", new FormUrlEncodedContent(PunchoutFixture.Login()), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}
