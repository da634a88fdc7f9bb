using System.Globalization;
using IntegrationHub.Features.Punchout;
using IntegrationHub.Host.Tests.Fixtures;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace IntegrationHub.Host.Tests.Features.Punchout;

/// <summary>The hub on real Kestrel at 127.0.0.1, for a real browser; the demo catalog seeded.</summary>
public sealed class KestrelHubFixture(PostgresServer server) : IAsyncLifetime
{
    public const int MaxRequestBodyBytes = 65_536;

    private WebApplicationFactory<Program>? _app;

    public string Origin { get; private set; } = string.Empty;

    public async ValueTask InitializeAsync()
    {
        if (server.Unavailable is not null) return;
        var port = Http.FreePort();
        var factory = new HubAppFactory(await server.CreateDatabaseAsync("browser"), new Dictionary<string, string?>
        {
            ["Partners:demo-buyer:OciPassword"] = PunchoutFixture.Password,
            ["Partners:demo-buyer:CxmlSharedSecret"] = PunchoutFixture.CxmlSecret,
            ["Hub:MaxRequestBodyBytes"] = MaxRequestBodyBytes.ToString(CultureInfo.InvariantCulture),
        });
        factory.UseKestrel(port);
        factory.StartServer();
        _app = factory;
        Origin = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        var database = factory.Services.GetRequiredService<IntegrationHub.Persistence.HubDatabase>();
        await database.WhenReady.WaitAsync(TimeSpan.FromSeconds(60));
        await DemoCatalog.SeedAsync(database.DataSource, CancellationToken.None);
    }

    public void SkipWithoutDatabase()
    {
        if (server.Unavailable is not null) Assert.Skip(server.Unavailable);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }
}

/// <summary>
/// End to end in Chromium: a buyer system on localhost posts the OCI login to the hub on 127.0.0.1 (another site), or plays Coupa
/// or Ariba (a cXML PunchOutSetupRequest, then the StartPage in the browser); the user searches, adds two products, edits a
/// quantity and transfers; the buyer's HOOK_URL (or BrowserFormPost URL) receives the NEW_ITEM fields (or the cXML cart).
/// </summary>
public sealed class OciBrowserTests(KestrelHubFixture hub) : IClassFixture<KestrelHubFixture>
{
    [Theory]
    [InlineData("top")]
    [InlineData("frame")]
    public async Task Punchout_ReturnsTheCartToTheHookUrl_WhenTheBuyerShopsInTheBrowser(string how)
    {
        hub.SkipWithoutDatabase();
        await using var browser = await Chromium.LaunchAsync();
        await using var buyer = await OciBuyerReceiver.StartAsync(hub.Origin, PunchoutFixture.Password);
        var page = await browser.Context.NewPageAsync();

        await page.GotoAsync($"{buyer.Origin}/buyer/{how}");
        await page.ClickAsync("text=Punch out");
        if (how == "frame") await page.WaitForSelectorAsync("iframe[name=catalog]");
        var catalog = how == "frame" ? page.FrameLocator("iframe[name=catalog]").Locator("body") : page.Locator("body");

        await catalog.Locator("text=Shopping for Demo Buyer Inc.").WaitForAsync();
        await SearchAndAddAsync(catalog, "ballpoint blue", "PEN-100-BL", "10");
        await SearchAndAddAsync(catalog, "copy paper", "PAP-A4-80", "2");
        await catalog.Locator("tr[data-line='1'] input[name=quantity]").FillAsync("60");
        await catalog.Locator("tr[data-line='1'] button:has-text('Update')").ClickAsync();
        await catalog.Locator("p.total:has-text('58.80 EUR')").WaitForAsync();
        await catalog.Locator("button:has-text('Transfer to Demo Buyer Inc.')").ClickAsync();

        var fields = await buyer.Cart.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        var cart = fields.ToDictionary(f => f.Key, f => f.Value);
        Assert.Equal("ADDI", cart["~OkCode"]);
        Assert.Equal("CTLG", cart["~CALLER"]);
        AssertLine(cart, 1, "PEN-100-BL", "60", "0.85", "EA");
        AssertLine(cart, 2, "PAP-A4-80", "2", "3.90", "RM");
        Assert.DoesNotContain(cart.Keys, k => k.EndsWith("[3]", StringComparison.Ordinal));
        var total = Enumerable.Range(1, 2).Sum(i => Number(cart[$"NEW_ITEM-QUANTITY[{i}]"]) * Number(cart[$"NEW_ITEM-PRICE[{i}]"]) / Number(cart[$"NEW_ITEM-PRICEUNIT[{i}]"]));
        Assert.Equal(58.80m, total);
        // ~TARGET=_top: the whole buyer page (not just the frame) went to the HOOK_URL.
        var landed = await Http.EventuallyAsync(() => Task.FromResult(page.Url == buyer.HookUrl), TimeSpan.FromSeconds(15));
        Assert.True(landed, $"The buyer page is at {page.Url}; its frames: {string.Join(", ", page.Frames.Select(f => f.Url))}");
    }

    [Theory]
    [InlineData("top")]
    [InlineData("frame")]
    public async Task CxmlPunchout_ReturnsThePunchOutOrderMessageToBrowserFormPost_WhenTheBuyerShopsInTheBrowser(string how)
    {
        hub.SkipWithoutDatabase();
        await using var browser = await Chromium.LaunchAsync();
        await using var buyer = await OciBuyerReceiver.StartAsync(hub.Origin, PunchoutFixture.Password);
        using var system = new HttpClient { BaseAddress = new Uri(hub.Origin) };
        var setup = await PunchoutFixture.PostCxmlAsync(system, PunchoutFixture.SetupRequest(returnUrl: buyer.HookUrl, cookie: "coupa-" + how));
        var start = hub.Origin + PunchoutFixture.StartPage(setup);
        var page = await browser.Context.NewPageAsync();

        await page.GotoAsync(how == "frame" ? $"{buyer.Origin}/buyer/start?url={Uri.EscapeDataString(start)}" : start);
        var catalog = how == "frame" ? page.FrameLocator("iframe[name=catalog]").Locator("body") : page.Locator("body");
        await catalog.Locator("text=Shopping for Demo Buyer Inc.").WaitForAsync();
        await SearchAndAddAsync(catalog, "ballpoint blue", "PEN-100-BL", "10");
        await SearchAndAddAsync(catalog, "copy paper", "PAP-A4-80", "2");
        await catalog.Locator("tr[data-line='1'] input[name=quantity]").FillAsync("60");
        await catalog.Locator("tr[data-line='1'] button:has-text('Update')").ClickAsync();
        await catalog.Locator("p.total:has-text('58.80 EUR')").WaitForAsync();
        await catalog.Locator("button:has-text('Transfer to Demo Buyer Inc.')").ClickAsync();

        var fields = await buyer.Cart.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        var field = Assert.Single(fields);
        Assert.Equal("cXML-base64", field.Key);
        var bytes = Convert.FromBase64String(field.Value);
        Assert.Empty(IntegrationHub.Formats.Cxml.CxmlDtdValidator.Validate(bytes));
        var message = IntegrationHub.Formats.Cxml.CxmlReader.Read(bytes).Document!.Payload!;
        Assert.Equal("coupa-" + how, message.Element("BuyerCookie")!.Text);
        var lines = message.ElementsNamed("ItemIn").Select(i => (
            i.Attribute("quantity"), i.Element("ItemID")!.Element("SupplierPartID")!.Text, i.Element("ItemDetail")!.Element("UnitPrice")!.Element("Money")!.Text,
            i.Element("ItemDetail")!.Element("UnitOfMeasure")!.Text)).ToList();
        Assert.Equal([("60", "PEN-100-BL", "0.85", "EA"), ("2", "PAP-A4-80", "3.90", "RM")], lines);
        var total = message.Element("PunchOutOrderMessageHeader")!.Element("Total")!.Element("Money")!;
        Assert.Equal(("EUR", "58.80"), (total.Attribute("currency"), total.Text));
        Assert.Equal(58.80m, lines.Sum(l => Number(l.Item1!) * Number(l.Item3)));
    }

    [Fact]
    public async Task Catalog_RefusesToBeFramed_WhenTheFramingSiteIsNotOneOfTheBuyersHosts()
    {
        hub.SkipWithoutDatabase();
        await using var browser = await Chromium.LaunchAsync();
        // 127.0.0.2 is loopback too, but not in demo-buyer's returnUrlHosts, so the catalog's frame-ancestors leaves it out.
        await using var stranger = await OciBuyerReceiver.StartAsync(hub.Origin, PunchoutFixture.Password, host: "127.0.0.2");
        var page = await browser.Context.NewPageAsync();
        var refused = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("frame-ancestors", StringComparison.Ordinal)) refused.TrySetResult(message.Text);
        };

        await page.GotoAsync($"{stranger.Origin}/buyer/frame");
        await page.ClickAsync("text=Punch out");

        var violation = await refused.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.Contains("127.0.0.1", violation, StringComparison.Ordinal);
        Assert.Equal(0, await page.FrameLocator("iframe[name=catalog]").Locator("text=Shopping for").CountAsync());
    }

    internal static async Task SearchAndAddAsync(ILocator catalog, string query, string product, string quantity)
    {
        await catalog.Locator("input[name=q]").FillAsync(query);
        await catalog.Locator("header button:has-text('Search')").ClickAsync();
        var row = catalog.Locator($"tr[data-product='{product}']");
        await row.Locator("input[name=quantity]").FillAsync(quantity);
        await row.Locator("button:has-text('Add to cart')").ClickAsync();
        await catalog.Locator("h1:has-text('Your cart')").WaitForAsync();
    }

    private static void AssertLine(Dictionary<string, string> cart, int line, string part, string quantity, string price, string unit)
    {
        Assert.Equal(part, cart[$"NEW_ITEM-VENDORMAT[{line}]"]);
        Assert.Equal(part, cart[$"NEW_ITEM-EXT_PRODUCT_ID[{line}]"]);
        Assert.Equal(quantity, cart[$"NEW_ITEM-QUANTITY[{line}]"]);
        Assert.Equal(price, cart[$"NEW_ITEM-PRICE[{line}]"]);
        Assert.Equal(unit, cart[$"NEW_ITEM-UNIT[{line}]"]);
        Assert.Equal("EUR", cart[$"NEW_ITEM-CURRENCY[{line}]"]);
    }

    private static decimal Number(string text) => decimal.Parse(text, CultureInfo.InvariantCulture);
}
