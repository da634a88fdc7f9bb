using System.Globalization;
using System.Net;
using IntegrationHub.Features.Punchout;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Host.Tests.Features.Punchout;

public sealed class CatalogCartTests(PunchoutFixture hub) : IClassFixture<PunchoutFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Transfer_PostsTheCartWithBuyerPricesAndQuantityBreaks_ThenEndsTheSession()
    {
        var client = hub.Client();
        var token = await PunchoutFixture.OpenSessionAsync(client);
        var pen = await hub.ProductIdAsync("PEN-100-BL");
        var paper = await hub.ProductIdAsync("PAP-A4-80");

        (await PunchoutFixture.PostAsync(client, token, "cart/add", ("product", Id(pen)), ("quantity", "10"))).Dispose();
        (await PunchoutFixture.PostAsync(client, token, "cart/add", ("product", Id(paper)), ("quantity", "2"))).Dispose();
        using (var update = await PunchoutFixture.PostAsync(client, token, "cart/update", ("line", "1"), ("quantity", "60")))
        {
            Assert.Equal(HttpStatusCode.Redirect, update.StatusCode);
            Assert.Equal($"/punchout/s/{token}/cart", update.Headers.Location!.OriginalString);
        }
        var cart = await client.GetStringAsync($"/punchout/s/{token}/cart", Cancel);
        Assert.Contains("51.00 EUR", cart, StringComparison.Ordinal); // 60 × 0.85 (the break from 50)
        Assert.Contains("Total: <strong>58.80 EUR</strong>", cart, StringComparison.Ordinal); // + 2 × 3.90

        using var transfer = await PunchoutFixture.PostAsync(client, token, "transfer");

        Assert.Equal(HttpStatusCode.OK, transfer.StatusCode);
        var html = await transfer.Content.ReadAsStringAsync(Cancel);
        Assert.Contains($"action=\"{PunchoutFixture.HookUrl}\" target=\"_top\"", html, StringComparison.Ordinal);
        var fields = PunchoutFixture.HiddenFields(html).ToDictionary(f => f.Key, f => f.Value);
        Assert.Equal("PEN-100-BL", fields["NEW_ITEM-VENDORMAT[1]"]);
        Assert.Equal("60", fields["NEW_ITEM-QUANTITY[1]"]);
        Assert.Equal("0.85", fields["NEW_ITEM-PRICE[1]"]);
        Assert.Equal("EA", fields["NEW_ITEM-UNIT[1]"]);
        Assert.Equal("PAP-A4-80", fields["NEW_ITEM-VENDORMAT[2]"]);
        Assert.Equal("2", fields["NEW_ITEM-QUANTITY[2]"]);
        Assert.Equal("3.90", fields["NEW_ITEM-PRICE[2]"]);
        Assert.Equal("RM", fields["NEW_ITEM-UNIT[2]"]);
        Assert.Equal("14111507", fields["NEW_ITEM-MATGROUP[2]"]);
        Assert.Equal("ADDI", fields["~OkCode"]);
        Assert.Equal("CTLG", fields["~CALLER"]);
        Assert.Contains("script-src 'unsafe-hashes' 'sha256-", transfer.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("form-action 'self' http://127.0.0.1:9", transfer.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);

        using var again = await PunchoutFixture.PostAsync(client, token, "transfer");
        Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
    }

    [Fact]
    public async Task Remove_TakesTheLineOut_AndLaterLinesKeepTheirNumbers()
    {
        var client = hub.Client();
        var token = await PunchoutFixture.OpenSessionAsync(client);
        (await PunchoutFixture.PostAsync(client, token, "cart/add", ("product", Id(await hub.ProductIdAsync("PEN-100-BL"))), ("quantity", "1"))).Dispose();
        (await PunchoutFixture.PostAsync(client, token, "cart/add", ("product", Id(await hub.ProductIdAsync("GGL-CLR"))), ("quantity", "1"))).Dispose();

        (await PunchoutFixture.PostAsync(client, token, "cart/remove", ("line", "1"))).Dispose();

        var cart = await client.GetStringAsync($"/punchout/s/{token}/cart", Cancel);
        Assert.DoesNotContain("data-line=\"1\"", cart, StringComparison.Ordinal);
        Assert.Contains("data-line=\"2\"", cart, StringComparison.Ordinal);
        Assert.Contains("Cart (1)", cart, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("abc")]
    [InlineData("99999999")]
    public async Task Add_RefusesTheQuantity_WhenItIsNotAPositiveNumber(string quantity)
    {
        var client = hub.Client();
        var token = await PunchoutFixture.OpenSessionAsync(client);

        using var add = await PunchoutFixture.PostAsync(client, token, "cart/add", ("product", Id(await hub.ProductIdAsync("PEN-100-BL"))), ("quantity", quantity));

        Assert.EndsWith("/cart?problem=quantity", add.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Contains("Cart (0)", await client.GetStringAsync($"/punchout/s/{token}/cart", Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_ReturnsTheEmptyCart()
    {
        var client = hub.Client();
        var token = await PunchoutFixture.OpenSessionAsync(client);
        (await PunchoutFixture.PostAsync(client, token, "cart/add", ("product", Id(await hub.ProductIdAsync("PEN-100-BL"))), ("quantity", "3"))).Dispose();

        using var cancel = await PunchoutFixture.PostAsync(client, token, "cancel");

        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        var fields = PunchoutFixture.HiddenFields(await cancel.Content.ReadAsStringAsync(Cancel));
        Assert.DoesNotContain(fields, f => f.Key.StartsWith("NEW_ITEM-", StringComparison.Ordinal));
        Assert.Contains(fields, f => f.Key == "~OkCode");
        using var after = await client.GetAsync($"/punchout/s/{token}/cart", Cancel);
        Assert.Equal(HttpStatusCode.Gone, after.StatusCode);
    }

    [Fact]
    public async Task Post_Returns403_WhenTheFormTokenIsNotTheSessions()
    {
        var client = hub.Client();
        var token = await PunchoutFixture.OpenSessionAsync(client);
        var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = "forged", ["product"] = "1", ["quantity"] = "1" });

        using var add = await client.PostAsync($"/punchout/s/{token}/cart/add", form, Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, add.StatusCode);
    }

    [Fact]
    public async Task Inspect_ShowsTheCart_ButRefusesEveryChange()
    {
        var client = hub.Client();
        var sessions = hub.App.Services.GetRequiredService<PunchoutSessionStore>();
        var (_, start, _) = await sessions.CreateAsync(new NewPunchoutSession("demo-buyer", "test", "oci", PunchoutSession.Inspect, "demo-buyer", null,
            PunchoutFixture.HookUrl), Cancel);
        using var opened = await client.GetAsync("/punchout/start?token=" + start, Cancel);
        var token = opened.Headers.Location!.OriginalString.Split('/')[3];

        var cart = await client.GetStringAsync($"/punchout/s/{token}/cart", Cancel);
        Assert.Contains("inspect only", cart, StringComparison.Ordinal);
        Assert.DoesNotContain("<form", cart[cart.IndexOf("<main>", StringComparison.Ordinal)..], StringComparison.Ordinal);

        foreach (var action in new[] { "cart/add", "cart/update", "cart/remove", "transfer", "cancel" })
        {
            using var refused = await PunchoutFixture.PostAsync(client, token, action, ("product", Id(await hub.ProductIdAsync("PEN-100-BL"))),
                ("line", "1"), ("quantity", "1"));
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }
        Assert.Contains("Cart (0)", await client.GetStringAsync($"/punchout/s/{token}/cart", Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_FindsByWordsAndPartNumbers_AndEscapesTheQuery()
    {
        var client = hub.Client();
        var token = await PunchoutFixture.OpenSessionAsync(client);

        var gloves = await client.GetStringAsync($"/punchout/s/{token}/search?q=nitrile%20gloves", Cancel);
        var byPart = await client.GetStringAsync($"/punchout/s/{token}/search?q=GGL-CLR", Cancel);
        var hostile = await client.GetStringAsync($"/punchout/s/{token}/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E", Cancel);

        Assert.Contains("data-product=\"GLV-NIT-M\"", gloves, StringComparison.Ordinal);
        Assert.DoesNotContain("data-product=\"PEN-100-BL\"", gloves, StringComparison.Ordinal);
        Assert.Contains("data-product=\"GGL-CLR\"", byPart, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", hostile, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", hostile, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Category_ListsTheProductsOfItsSubcategories()
    {
        var client = hub.Client();
        var token = await PunchoutFixture.OpenSessionAsync(client);

        var office = await client.GetStringAsync($"/punchout/s/{token}/category/office", Cancel);
        using var unknown = await client.GetAsync($"/punchout/s/{token}/category/nope", Cancel);

        Assert.Contains("data-product=\"PEN-100-BL\"", office, StringComparison.Ordinal);
        Assert.Contains("data-product=\"PAP-A4-80\"", office, StringComparison.Ordinal);
        Assert.DoesNotContain("data-product=\"GLV-NIT-M\"", office, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Product_ShowsTheBuyersQuantityBreaksAndAvailability()
    {
        var client = hub.Client();
        var token = await PunchoutFixture.OpenSessionAsync(client);

        var page = await client.GetStringAsync($"/punchout/s/{token}/product/{await hub.ProductIdAsync("PEN-100-BL")}", Cancel);

        Assert.Contains("<td>200 EA</td><td class=\"number\">0.72 EUR</td>", page, StringComparison.Ordinal);
        Assert.Contains("<dd>0.95 EUR / EA</dd>", page, StringComparison.Ordinal);
        Assert.Contains("In stock: 5400", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prices_TakeTheContractListFirst_WhenTheSessionNamesAContract()
    {
        var catalog = hub.App.Services.GetRequiredService<CatalogStore>();
        var paper = await hub.ProductIdAsync("PAP-A4-80");
        var pen = await hub.ProductIdAsync("PEN-100-BL");

        var contract = new Buyer("demo-buyer", "C-2026-OFFICE");
        Assert.Equal(3.40m, (await catalog.ProductAsync(paper, contract, 20, Cancel))!.BuyerPrice);
        Assert.Equal(0.85m, (await catalog.ProductAsync(pen, contract, 50, Cancel))!.BuyerPrice); // no contract price: the framework list
        Assert.Equal(3.60m, (await catalog.ProductAsync(paper, new Buyer("demo-buyer", null), 20, Cancel))!.BuyerPrice);
        Assert.Equal(4.50m, (await catalog.ProductAsync(paper, new Buyer("another-buyer", null), 20, Cancel))!.BuyerPrice); // list price
    }

    [Fact]
    public async Task Seed_ChangesNothing_WhenRunAgain()
    {
        var database = hub.App.Services.GetRequiredService<IntegrationHub.Persistence.HubDatabase>();

        var inserted = await DemoCatalog.SeedAsync(database.DataSource, Cancel);

        Assert.Equal(0, inserted);
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
