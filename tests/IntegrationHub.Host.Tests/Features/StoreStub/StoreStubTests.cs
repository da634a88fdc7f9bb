using System.Net;
using IntegrationHub.Host.Tests.Features.CatalogSync;
using IntegrationHub.Host.Tests.Features.StoreDocuments;
using IntegrationHub.Host.Tests.Fixtures;
using Samples = IntegrationHub.Host.Tests.PurchaseOrders.Documents;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace IntegrationHub.Host.Tests.Features.StoreStub;

/// <summary>
/// The sample stores docker-compose runs (docker/store-stub/mappings) loaded into WireMock.Net in process, with the flow
/// of the quick start in docs/stores.md run against them, so the stub cannot drift from the contracts.
/// </summary>
public sealed class StoreStubTests(PipelineFixture hub) : IClassFixture<PipelineFixture>
{
    public static readonly string Mappings = Path.Combine(Samples.RepositoryRoot, "docker/store-stub/mappings");

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private const string CxmlOk = """<?xml version="1.0"?><cXML payloadID="ok@partner" timestamp="2026-11-26T10:00:00Z"><Response><Status code="200" text="OK"/></Response></cXML>""";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SampleStores_AcceptAnOrder_ThenAShipmentAndAnInvoiceReachTheBuyer()
    {
        var client = await hub.ClientAsync();
        hub.Store.ReadStaticMappings(Mappings);
        hub.Partner.Given(Request.Create().WithPath("/cxml/inbound").UsingPost()).AtPriority(50)
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "text/xml").WithBody(CxmlOk));
        var order = Samples.Unique("STUB");
        using (var response = await client.PostAsync("/cxml", Samples.Xml(Samples.OrderRequest(Samples.Unique("stub") + "@buyer", order, PipelineFixture.CxmlSecret,
            PipelineFixture.CxmlPartnerIdentity)), Cancel)) Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(await Http.EventuallyAsync(async () => await hub.ScalarAsync<string>(
            "SELECT coalesce(max(store_answer), '') FROM hub.purchase_order WHERE order_number = @Order", new { Order = order }) == "accepted", Patience));
        var id = await hub.ScalarAsync<long>("SELECT id FROM hub.purchase_order WHERE order_number = @Order", new { Order = order });

        var shipment = StorePushes.Shipment(order, Samples.Unique("SS")).Replace("00012345600000000017", "CARTON-1", StringComparison.Ordinal);
        var (shipped, shipAnswer) = await StorePushes.PushAsync(client, "/api/stores/shipments", shipment);
        var (invoiced, invoiceAnswer) = await StorePushes.PushAsync(client, "/api/stores/invoices", StorePushes.Invoice(order, Samples.Unique("SI")));

        Assert.True(shipped == HttpStatusCode.Accepted, shipAnswer.ToString());
        Assert.True(invoiced == HttpStatusCode.Accepted, invoiceAnswer.ToString());
        long[] outbound = [shipAnswer.GetProperty("outboundId").GetInt64(), invoiceAnswer.GetProperty("outboundId").GetInt64()];
        Assert.True(await Http.EventuallyAsync(async () => await hub.ScalarAsync<long>(
            "SELECT count(*) FROM hub.message WHERE id = ANY(@Ids) AND status = 'sent'", new { Ids = outbound }) == 2, Patience));
        var (_, status) = await hub.App.CreateAdminClient().GetJsonAsync($"/api/admin/orders/{id}/status");
        Assert.Equal("SO-DEMO-1", await hub.ScalarAsync<string>("SELECT store_response->>'storeOrderId' FROM hub.purchase_order WHERE id = @Id", new { Id = id }));
        Assert.Equal("full", status.GetProperty("shipped").GetString());
        Assert.Equal("full", status.GetProperty("invoiced").GetString());
    }
}

/// <summary>The sample catalog store: a sync from it fills the punchout catalog, and the export shows the demo buyer's price.</summary>
public sealed class StoreStubCatalogTests(CatalogSyncFixture hub) : IClassFixture<CatalogSyncFixture>
{
    [Fact]
    public async Task SampleCatalogStore_SyncsIntoTheCatalog_WithTheDemoBuyersPrices()
    {
        await hub.ResetAsync();
        hub.Store.ReadStaticMappings(StoreStubTests.Mappings);

        var outcome = await hub.SyncAsync(full: true);

        Assert.Equal("succeeded", outcome.Status);
        using var admin = hub.App.CreateAdminClient();
        var cif = await admin.GetStringAsync("/api/admin/catalog/export?partner=demo-buyer&format=cif", TestContext.Current.CancellationToken);
        Assert.Contains("ITEMCOUNT: 2", cif, StringComparison.Ordinal);
        Assert.Contains(",GLV-100,A-100,\"Nitrile gloves, box of 100\",46181504,8.75,BX,", cif, StringComparison.Ordinal);
    }
}
