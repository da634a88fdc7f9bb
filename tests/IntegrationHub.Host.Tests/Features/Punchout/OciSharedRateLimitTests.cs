using System.Net;
using IntegrationHub.Features.Punchout;
using IntegrationHub.Host.Tests.Fixtures;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Host.Tests.Features.Punchout;

/// <summary>Two hub processes on one database, as behind a load balancer: the OCI rate limit is one budget for both.</summary>
public sealed class OciSharedRateLimitTests(PostgresServer server)
{
    [Fact]
    public async Task SecondHub_Returns429_WhenTheFirstHasSpentTheClientsLimit()
    {
        var (first, second, _) = await HubsAsync("ratelimit_shared", shared: true);
        await using (first)
        await using (second)
        {
            await SpendTheLimitAsync(first);
            using var refused = await PostLoginAsync(second, 2);
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            var retry = int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(retry, 1, 60);
            Assert.Contains("too many calls", await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task SecondHub_AllowsTheCall_InTheNextWindow()
    {
        var (first, second, clock) = await HubsAsync("ratelimit_window", shared: true);
        await using (first)
        await using (second)
        {
            await SpendTheLimitAsync(first);
            clock.Advance(TimeSpan.FromMinutes(1));
            Assert.Equal(HttpStatusCode.Unauthorized, await LoginAsync(second, 2));
        }
    }

    [Fact]
    public async Task SecondHub_CountsOnItsOwn_WhenTheSharedLimitIsOff()
    {
        var (first, second, _) = await HubsAsync("ratelimit_local", shared: false);
        await using (first)
        await using (second)
        {
            await SpendTheLimitAsync(first);
            Assert.Equal(HttpStatusCode.TooManyRequests, await LoginAsync(first, 2));
            Assert.Equal(HttpStatusCode.Unauthorized, await LoginAsync(second, 3));
        }
    }

    private async Task<(HubAppFactory First, HubAppFactory Second, ManualClock Clock)> HubsAsync(string database, bool shared)
    {
        var connection = await server.CreateDatabaseAsync(database);
        var clock = new ManualClock();
        var settings = new Dictionary<string, string?>
        {
            ["Partners:demo-buyer:OciPassword"] = PunchoutFixture.Password,
            ["Punchout:OciCallsPerMinute"] = "2",
            ["Punchout:SharedRateLimit"] = shared ? "true" : "false",
        };
        void Clock(IServiceCollection services) => services.AddSingleton<TimeProvider>(clock);
        return (new HubAppFactory(connection, settings, Clock), new HubAppFactory(connection, settings, Clock), clock);
    }

    // The limit is 2: two wrong passwords, both answered 401.
    private static async Task SpendTheLimitAsync(HubAppFactory hub)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, await LoginAsync(hub, 0));
        Assert.Equal(HttpStatusCode.Unauthorized, await LoginAsync(hub, 1));
    }

    private static async Task<HttpStatusCode> LoginAsync(HubAppFactory hub, int attempt)
    {
        using var response = await PostLoginAsync(hub, attempt);
        return response.StatusCode;
    }

    private static Task<HttpResponseMessage> PostLoginAsync(HubAppFactory hub, int attempt) =>
        hub.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false })
            .PostAsync("/oci/demo-buyer", new FormUrlEncodedContent(PunchoutFixture.Login(("PASSWORD", "guess-" + attempt))),
                TestContext.Current.CancellationToken);
}
