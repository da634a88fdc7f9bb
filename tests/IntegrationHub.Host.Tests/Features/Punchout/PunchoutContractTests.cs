using System.Globalization;
using System.Net;

namespace IntegrationHub.Host.Tests.Features.Punchout;

/// <summary>
/// The contract a setup request names (demo-buyer's partner file: the ContractID Extrinsic for cXML, the CONTRACT login parameter for
/// OCI) selects the contract price list: the demo catalog's C-2026-OFFICE list sells PAP-A4-80 at 3.40 where the general list asks 3.90.
/// </summary>
public sealed class PunchoutContractTests(PunchoutFixture hub) : IClassFixture<PunchoutFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static async Task<string> CxmlSessionAsync(HttpClient client, string? contract)
    {
        var response = await PunchoutFixture.PostCxmlAsync(client, PunchoutFixture.SetupRequest(contract: contract, cookie: "contract-" + contract));
        return await PunchoutFixture.StartSessionAsync(client, PunchoutFixture.StartPage(response));
    }

    private async Task<string> TransferredPaperPriceAsync(HttpClient client, string token)
    {
        var paper = (await hub.ProductIdAsync("PAP-A4-80")).ToString(CultureInfo.InvariantCulture);
        using (await PunchoutFixture.PostAsync(client, token, "cart/add", ("product", paper), ("quantity", "2"))) { }
        using var transfer = await PunchoutFixture.PostAsync(client, token, "transfer");
        Assert.Equal(HttpStatusCode.OK, transfer.StatusCode);
        var html = await transfer.Content.ReadAsStringAsync(Cancel);
        var fields = PunchoutFixture.HiddenFields(html);
        if (fields.Count == 1 && fields[0].Key == "cXML-base64")
        {
            var message = Formats.Cxml.CxmlReader.Read(Convert.FromBase64String(fields[0].Value)).Document!.Payload!;
            return message.Element("ItemIn")!.Element("ItemDetail")!.Element("UnitPrice")!.Element("Money")!.Text;
        }
        return fields.Single(f => f.Key == "NEW_ITEM-PRICE[1]").Value;
    }

    [Fact]
    public async Task CxmlSetup_PricesByTheContract_WhenTheContractExtrinsicNamesOne()
    {
        var client = hub.Client();
        var token = await CxmlSessionAsync(client, "C-2026-OFFICE");

        using var home = await client.GetAsync($"/punchout/s/{token}/", Cancel);
        Assert.Contains("Shopping for Demo Buyer Inc., contract C-2026-OFFICE", await home.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(3.40m, Number(await TransferredPaperPriceAsync(client, token)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("C-UNKNOWN")]
    public async Task CxmlSetup_PricesByTheGeneralList_WhenTheContractIsMissingOrHasNoList(string? contract)
    {
        var client = hub.Client();
        var token = await CxmlSessionAsync(client, contract);

        Assert.Equal(3.90m, Number(await TransferredPaperPriceAsync(client, token)));
    }

    [Fact]
    public async Task CxmlSetup_Answers400AndOpensNoSession_WhenTheContractIdIsTooLong()
    {
        var client = hub.Client();
        var before = await hub.SessionCountAsync();

        var response = await PunchoutFixture.PostCxmlAsync(client, PunchoutFixture.SetupRequest(contract: new string('C', 101)));

        Assert.Equal(400, PurchaseOrders.Documents.StatusCode(response));
        Assert.Contains("at most 100", response, StringComparison.Ordinal);
        Assert.Equal(before, await hub.SessionCountAsync());
    }

    [Fact]
    public async Task OciLogin_PricesByTheContract_WhenTheContractParameterNamesOne()
    {
        var client = hub.Client();
        var token = await PunchoutFixture.OpenSessionAsync(client, ("CONTRACT", "C-2026-OFFICE"));

        Assert.Equal(3.40m, Number(await TransferredPaperPriceAsync(client, token)));
    }

    [Fact]
    public async Task OciValidate_PricesByTheContract_WhenTheContractParameterNamesOne()
    {
        var client = hub.Client();
        var parameters = PunchoutFixture.Login(("FUNCTION", "VALIDATE"), ("PRODUCTID", "PAP-A4-80"), ("QUANTITY", "2"), ("CONTRACT", "C-2026-OFFICE"));

        using var validate = await client.PostAsync("/oci/demo-buyer", new FormUrlEncodedContent(parameters), Cancel);

        Assert.Equal(HttpStatusCode.OK, validate.StatusCode);
        var fields = PunchoutFixture.HiddenFields(await validate.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(3.40m, Number(fields.Single(f => f.Key == "NEW_ITEM-PRICE[1]").Value));
    }

    [Fact]
    public async Task OciLogin_Answers400_WhenTheContractHasControlCharacters()
    {
        var client = hub.Client();

        using var login = await client.PostAsync("/oci/demo-buyer", new FormUrlEncodedContent(PunchoutFixture.Login(("CONTRACT", "C-1\u0007"))), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, login.StatusCode);
        Assert.Contains("control characters", await login.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    private static decimal Number(string text) => decimal.Parse(text, CultureInfo.InvariantCulture);
}
