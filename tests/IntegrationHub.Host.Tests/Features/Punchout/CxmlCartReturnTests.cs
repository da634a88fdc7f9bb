using System.Globalization;
using System.Net;
using System.Text;
using IntegrationHub.Formats.Cxml;

namespace IntegrationHub.Host.Tests.Features.Punchout;

public sealed class CxmlCartReturnTests(PunchoutFixture hub) : IClassFixture<PunchoutFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<(HttpClient Client, string Token)> OpenAsync(string cookie)
    {
        var client = hub.Client();
        var response = await PunchoutFixture.PostCxmlAsync(client, PunchoutFixture.SetupRequest(cookie: cookie));
        return (client, await PunchoutFixture.StartSessionAsync(client, PunchoutFixture.StartPage(response)));
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>The form's action and its cXML-base64 field, decoded and checked against the DTD.</summary>
    private static (string Action, CxmlDocument Cart) ReadForm(string html)
    {
        var action = WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(html, "<form method=\"post\" action=\"([^\"]+)\"").Groups[1].Value);
        var field = Assert.Single(PunchoutFixture.HiddenFields(html));
        Assert.Equal("cXML-base64", field.Key);
        var bytes = Convert.FromBase64String(field.Value);
        Assert.Empty(CxmlDtdValidator.Validate(bytes));
        var read = CxmlReader.Read(bytes);
        Assert.False(read.HasErrors, string.Join("; ", read.Diagnostics.Select(d => d.Message)));
        return (action, read.Document!);
    }

    [Fact]
    public async Task Transfer_PostsThePunchOutOrderMessageWithBuyerPrices_WhenTheSessionIsCxml()
    {
        var (client, token) = await OpenAsync("cookie-transfer");
        using (await PunchoutFixture.PostAsync(client, token, "cart/add", ("product", Id(await hub.ProductIdAsync("PEN-100-BL"))), ("quantity", "60"))) { }
        using (await PunchoutFixture.PostAsync(client, token, "cart/add", ("product", Id(await hub.ProductIdAsync("PAP-A4-80", "BOX5"))), ("quantity", "2"))) { }

        using var transfer = await PunchoutFixture.PostAsync(client, token, "transfer");

        Assert.Equal(HttpStatusCode.OK, transfer.StatusCode);
        Assert.Contains("form-action 'self' http://127.0.0.1:9", transfer.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        var (action, cart) = ReadForm(await transfer.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(PunchoutFixture.BrowserFormPost, action);
        Assert.Equal(CxmlKind.Message, cart.Kind);
        Assert.Equal("test", cart.DeploymentMode);
        Assert.DoesNotContain(cart.Root.Descendants(), e => e.Name == "SharedSecret");
        // From and Sender are the hub's credential as demo-buyer's partner file states it (punchout.cartCredential).
        foreach (var party in new[] { "From", "Sender" })
        {
            var credential = cart.Root.Element("Header")!.Element(party)!.Element("Credential")!;
            Assert.Equal(("NetworkID", "AN-DEMO-SUPPLIER"), (credential.Attribute("domain"), credential.Element("Identity")!.Text));
        }
        var message = cart.Payload!;
        Assert.Equal("cookie-transfer", message.Element("BuyerCookie")!.Text);
        var total = message.Element("PunchOutOrderMessageHeader")!.Element("Total")!.Element("Money")!;
        Assert.Equal(("EUR", "86.00"), (total.Attribute("currency"), total.Text));
        var lines = message.ElementsNamed("ItemIn").Select(i => (
            i.Attribute("lineNumber"), i.Attribute("quantity"), i.Element("ItemID")!.Element("SupplierPartID")!.Text,
            i.Element("ItemID")!.Element("SupplierPartAuxiliaryID")?.Text, i.Element("ItemDetail")!.Element("UnitPrice")!.Element("Money")!.Text,
            i.Element("ItemDetail")!.Element("UnitOfMeasure")!.Text, i.Element("ItemDetail")!.Element("Classification")!.Text)).ToList();
        // The auxiliary id is the catalog's (none, BOX5) with the cart line's own reference, by which the order finds the line again.
        Assert.Equal([("1", "60", "PEN-100-BL", "0.85", "EA", "44121704"), ("2", "2", "PAP-A4-80", "17.50", "BX", "14111507")],
            lines.Select(l => (l.Item1, l.Item2, l.Item3, l.Item5, l.Item6, l.Item7)));
        var references = await hub.CartReferencesAsync(token);
        Assert.Equal([$"ih-{references[0]}", $"BOX5/ih-{references[1]}"], lines.Select(l => l.Item4));
        Assert.All(references, r => Assert.Matches("^[0-9a-f]{16}$", r));
        Assert.NotEqual(references[0], references[1]);
        using var again = await PunchoutFixture.PostAsync(client, token, "transfer");
        Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
    }

    [Fact]
    public async Task Cancel_PostsAnEmptyCart_WhenTheSessionIsCxml()
    {
        var (client, token) = await OpenAsync("cookie-cancel");
        using (await PunchoutFixture.PostAsync(client, token, "cart/add", ("product", Id(await hub.ProductIdAsync("GGL-CLR"))), ("quantity", "1"))) { }

        using var cancel = await PunchoutFixture.PostAsync(client, token, "cancel");

        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        var (_, cart) = ReadForm(await cancel.Content.ReadAsStringAsync(Cancel));
        Assert.Equal("cookie-cancel", cart.Payload!.Element("BuyerCookie")!.Text);
        Assert.Empty(cart.Payload.ElementsNamed("ItemIn"));
        Assert.Equal("0.00", cart.Payload.Element("PunchOutOrderMessageHeader")!.Element("Total")!.Element("Money")!.Text);
    }
}

/// <summary>A buyer whose partner file states no <c>punchout.cartCredential</c> gets carts from the hub's configured default credential.</summary>
public sealed class CxmlCartCredentialDefaultTests(IntegrationHub.Host.Tests.Fixtures.PostgresServer server)
{
    [Fact]
    public async Task Cancel_SendsTheConfiguredCredential_WhenThePartnerFileStatesNone()
    {
        if (server.Unavailable is not null) Assert.Skip(server.Unavailable);
        var mappings = new IntegrationHub.Host.Tests.Fixtures.MappingsCopy();
        try
        {
            var partnerFile = mappings.File("partners/demo-buyer/partner.yaml");
            var yaml = await File.ReadAllTextAsync(partnerFile, TestContext.Current.CancellationToken);
            var without = System.Text.RegularExpressions.Regex.Replace(yaml, "  cartCredential:\n    domain: .*\n    identity: .*\n", "");
            Assert.NotEqual(yaml, without);
            await File.WriteAllTextAsync(partnerFile, without, TestContext.Current.CancellationToken);

            await using var app = new IntegrationHub.Host.Tests.Fixtures.HubAppFactory(await server.CreateDatabaseAsync("cartcredential"), new Dictionary<string, string?>
            {
                ["Hub:MappingsPath"] = mappings.Folder,
                ["Partners:demo-buyer:CxmlSharedSecret"] = PunchoutFixture.CxmlSecret,
                ["Punchout:CxmlDomain"] = "DUNS",
                ["Punchout:CxmlIdentity"] = "987654321",
            });
            var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
            var setup = await PunchoutFixture.PostCxmlAsync(client, PunchoutFixture.SetupRequest(cookie: "default-credential"));
            var token = await PunchoutFixture.StartSessionAsync(client, PunchoutFixture.StartPage(setup));

            using var cancel = await PunchoutFixture.PostAsync(client, token, "cancel");

            var field = Assert.Single(PunchoutFixture.HiddenFields(await cancel.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)));
            var cart = CxmlReader.Read(Convert.FromBase64String(field.Value)).Document!;
            foreach (var party in new[] { "From", "Sender" })
            {
                var credential = cart.Root.Element("Header")!.Element(party)!.Element("Credential")!;
                Assert.Equal(("DUNS", "987654321"), (credential.Attribute("domain"), credential.Element("Identity")!.Text));
            }
        }
        finally
        {
            mappings.Dispose();
        }
    }
}
