using System.Globalization;
using System.Net;
using System.Text;
using IntegrationHub.Formats.Cxml;
using IntegrationHub.Host.Tests.Features.Punchout;
using IntegrationHub.Host.Tests.Fixtures;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Host.Tests.PurchaseOrders;

/// <summary>
/// The limits of <c>POST /cxml</c>, each answered as a cXML Status: refusals per caller (secret guessing), requests per
/// partner (per process, from configuration or the partner file), and the request size.
/// </summary>
public sealed class CxmlLimitsTests(PostgresServer server)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Cxml_Answers560WithoutCheckingTheSecret_WhenTheCallerHasSpentItsRefusals()
    {
        var clock = new ManualClock();
        await using var hub = await HubAsync("cxml_refusals", clock, ("Cxml:RefusedPerMinute", "2"));
        var client = Client(hub);

        Assert.Equal(401, await StatusAsync(client, PunchoutFixture.SetupRequest(secret: "guess-1")));
        Assert.Equal(401, await StatusAsync(client, PunchoutFixture.SetupRequest(secret: "guess-2")));
        using var locked = await PostAsync(client, PunchoutFixture.SetupRequest());

        var answer = await StatusOfAsync(locked);
        Assert.Equal((560, "Temporary Server Error"), (answer.Code, answer.Text));
        Assert.Contains("too many requests that were refused", answer.Detail, StringComparison.Ordinal);
        Assert.InRange(int.Parse(locked.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture), 1, 60);
        Assert.DoesNotContain(PunchoutFixture.CxmlSecret, answer.Detail, StringComparison.Ordinal);
        // Another claimed sender from the same address is another caller: its refusal is a 401, not the lockout.
        Assert.Equal(401, await StatusAsync(client, PunchoutFixture.SetupRequest().Replace("AN-DEMO-BUYER", "AN-SOMEONE-ELSE", StringComparison.Ordinal)));

        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(200, await StatusAsync(client, PunchoutFixture.SetupRequest()));
    }

    [Fact]
    public async Task Cxml_CountsUnreadableDocumentsAsRefusals()
    {
        await using var hub = await HubAsync("cxml_unreadable", new ManualClock(), ("Cxml:RefusedPerMinute", "1"));
        var client = Client(hub);

        Assert.Equal(406, await StatusAsync(client, "<cXML><Header>"));
        Assert.Equal(560, await StatusAsync(client, "<cXML><Header>"));
    }

    [Fact]
    public async Task SecondHub_LocksTheCallerOut_WhenTheFirstHasCountedItsRefusals()
    {
        var connection = await server.CreateDatabaseAsync("cxml_refusals_shared");
        var clock = new ManualClock();
        await using var first = Hub(connection, clock, ("Cxml:RefusedPerMinute", "2"));
        await using var second = Hub(connection, clock, ("Cxml:RefusedPerMinute", "2"));

        Assert.Equal(401, await StatusAsync(Client(first), PunchoutFixture.SetupRequest(secret: "guess-1")));
        Assert.Equal(401, await StatusAsync(Client(second), PunchoutFixture.SetupRequest(secret: "guess-2")));
        // The second hub counted the caller's second refusal in the shared table and now refuses it itself; the first learns of
        // it with its next refusal of that caller.
        Assert.Equal(560, await StatusAsync(Client(second), PunchoutFixture.SetupRequest()));
        Assert.Equal(401, await StatusAsync(Client(first), PunchoutFixture.SetupRequest(secret: "guess-3")));
        Assert.Equal(560, await StatusAsync(Client(first), PunchoutFixture.SetupRequest()));
    }

    [Fact]
    public async Task Cxml_Answers560_WhenThePartnerHasSentItsRequestsOfTheMinute()
    {
        var clock = new ManualClock();
        await using var hub = await HubAsync("cxml_requests", clock, ("Cxml:RequestsPerMinute", "2"));
        var client = Client(hub);

        Assert.Equal(200, await StatusAsync(client, PunchoutFixture.SetupRequest()));
        Assert.Equal(200, await StatusAsync(client, PunchoutFixture.SetupRequest()));
        using var limited = await PostAsync(client, PunchoutFixture.SetupRequest());

        var answer = await StatusOfAsync(limited);
        Assert.Equal(560, answer.Code);
        Assert.Contains("demo-buyer has sent more requests this minute than its limit allows", answer.Detail, StringComparison.Ordinal);
        Assert.True(limited.Headers.Contains("Retry-After"));
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(200, await StatusAsync(client, PunchoutFixture.SetupRequest()));
    }

    [Fact]
    public async Task Cxml_TakesThePartnerFilesLimit_OverTheConfiguredOne()
    {
        if (server.Unavailable is not null) Assert.Skip(server.Unavailable);
        using var mappings = new MappingsCopy();
        await File.AppendAllTextAsync(mappings.File("partners/demo-buyer/partner.yaml"), "\nlimits:\n  cxmlRequestsPerMinute: 1\n", Cancel);
        await using var hub = Hub(await server.CreateDatabaseAsync("cxml_partner_limit"), new ManualClock(),
            ("Hub:MappingsPath", mappings.Folder), ("Cxml:RequestsPerMinute", "1000"));
        var client = Client(hub);

        Assert.Equal(200, await StatusAsync(client, PunchoutFixture.SetupRequest()));
        Assert.Equal(560, await StatusAsync(client, PunchoutFixture.SetupRequest()));
    }

    [Fact]
    public async Task Cxml_Answers406_WhenTheBodyIsLargerThanTheServersLimit()
    {
        if (server.Unavailable is not null) Assert.Skip(server.Unavailable);
        await using var hub = Hub(await server.CreateDatabaseAsync("cxml_size"), new ManualClock(), ("Hub:MaxRequestBodyBytes", "4096"));
        var port = Http.FreePort();
        hub.UseKestrel(port);
        hub.StartServer();
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}") };
        var padded = PunchoutFixture.SetupRequest().Replace("<ShipTo>", "<!--" + new string('x', 8192) + "--><ShipTo>", StringComparison.Ordinal);

        using var response = await PostAsync(client, padded);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await StatusOfAsync(response);
        Assert.Equal(406, answer.Code);
        Assert.Contains("larger than this hub takes (4096 bytes, Hub:MaxRequestBodyBytes)", answer.Detail, StringComparison.Ordinal);
        Assert.Equal(200, await StatusAsync(client, PunchoutFixture.SetupRequest()));
    }

    private async Task<HubAppFactory> HubAsync(string database, ManualClock clock, params (string Key, string Value)[] settings) =>
        Hub(await server.CreateDatabaseAsync(database), clock, settings);

    private HubAppFactory Hub(string connection, ManualClock clock, params (string Key, string Value)[] settings)
    {
        if (server.Unavailable is not null) Assert.Skip(server.Unavailable);
        var configuration = new Dictionary<string, string?> { ["Partners:demo-buyer:CxmlSharedSecret"] = PunchoutFixture.CxmlSecret };
        foreach (var (key, value) in settings) configuration[key] = value;
        return new HubAppFactory(connection, configuration, services => services.AddSingleton<TimeProvider>(clock));
    }

    private static HttpClient Client(HubAppFactory hub) =>
        hub.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string document) =>
        client.PostAsync("/cxml", Documents.Xml(document), Cancel);

    private static async Task<int> StatusAsync(HttpClient client, string document)
    {
        using var response = await PostAsync(client, document);
        return (await StatusOfAsync(response)).Code;
    }

    private static async Task<CxmlStatus> StatusOfAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsByteArrayAsync(Cancel);
        Assert.Empty(CxmlDtdValidator.Validate(body));
        return CxmlReader.Read(body).Document?.Status ?? throw new Xunit.Sdk.XunitException("No cXML Status: " + Encoding.UTF8.GetString(body));
    }
}
