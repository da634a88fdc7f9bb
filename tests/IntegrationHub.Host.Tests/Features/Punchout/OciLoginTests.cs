using System.Net;
using IntegrationHub.Features.Punchout;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Host.Tests.Features.Punchout;

public sealed class OciLoginTests(PunchoutFixture hub) : IClassFixture<PunchoutFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Login_RedirectsToCatalogWithOneShotToken_WhenCredentialsAndHookUrlAreRight()
    {
        var client = hub.Client();
        var start = await PunchoutFixture.LoginForStartAsync(client);

        using var opened = await client.GetAsync(start, Cancel);
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Matches("^/punchout/s/[A-Za-z0-9_-]{43}/$", opened.Headers.Location!.OriginalString);
        var cookie = Assert.Single(opened.Headers.GetValues("Set-Cookie"));
        Assert.Contains("samesite=none", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);

        using var home = await client.GetAsync(opened.Headers.Location, Cancel);
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("Shopping for Demo Buyer Inc.", await home.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_WorksAsGetWithQueryParameters()
    {
        var query = string.Join('&', PunchoutFixture.Login().Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));

        using var login = await hub.Client().GetAsync("/oci/demo-buyer?" + query, Cancel);

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.StartsWith("/punchout/start?token=", login.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("demo-buyer", "not-the-password")]
    [InlineData("someone-else", PunchoutFixture.Password)]
    [InlineData("demo-buyer", "")]
    public async Task Login_Returns401_WhenUsernameOrPasswordIsWrong(string username, string password)
    {
        using var login = await hub.Client().PostAsync("/oci/demo-buyer",
            new FormUrlEncodedContent(PunchoutFixture.Login(("USERNAME", username), ("PASSWORD", password))), Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        var page = await login.Content.ReadAsStringAsync(Cancel);
        Assert.Contains("USERNAME or PASSWORD is wrong", page, StringComparison.Ordinal);
        Assert.DoesNotContain(PunchoutFixture.Password, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_CostsADecoySecretCheck_WhenUsernameIsUnknown()
    {
        var secrets = hub.App.Services.GetRequiredService<IntegrationHub.Features.PurchaseOrders.PartnerSecrets>();
        var client = hub.Client();
        var before = secrets.DecoyRuns;

        using var known = await client.PostAsync("/oci/demo-buyer", new FormUrlEncodedContent(PunchoutFixture.Login(("PASSWORD", "wrong"))), Cancel);
        Assert.Equal(before, secrets.DecoyRuns);
        using var unknown = await client.PostAsync("/oci/demo-buyer",
            new FormUrlEncodedContent(PunchoutFixture.Login(("USERNAME", "nobody"), ("PASSWORD", "wrong"))), Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, known.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(before + 1, secrets.DecoyRuns);
    }

    [Fact]
    public async Task Login_Returns404_WhenPartnerIsUnknown()
    {
        using var login = await hub.Client().PostAsync("/oci/no-such-buyer", new FormUrlEncodedContent(PunchoutFixture.Login()), Cancel);

        Assert.Equal(HttpStatusCode.NotFound, login.StatusCode);
        Assert.Contains("No punchout partner \u201cno-such-buyer\u201d", WebUtility.HtmlDecode(await login.Content.ReadAsStringAsync(Cancel)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://evil.example.com/sap/bc/gui")]
    [InlineData("https://localhost.evil.example.com/hook")]
    [InlineData("javascript:alert(1)")]
    public async Task Login_Returns403_WhenHookUrlHostIsNotAllowed(string hookUrl)
    {
        using var login = await hub.Client().PostAsync("/oci/demo-buyer", new FormUrlEncodedContent(PunchoutFixture.Login(("HOOK_URL", hookUrl))), Cancel);

        Assert.True(login.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.BadRequest, $"{login.StatusCode}");
        Assert.Null(login.Headers.Location);
    }

    [Fact]
    public async Task Login_Returns400WithTheReason_WhenHookUrlIsMissing()
    {
        using var login = await hub.Client().PostAsync("/oci/demo-buyer", new FormUrlEncodedContent(PunchoutFixture.Login(("HOOK_URL", null))), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, login.StatusCode);
        Assert.Contains("HOOK_URL is missing.", await login.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_Returns410_WhenTokenIsReused()
    {
        var client = hub.Client();
        var start = await PunchoutFixture.LoginForStartAsync(client);
        using var first = await client.GetAsync(start, Cancel);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);

        using var second = await client.GetAsync(start, Cancel);

        Assert.Equal(HttpStatusCode.Gone, second.StatusCode);
        Assert.Contains("has been used already", await second.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_Returns410_WhenTokenExpired()
    {
        var client = hub.Client();
        var start = await PunchoutFixture.LoginForStartAsync(client);
        hub.Clock.Advance(TimeSpan.FromMinutes(6));

        using var opened = await client.GetAsync(start, Cancel);

        Assert.Equal(HttpStatusCode.Gone, opened.StatusCode);
        Assert.Contains("has expired", await opened.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_OpensTheSessionOnce_WhenTheTokenIsSpentConcurrently()
    {
        var sessions = hub.App.Services.GetRequiredService<PunchoutSessionStore>();
        var (_, start, _) = await sessions.CreateAsync(new NewPunchoutSession("demo-buyer", "test", "oci", PunchoutSession.Create, "demo-buyer", null,
            PunchoutFixture.HookUrl), Cancel);

        var attempts = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => sessions.StartAsync(start, Cancel), Cancel)));

        Assert.Single(attempts, a => a.Session is not null);
        Assert.All(attempts.Where(a => a.Session is null), a => Assert.Equal(StartRefusal.Used, a.Refusal));
    }

    [Fact]
    public async Task Start_Returns404_WhenTokenIsUnknown()
    {
        using var opened = await hub.Client().GetAsync("/punchout/start?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", Cancel);

        Assert.Equal(HttpStatusCode.NotFound, opened.StatusCode);
    }

    [Fact]
    public async Task Page_Returns404_WhenTheSessionHasExpired()
    {
        var client = hub.Client();
        var token = await PunchoutFixture.OpenSessionAsync(client);
        using (var before = await client.GetAsync($"/punchout/s/{token}/cart", Cancel)) Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        hub.Clock.Advance(TimeSpan.FromMinutes(121));

        using var after = await client.GetAsync($"/punchout/s/{token}/cart", Cancel);
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
    }

    [Fact]
    public async Task Page_Returns404_WhenSessionTokenIsUnknown()
    {
        using var page = await hub.Client().GetAsync("/punchout/s/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/cart", Cancel);

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains("does not exist or has expired", await page.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BackgroundSearch_AnswersOciItemFields_ForTheSearchString()
    {
        using var answer = await hub.Client().PostAsync("/oci/demo-buyer",
            new FormUrlEncodedContent(PunchoutFixture.Login(("FUNCTION", "BACKGROUND_SEARCH"), ("SEARCHSTRING", "ballpoint"))), Cancel);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var fields = PunchoutFixture.HiddenFields(await answer.Content.ReadAsStringAsync(Cancel)).ToDictionary(f => f.Key, f => f.Value);
        var parts = new[] { fields["NEW_ITEM-VENDORMAT[1]"], fields["NEW_ITEM-VENDORMAT[2]"] }.Order().ToArray();
        Assert.Equal(["PEN-100-BK", "PEN-100-BL"], parts);
        Assert.False(fields.ContainsKey("NEW_ITEM-VENDORMAT[3]"));
        Assert.Equal("0.95", fields["NEW_ITEM-PRICE[1]"]); // the demo buyer's price, not the list price 1.20
        Assert.Equal("EA", fields["NEW_ITEM-UNIT[1]"]);
        Assert.Equal("ADDI", fields["~OkCode"]);
    }

    [Fact]
    public async Task Validate_AnswersTheItemAtTheQuantityBreakPrice()
    {
        using var answer = await hub.Client().PostAsync("/oci/demo-buyer", new FormUrlEncodedContent(PunchoutFixture.Login(
            ("FUNCTION", "VALIDATE"), ("PRODUCTID", "PEN-100-BL"), ("QUANTITY", "250"))), Cancel);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var fields = PunchoutFixture.HiddenFields(await answer.Content.ReadAsStringAsync(Cancel)).ToDictionary(f => f.Key, f => f.Value);
        Assert.Equal("PEN-100-BL", fields["NEW_ITEM-EXT_PRODUCT_ID[1]"]);
        Assert.Equal("250", fields["NEW_ITEM-QUANTITY[1]"]);
        Assert.Equal("0.72", fields["NEW_ITEM-PRICE[1]"]);
    }

    [Fact]
    public async Task Validate_Returns404_WhenProductIsUnknown()
    {
        using var answer = await hub.Client().PostAsync("/oci/demo-buyer", new FormUrlEncodedContent(PunchoutFixture.Login(
            ("FUNCTION", "VALIDATE"), ("PRODUCTID", "NO-SUCH-PART"))), Cancel);

        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
    }

    [Fact]
    public async Task Detail_OpensTheProductPage()
    {
        var client = hub.Client();
        var start = await PunchoutFixture.LoginForStartAsync(client, ("FUNCTION", "DETAIL"), ("PRODUCTID", "PAP-A4-80|BOX5"));

        using var opened = await client.GetAsync(start, Cancel);
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        using var page = await client.GetAsync(opened.Headers.Location, Cancel);

        Assert.EndsWith($"/product/{await hub.ProductIdAsync("PAP-A4-80", "BOX5")}", opened.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Contains("box of 5 reams", await page.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_CarryPerPartnerFrameAncestors()
    {
        var client = hub.Client();
        var token = await PunchoutFixture.OpenSessionAsync(client);

        using var page = await client.GetAsync($"/punchout/s/{token}/", Cancel);

        var csp = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'self' https://localhost:* http://localhost:* https://127.0.0.1:* http://127.0.0.1:*", csp, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.False(page.Headers.Contains("X-Frame-Options"));
        Assert.Equal("no-referrer", page.Headers.GetValues("Referrer-Policy").Single());
    }
}
