using System.Net;
using System.Text;
using IntegrationHub.Formats.Cxml;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Host.Tests.Features.Punchout;

public sealed class CxmlSetupTests(PunchoutFixture hub) : IClassFixture<PunchoutFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static void AssertDtdValid(string response) => Assert.Empty(CxmlDtdValidator.Validate(Encoding.UTF8.GetBytes(response)));

    [Fact]
    public async Task PunchOutSetupRequest_AnswersStartPageThatOpensOnce_WhenCreateIsGood()
    {
        var client = hub.Client();

        var response = await PunchoutFixture.PostCxmlAsync(client, PunchoutFixture.SetupRequest());

        Assert.Equal(200, PurchaseOrders.Documents.StatusCode(response));
        AssertDtdValid(response);
        Assert.DoesNotContain(PunchoutFixture.CxmlSecret, response, StringComparison.Ordinal);
        var start = PunchoutFixture.StartPage(response);
        Assert.Matches("^/punchout/start\\?token=[A-Za-z0-9_-]{43}$", start);
        var token = await PunchoutFixture.StartSessionAsync(client, start);
        using var home = await client.GetAsync($"/punchout/s/{token}/", Cancel);
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        using var again = await client.GetAsync(start, Cancel);
        Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
        var stored = await hub.SessionAsync(token);
        Assert.Equal(("cxml", "create", "cookie-1", PunchoutFixture.BrowserFormPost, "test"), stored);
    }

    [Fact]
    public async Task PunchOutSetupRequest_RebuildsTheCartFromItemOut_WhenEdit()
    {
        var client = hub.Client();
        var document = PunchoutFixture.SetupRequest("edit", items: [("PAP-A4-80", "BOX5", 3), ("PEN-100-BL", "", 12), ("NOT-IN-CATALOG", "", 1)]);

        var response = await PunchoutFixture.PostCxmlAsync(client, document);

        Assert.Equal(200, PurchaseOrders.Documents.StatusCode(response));
        var token = await PunchoutFixture.StartSessionAsync(client, PunchoutFixture.StartPage(response));
        Assert.Equal([(1, "PAP-A4-80", "BOX5", 3m), (2, "PEN-100-BL", "", 12m)], await hub.CartAsync(token));
        using var added = await PunchoutFixture.PostAsync(client, token, "cart/add", ("product", (await hub.ProductIdAsync("GLV-NIT-M")).ToString(System.Globalization.CultureInfo.InvariantCulture)), ("quantity", "1"));
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal(3, (await hub.CartAsync(token)).Count);
    }

    [Fact]
    public async Task PunchOutSetupRequest_ShowsTheCartButRefusesChanges_WhenInspect()
    {
        var client = hub.Client();
        var response = await PunchoutFixture.PostCxmlAsync(client, PunchoutFixture.SetupRequest("inspect", items: [("GGL-CLR", "", 2)]));
        var token = await PunchoutFixture.StartSessionAsync(client, PunchoutFixture.StartPage(response));

        using var cart = await client.GetAsync($"/punchout/s/{token}/cart", Cancel);
        using var add = await PunchoutFixture.PostAsync(client, token, "cart/add", ("product", (await hub.ProductIdAsync("PEN-100-BK")).ToString(System.Globalization.CultureInfo.InvariantCulture)), ("quantity", "1"));
        using var transfer = await PunchoutFixture.PostAsync(client, token, "transfer");

        Assert.Contains("Safety goggles", await cart.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, add.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, transfer.StatusCode);
        Assert.Equal([(1, "GGL-CLR", "", 2m)], await hub.CartAsync(token));
    }

    [Fact]
    public async Task PunchOutSetupRequest_OpensTheProduct_WhenSelectedItemIsGiven()
    {
        var client = hub.Client();
        var response = await PunchoutFixture.PostCxmlAsync(client, PunchoutFixture.SetupRequest(selected: "GGL-CLR"));

        using var opened = await client.GetAsync(PunchoutFixture.StartPage(response), Cancel);

        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.EndsWith($"/product/{await hub.ProductIdAsync("GGL-CLR")}", opened.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PunchOutSetupRequest_Answers401_WhenTheSharedSecretIsWrong()
    {
        var response = await PunchoutFixture.PostCxmlAsync(hub.Client(), PunchoutFixture.SetupRequest(secret: "wrong-secret"));

        Assert.Equal(401, PurchaseOrders.Documents.StatusCode(response));
        AssertDtdValid(response);
        Assert.DoesNotContain("<StartPage>", response, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PunchOutSetupRequest_GivesTheStartPageOnThePublicBaseUrl_WhenOneIsConfigured()
    {
        _ = hub.Client(); // skips without a database
        using var proxied = hub.App.WithWebHostBuilder(b => b.UseSetting("Punchout:PublicBaseUrl", "https://punchout.example.com/hub/"));
        var client = proxied.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await PunchoutFixture.PostCxmlAsync(client, PunchoutFixture.SetupRequest());

        Assert.Equal(200, PurchaseOrders.Documents.StatusCode(response));
        Assert.Contains("<URL>https://punchout.example.com/hub/punchout/start?token=", response, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PunchOutSetupRequest_CostsADecoySecretCheck_WhenTheIdentityIsUnknown()
    {
        var secrets = hub.App.Services.GetRequiredService<IntegrationHub.Features.PurchaseOrders.PartnerSecrets>();
        var before = secrets.DecoyRuns;

        var response = await PunchoutFixture.PostCxmlAsync(hub.Client(),
            PunchoutFixture.SetupRequest(secret: "guess").Replace("AN-DEMO-BUYER", "AN-NOBODY", StringComparison.Ordinal));

        Assert.Equal(401, PurchaseOrders.Documents.StatusCode(response));
        Assert.Equal(before + 1, secrets.DecoyRuns);
    }

    [Fact]
    public async Task PunchOutSetupRequest_Answers403WithTheReason_WhenBrowserFormPostHostIsNotAllowed()
    {
        var before = await hub.SessionCountAsync();

        var response = await PunchoutFixture.PostCxmlAsync(hub.Client(), PunchoutFixture.SetupRequest(returnUrl: "https://evil.example/steal"));

        Assert.Equal(403, PurchaseOrders.Documents.StatusCode(response));
        AssertDtdValid(response);
        Assert.Contains("evil.example", response, StringComparison.Ordinal);
        Assert.Equal(before, await hub.SessionCountAsync());
    }

    [Fact]
    public async Task PunchOutSetupRequest_Answers400NamingTheField_WhenBrowserFormPostIsMissing()
    {
        var document = System.Text.RegularExpressions.Regex.Replace(PunchoutFixture.SetupRequest(), "<BrowserFormPost>.*?</BrowserFormPost>", "");

        var response = await PunchoutFixture.PostCxmlAsync(hub.Client(), document);

        Assert.Equal(400, PurchaseOrders.Documents.StatusCode(response));
        AssertDtdValid(response);
        Assert.Contains("returnUrl", response, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostCxml_Answers406_WhenTheDocumentIsUnreadable()
    {
        var response = await PunchoutFixture.PostCxmlAsync(hub.Client(), "<cXML><Header><From></cXML");

        Assert.Equal(406, PurchaseOrders.Documents.StatusCode(response));
        AssertDtdValid(response);
    }

    [Fact]
    public async Task ProfileRequest_ListsEveryTransactionAtTheCxmlUrl()
    {
        var document = System.Text.RegularExpressions.Regex.Replace(PunchoutFixture.SetupRequest(), "<PunchOutSetupRequest.*</PunchOutSetupRequest>",
            "<ProfileRequest/>", System.Text.RegularExpressions.RegexOptions.Singleline);

        var response = await PunchoutFixture.PostCxmlAsync(hub.Client(), document);

        Assert.Equal(200, PurchaseOrders.Documents.StatusCode(response));
        AssertDtdValid(response);
        var read = CxmlReader.Read(Encoding.UTF8.GetBytes(response));
        var transactions = read.Document!.Root.Descendants().Where(e => e.Name == "Transaction").ToList();
        Assert.Equal(["OrderRequest", "ProfileRequest", "PunchOutSetupRequest", "StatusUpdateRequest"], transactions.Select(t => t.Attribute("requestName")!));
        Assert.All(transactions, t => Assert.Equal("http://localhost/cxml", t.Element("URL")!.Text));
    }
}
