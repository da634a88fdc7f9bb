using System.Net;
using IntegrationHub.Features.Punchout;
using IntegrationHub.Host.Tests.Fixtures;

namespace IntegrationHub.Host.Tests.Features.Punchout;

/// <summary>The punchout tester in Chromium: it plays the cXML buyer, the user shops, and its receiver shows the decoded cart.</summary>
public sealed class PunchoutTesterBrowserTests(KestrelHubFixture hub) : IClassFixture<KestrelHubFixture>
{
    [Fact]
    public async Task Tester_ShowsTheDecodedCart_WhenItDrivesACxmlPunchoutEndToEnd()
    {
        hub.SkipWithoutDatabase();
        await using var browser = await Chromium.LaunchAsync();
        await browser.Context.SetExtraHTTPHeadersAsync(new Dictionary<string, string> { ["X-Api-Key"] = HubAppFactory.AdminKey });
        var page = await browser.Context.NewPageAsync();

        await page.GotoAsync(hub.Origin + PunchoutTester.Path);
        await page.SelectOptionAsync("select[name=partner]", "demo-buyer");
        await page.ClickAsync("button:has-text('Send PunchOutSetupRequest')");
        Assert.Contains("Answer: 200", await page.Locator("#status").InnerTextAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(PunchoutFixture.CxmlSecret, await page.ContentAsync(), StringComparison.Ordinal);
        await page.ClickAsync("text=Open the StartPage");

        await page.Locator("text=Shopping for Demo Buyer Inc.").WaitForAsync();
        await page.Locator("input[name=q]").FillAsync("ballpoint blue");
        await page.Locator("header button:has-text('Search')").ClickAsync();
        var row = page.Locator("tr[data-product='PEN-100-BL']");
        await row.Locator("input[name=quantity]").FillAsync("60");
        await row.Locator("button:has-text('Add to cart')").ClickAsync();
        await page.Locator("p.total:has-text('51.00 EUR')").WaitForAsync();
        await page.Locator("button:has-text('Transfer to Demo Buyer Inc.')").ClickAsync();

        await page.Locator("h1:has-text('The cart the buyer received')").WaitForAsync();
        var cells = await page.Locator("#cart tbody tr").First.Locator("td").AllInnerTextsAsync();
        Assert.Equal(["1", "PEN-100-BL", "", "60", "EA", "0.85 EUR"], new[] { cells[0], cells[1], cells[2], cells[4], cells[5], cells[6] });
        Assert.Equal(1, await page.Locator("#cart tbody tr").CountAsync());
        var body = await page.Locator("main").InnerTextAsync();
        Assert.Contains("total 51.00 EUR; 1 lines", body, StringComparison.Ordinal);
        Assert.Contains("cXML-base64:", body, StringComparison.Ordinal);
        Assert.Contains("<PunchOutOrderMessage>", body, StringComparison.Ordinal);
    }
}

/// <summary>The tester's guards over HTTP: the admin key, and a receiver that no real buyer may name as its return URL.</summary>
public sealed class PunchoutTesterTests(PunchoutFixture hub) : IClassFixture<PunchoutFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Tester_Answers401_WithoutTheAdminKey()
    {
        using var page = await hub.Client().GetAsync(PunchoutTester.Path, Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, page.StatusCode);
    }

    [Fact]
    public async Task PunchOutSetupRequest_Answers403_WhenABuyerNamesTheTestersReceiver()
    {
        // The hub as the buyer reaches it is hub.internal, a host not on demo-buyer's returnUrlHosts (which allow localhost).
        var client = hub.Client();
        client.BaseAddress = new Uri("http://hub.internal/");
        var response = await PunchoutFixture.PostCxmlAsync(client, PunchoutFixture.SetupRequest(returnUrl: "http://hub.internal" + PunchoutTester.ReceivePath));

        Assert.Equal(403, PurchaseOrders.Documents.StatusCode(response));
    }

    [Fact]
    public async Task Tester_RefusesToStart_WhenTheFormComesFromAnotherSite()
    {
        var client = hub.Client();
        var before = await hub.SessionCountAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, PunchoutTester.Path + "/setup")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["partner"] = "demo-buyer" }),
        };
        request.Headers.Add("X-Api-Key", HubAppFactory.AdminKey);
        request.Headers.Add("Sec-Fetch-Site", "cross-site");

        using var refused = await client.SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(before, await hub.SessionCountAsync());
    }
}
