using System.Net;
using System.Text;
using IntegrationHub.Formats.Cxml;

namespace IntegrationHub.Host.Tests.Features.CatalogSync;

public sealed class CatalogExportTests(CatalogSyncFixture hub) : IClassFixture<CatalogSyncFixture>, IAsyncLifetime
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await hub.ResetAsync();
        hub.Page(null, new
        {
            products = new object[]
            {
                new { supplierPartId = "WR-1", description = "Torque wrench, 1/2\" drive", uom = "EA", unitPrice = 89.5m, currency = "EUR", unspsc = "27111700",
                      manufacturerName = "Acme", manufacturerPartId = "A-1", leadTimeDays = 3 },
                new { supplierPartId = "GL-2", supplierPartAuxiliaryId = "BLUE", description = "Gloves\nnitrile", uom = "BX", unitPrice = 12m, currency = "EUR" },
            },
            priceLists = new[] { new { buyerOrg = "demo-buyer", name = "Demo", prices = new[] { new { supplierPartId = "WR-1", minQuantity = 1, unitPrice = 80m } } } },
            nextCursor = "c1", hasMore = false,
        });
        Assert.Equal("succeeded", (await hub.SyncAsync(full: true)).Status);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<(HttpStatusCode Status, string Body, string? ContentType)> ExportAsync(string query)
    {
        using var admin = hub.App.CreateAdminClient();
        using var response = await admin.GetAsync("/api/admin/catalog/export" + query, Cancel);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Cancel), response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Export_WritesAnIndexValidAgainstTheDtd_WithTheBuyersPrices()
    {
        var (status, body, type) = await ExportAsync("?partner=demo-buyer&format=index");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("text/xml", type);
        Assert.Empty(CxmlDtdValidator.Validate(Encoding.UTF8.GetBytes(body)));
        var index = System.Xml.Linq.XDocument.Parse(body).Root!;
        Assert.Equal("123456789", index.Element("SupplierID")!.Value);
        var adds = index.Elements("IndexItem").Select(i => i.Element("IndexItemAdd")!).ToList();
        Assert.Equal(["GL-2", "WR-1"], adds.Select(a => a.Element("ItemID")!.Element("SupplierPartID")!.Value));
        Assert.Equal(["12", "80"], adds.Select(a => a.Element("ItemDetail")!.Element("UnitPrice")!.Element("Money")!.Value)); // WR-1 at the buyer's price
        Assert.Equal("BLUE", adds[0].Element("ItemID")!.Element("SupplierPartAuxiliaryID")!.Value);
    }

    [Fact]
    public async Task Export_WritesCif30_WithHeaderCountAndEscapedFields()
    {
        var (status, body, _) = await ExportAsync("?partner=demo-buyer&format=cif");

        Assert.Equal(HttpStatusCode.OK, status);
        var lines = body.Split("\r\n");
        Assert.Equal("CIF_I_V3.0", lines[0]);
        Assert.Contains("ITEMCOUNT: 2", lines);
        Assert.Contains("SUPPLIERID_DOMAIN: DUNS", lines);
        var fieldNames = lines.Single(l => l.StartsWith("FIELDNAMES: ", StringComparison.Ordinal));
        Assert.StartsWith("FIELDNAMES: Supplier ID,Supplier Part ID,Manufacturer Part ID,Item Description,SPSC Code,Unit Price", fieldNames, StringComparison.Ordinal);
        var data = lines.SkipWhile(l => l != "DATA").Skip(1).TakeWhile(l => l != "ENDOFDATA").ToList();
        Assert.Equal(["123456789,GL-2,,Gloves nitrile,,12,BX,,,,,12,BLUE,en_US,EUR,",
                      "123456789,WR-1,A-1,\"Torque wrench, 1/2\"\" drive\",27111700,80,EA,3,Acme,,,89.5,,en_US,EUR,"], data);
        Assert.Equal("ENDOFDATA", lines.Last(l => l.Length > 0));
    }

    [Theory]
    [InlineData("?partner=demo-buyer&format=pdf", HttpStatusCode.BadRequest)]
    [InlineData("?partner=nobody&format=cif", HttpStatusCode.NotFound)]
    [InlineData("?format=cif", HttpStatusCode.NotFound)]
    public async Task Export_RefusesWithAProblem_WhenThePartnerOrFormatIsWrong(string query, HttpStatusCode expected) =>
        Assert.Equal(expected, (await ExportAsync(query)).Status);

    [Fact]
    public async Task Export_Answers401_WithoutTheAdminKey()
    {
        using var anonymous = hub.App.CreateClient();

        using var response = await anonymous.GetAsync("/api/admin/catalog/export?partner=demo-buyer&format=cif", Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
