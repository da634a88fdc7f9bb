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
        Assert.Equal(["1", "PEN-100-BL", "60", "EA", "0.85 EUR"], new[] { cells[0], cells[1], cells[4], cells[5], cells[6] });
        Assert.Matches("^ih-[0-9a-f]{16}$", cells[2]); // the SupplierPartAuxiliaryID the hub issued for the cart line
        Assert.Equal(1, await page.Locator("#cart tbody tr").CountAsync());
        var body = await page.Locator("main").InnerTextAsync();
        Assert.Contains("total 51.00 EUR; 1 lines", body, StringComparison.Ordinal);
        Assert.Contains("cXML-base64:", body, StringComparison.Ordinal);
        Assert.Contains("<PunchOutOrderMessage>", body, StringComparison.Ordinal);
    }
}

/// <summary>The punchout tester's OCI half in Chromium: it logs in as the OCI buyer, the user shops, and its HOOK_URL shows the NEW_ITEM lines.</summary>
public sealed class OciPunchoutTesterBrowserTests(KestrelHubFixture hub) : IClassFixture<KestrelHubFixture>
{
    [Fact]
    public async Task OciTester_ShowsTheDecodedLines_WhenItDrivesAnOciPunchoutEndToEnd()
    {
        hub.SkipWithoutDatabase();
        await using var browser = await Chromium.LaunchAsync();
        await browser.Context.SetExtraHTTPHeadersAsync(new Dictionary<string, string> { ["X-Api-Key"] = HubAppFactory.AdminKey });
        var page = await browser.Context.NewPageAsync();

        await page.GotoAsync(hub.Origin + PunchoutTester.Path);
        await page.SelectOptionAsync("#oci select[name=partner]", "demo-buyer");
        await page.SelectOptionAsync("#oci select[name=version]", "5.0");
        await page.FillAsync("#oci input[name=contract]", "C-2026-OFFICE");
        await page.ClickAsync("button:has-text('Send OCI login')");
        var sent = await page.Locator("#parameters").InnerTextAsync();
        Assert.Contains("[the value of Partners:demo-buyer:OciPassword]", sent, StringComparison.Ordinal);
        Assert.Contains(hub.Origin + OciPunchoutTester.ReceivePath, sent, StringComparison.Ordinal);
        Assert.Equal("5.0", await page.Locator("#parameters tr:has(th:text-is('OCI_VERSION')) td").InnerTextAsync());
        Assert.DoesNotContain(PunchoutFixture.Password, await page.ContentAsync(), StringComparison.Ordinal);
        await page.ClickAsync("text=Open the catalog");

        var catalog = page.Locator("body");
        await catalog.Locator("text=Shopping for Demo Buyer Inc., contract C-2026-OFFICE").WaitForAsync();
        await OciBrowserTests.SearchAndAddAsync(catalog, "ballpoint blue", "PEN-100-BL", "60");
        await OciBrowserTests.SearchAndAddAsync(catalog, "copy paper", "PAP-A4-80", "2");
        await page.Locator("button:has-text('Transfer to Demo Buyer Inc.')").ClickAsync();

        await page.Locator("h1:has-text('The OCI cart the buyer received')").WaitForAsync();
        var rows = new List<string[]>();
        foreach (var row in await page.Locator("#cart tbody tr").AllAsync()) rows.Add([.. await row.Locator("td").AllInnerTextsAsync()]);
        Assert.Equal(2, rows.Count);
        // n, VENDORMAT, EXT_PRODUCT_ID, QUANTITY, UNIT, PRICE, PRICEUNIT, CURRENCY, MATGROUP: the contract's paper price, the general pen price.
        Assert.Equal(("1", "PEN-100-BL", "PEN-100-BL", 60m, "EA", 0.85m, 1m, "EUR", "44121704"), Line(rows[0]));
        Assert.Equal(("2", "PAP-A4-80", "PAP-A4-80", 2m, "RM", 3.40m, 1m, "EUR", "14111507"), Line(rows[1]));
        var body = await page.Locator("main").InnerTextAsync();
        Assert.Contains("~OkCode ADDI", body, StringComparison.Ordinal);
        Assert.Contains("~CALLER CTLG", body, StringComparison.Ordinal);
    }

    private static (string, string, string, decimal, string, decimal, decimal, string, string) Line(string[] cells) =>
        (cells[0], cells[1], cells[2], Number(cells[4]), cells[5], Number(cells[6]), Number(cells[7]), cells[8], cells[9]);

    private static decimal Number(string text) => decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
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
    public async Task OciLogin_Answers403_WhenABuyerNamesTheTestersReceiverAsHookUrl()
    {
        var client = hub.Client();
        client.BaseAddress = new Uri("http://hub.internal/");
        var before = await hub.SessionCountAsync();

        using var login = await client.PostAsync("/oci/demo-buyer",
            new FormUrlEncodedContent(PunchoutFixture.Login(("HOOK_URL", "http://hub.internal" + OciPunchoutTester.ReceivePath))), Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, login.StatusCode);
        Assert.Equal(before, await hub.SessionCountAsync());
    }

    [Fact]
    public async Task OciTester_Answers401_WithoutTheAdminKey()
    {
        using var login = await hub.Client().PostAsync(OciPunchoutTester.SetupPath,
            new FormUrlEncodedContent(new Dictionary<string, string> { ["partner"] = "demo-buyer" }), Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
    }

    [Theory]
    [InlineData(PunchoutTester.Path + "/setup")]
    [InlineData(OciPunchoutTester.SetupPath)]
    public async Task Tester_RefusesToStart_WhenTheFormComesFromAnotherSite(string path)
    {
        var client = hub.Client();
        var before = await hub.SessionCountAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
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
