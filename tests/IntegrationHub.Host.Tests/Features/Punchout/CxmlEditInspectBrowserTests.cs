using System.Globalization;
using IntegrationHub.Formats.Cxml;
using IntegrationHub.Host.Tests.Fixtures;
using Microsoft.Playwright;

namespace IntegrationHub.Host.Tests.Features.Punchout;

/// <summary>
/// Edit and inspect end to end in Chromium: the test plays Ariba or Coupa, sends a PunchOutSetupRequest with the cart it holds as
/// ItemOut lines, and the browser opens the StartPage. Edit: the cart is rebuilt with the buyer's SupplierPartAuxiliaryIDs, the user
/// changes a quantity and transfers, and the captured cart is checked line by line, then sent back as a second edit that rebuilds
/// the same cart. Inspect: the cart is shown read-only and a forged post to change or send it is refused on the server.
/// </summary>
public sealed class CxmlEditInspectBrowserTests(KestrelHubFixture hub) : IClassFixture<KestrelHubFixture>
{
    private static readonly (string, string, decimal)[] BuyerCart = [("PEN-100-BL", "", 60m), ("PAP-A4-80", "BOX5", 2m), ("NO-SUCH-PART", "", 1m)];

    [Fact]
    public async Task Edit_RebuildsTheCartAndReturnsTheChangedOne_WhenTheBuyerChangesAQuantity()
    {
        hub.SkipWithoutDatabase();
        await using var browser = await Chromium.LaunchAsync();
        await using var buyer = await OciBuyerReceiver.StartAsync(hub.Origin, PunchoutFixture.Password);
        var page = await browser.Context.NewPageAsync();

        await OpenAsync(page, "edit", buyer.HookUrl, "ariba-edit", BuyerCart);
        // The edit opens on the rebuilt cart: the two known products, in the buyer's order, the unknown one left out.
        Assert.Equal([["1", "PEN-100-BL", "60"], ["2", "PAP-A4-80|BOX5", "2"]], await CartRowsAsync(page));
        await page.Locator("tr[data-line='2'] input[name=quantity]").FillAsync("3");
        await page.Locator("tr[data-line='2'] button:has-text('Update')").ClickAsync();
        await page.Locator("p.total:has-text('103.50 EUR')").WaitForAsync();
        await page.Locator("button:has-text('Transfer to Demo Buyer Inc.')").ClickAsync();

        var message = await ReceivedAsync(buyer);
        Assert.Equal("ariba-edit", message.Element("BuyerCookie")!.Text);
        Assert.Equal("edit", message.Element("PunchOutOrderMessageHeader")!.Attribute("operationAllowed"));
        var lines = Lines(message);
        Assert.Equal([("1", "60", "PEN-100-BL", "0.85", "EA"), ("2", "3", "PAP-A4-80", "17.50", "BX")],
            lines.Select(l => (l.LineNumber, l.Quantity, l.Part, l.Price, l.Unit)));
        // Each line's auxiliary id is the catalog's (none, BOX5) with the line's reference; the second edit below returns it unchanged.
        Assert.Matches("^ih-[0-9a-f]{16}$", lines[0].Auxiliary);
        Assert.Matches("^BOX5/ih-[0-9a-f]{16}$", lines[1].Auxiliary);
        var total = message.Element("PunchOutOrderMessageHeader")!.Element("Total")!.Element("Money")!;
        Assert.Equal(("EUR", "103.50"), (total.Attribute("currency"), total.Text));

        // The buyer edits the cart it received: the same lines and SupplierPartAuxiliaryIDs come back. The page's post to the
        // hook has to have landed first: the receiver has the cart before the browser has loaded the hook's answer, and a
        // new navigation started in between is interrupted by that one.
        await page.WaitForURLAsync(buyer.HookUrl);
        await using var again = await OciBuyerReceiver.StartAsync(hub.Origin, PunchoutFixture.Password);
        await OpenAsync(page, "edit", again.HookUrl, "ariba-edit-2",
            [.. lines.Select(l => (l.Part, l.Auxiliary ?? "", decimal.Parse(l.Quantity, CultureInfo.InvariantCulture)))]);
        Assert.Equal([["1", "PEN-100-BL", "60"], ["2", "PAP-A4-80|BOX5", "3"]], await CartRowsAsync(page));
        await page.Locator("button:has-text('Transfer to Demo Buyer Inc.')").ClickAsync();
        Assert.Equal(lines, Lines(await ReceivedAsync(again)));
    }

    [Fact]
    public async Task Inspect_ShowsTheCartReadOnlyAndRefusesAForgedChange_WhenTheBuyerInspects()
    {
        hub.SkipWithoutDatabase();
        await using var browser = await Chromium.LaunchAsync();
        await using var buyer = await OciBuyerReceiver.StartAsync(hub.Origin, PunchoutFixture.Password);
        var page = await browser.Context.NewPageAsync();

        await OpenAsync(page, "inspect", buyer.HookUrl, "coupa-inspect", BuyerCart);

        Assert.Equal([["1", "PEN-100-BL", "60"], ["2", "PAP-A4-80|BOX5", "2"]], await CartRowsAsync(page));
        await page.Locator("text=inspect only: nothing can be changed").WaitForAsync();
        Assert.Equal(0, await page.Locator("main form").CountAsync());
        Assert.Equal(0, await page.Locator("main input").CountAsync());
        await page.Locator("input[name=q]").FillAsync("copy paper");
        await page.Locator("header button:has-text('Search')").ClickAsync();
        await page.Locator("tr[data-product='PAP-A4-80']").WaitForAsync();
        Assert.Equal(0, await page.Locator("button:has-text('Add to cart')").CountAsync());

        // A forged post with the session's own token (as a script or a hand-made form could send it) is refused by the hub.
        var token = page.Url.Split('/')[5];
        foreach (var (action, fields) in new (string, (string, string)[])[]
                 {
                     ("cart/update", [("line", "1"), ("quantity", "5")]), ("cart/remove", [("line", "2")]),
                     ("cart/add", [("product", "1"), ("quantity", "1")]), ("transfer", []), ("cancel", []),
                 })
        {
            var form = browser.Context.APIRequest.CreateFormData();
            form.Set("token", token);
            foreach (var (name, value) in fields) form.Set(name, value);
            var refused = await browser.Context.APIRequest.PostAsync($"{hub.Origin}/punchout/s/{token}/{action}", new() { Form = form });
            Assert.Equal(403, refused.Status);
            Assert.Contains("inspection", await refused.TextAsync(), StringComparison.Ordinal);
        }
        await page.GotoAsync($"{hub.Origin}/punchout/s/{token}/cart");
        Assert.Equal([["1", "PEN-100-BL", "60"], ["2", "PAP-A4-80|BOX5", "2"]], await CartRowsAsync(page));
        Assert.False(buyer.Cart.IsCompleted, "an inspect session sent a cart");
    }

    private async Task OpenAsync(IPage page, string operation, string returnUrl, string cookie, IEnumerable<(string, string, decimal)> items)
    {
        using var system = new HttpClient { BaseAddress = new Uri(hub.Origin) };
        var setup = await PunchoutFixture.PostCxmlAsync(system, PunchoutFixture.SetupRequest(operation, returnUrl: returnUrl, items: items, cookie: cookie));
        await page.GotoAsync(hub.Origin + PunchoutFixture.StartPage(setup));
        await page.Locator("h1:has-text('Your cart')").WaitForAsync();
    }

    // Line number, part number (with the auxiliary id) and quantity of every cart row, read from the page.
    private static async Task<List<string[]>> CartRowsAsync(IPage page)
    {
        var rows = new List<string[]>();
        foreach (var row in await page.Locator("table.cart tbody tr").AllAsync())
        {
            var cells = row.Locator("td");
            var quantity = await cells.Nth(3).Locator("input[name=quantity]").CountAsync() == 1
                ? await cells.Nth(3).Locator("input[name=quantity]").InputValueAsync()
                : (await cells.Nth(3).InnerTextAsync()).Trim();
            rows.Add([(await cells.Nth(0).InnerTextAsync()).Trim(), (await cells.Nth(1).InnerTextAsync()).Trim(), quantity]);
        }
        return rows;
    }

    private static async Task<CxmlElement> ReceivedAsync(OciBuyerReceiver buyer)
    {
        var fields = await buyer.Cart.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        var field = Assert.Single(fields);
        Assert.Equal("cXML-base64", field.Key);
        var bytes = Convert.FromBase64String(field.Value);
        Assert.Empty(CxmlDtdValidator.Validate(bytes));
        return CxmlReader.Read(bytes).Document!.Payload!;
    }

    private static List<(string LineNumber, string Quantity, string Part, string? Auxiliary, string Price, string Unit)> Lines(CxmlElement message) =>
    [
        .. message.ElementsNamed("ItemIn").Select(i => (i.Attribute("lineNumber")!, i.Attribute("quantity")!, i.Element("ItemID")!.Element("SupplierPartID")!.Text!,
            i.Element("ItemID")!.Element("SupplierPartAuxiliaryID")?.Text, i.Element("ItemDetail")!.Element("UnitPrice")!.Element("Money")!.Text!,
            i.Element("ItemDetail")!.Element("UnitOfMeasure")!.Text!)),
    ];
}
