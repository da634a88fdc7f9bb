using System.Net;
using System.Text;
using IntegrationHub.Host.Tests.Fixtures;
using Samples = IntegrationHub.Host.Tests.PurchaseOrders.Documents;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace IntegrationHub.Host.Tests.Features.StoreDocuments;

public sealed class StorePushTests(PipelineFixture hub) : IClassFixture<PipelineFixture>
{

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private Task<long> OutboundAsync(string storeId) => hub.ScalarAsync<long>("""
        SELECT count(*) FROM hub.message m JOIN hub.store_document d ON d.outbound_id = m.id WHERE d.store_id = @Id
        """, new { Id = storeId });

    [Fact]
    public async Task PushShipment_Posts856WithTheShippedQuantities_WhenTheOrderCameInOverX12()
    {
        var client = await hub.ClientAsync();
        var order = await hub.X12OrderAsync(client);
        var shipmentId = Samples.Unique("SH");
        hub.Partner.Given(Request.Create().WithPath("/edi/inbound").UsingPost().WithBody(new WildcardMatcher($"*{shipmentId}*"))).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(200));

        var (status, answer) = await StorePushes.PushAsync(client, "/api/stores/shipments", StorePushes.Shipment(order, shipmentId));

        Assert.True(status == HttpStatusCode.Accepted, answer.ToString());
        Assert.Equal("queued", answer.GetProperty("status").GetString());
        Assert.Empty(answer.GetProperty("diagnostics").GetProperty("checks").EnumerateArray());
        Assert.True(await hub.PartnerReceivedAsync(shipmentId));
        var posted = hub.PartnerBody(shipmentId);
        StorePushes.AssertOneX12Set(posted, "856");
        var segments = posted.Split('~', StringSplitOptions.TrimEntries);
        Assert.Contains(segments, s => s.StartsWith($"PRF*{order}", StringComparison.Ordinal));
        Assert.Contains(segments, s => s.StartsWith("SN1**10*BX", StringComparison.Ordinal));
        Assert.Contains(segments, s => s.StartsWith("SN1**3*", StringComparison.Ordinal));
        Assert.StartsWith("ISA*00*          *00*          *ZZ*SUPPLIER       *ZZ*EDIPARTNER     *", posted, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PushInvoice_PostsInvoiceDetailRequestReferencingTheOrder_WhenTheOrderCameInOverCxml()
    {
        var client = await hub.ClientAsync();
        var (order, payloadId) = await hub.CxmlOrderAsync(client);
        var invoiceId = Samples.Unique("IN");
        hub.PartnerAcceptsCxml(invoiceId);

        var (status, answer) = await StorePushes.PushAsync(client, "/api/stores/invoices", StorePushes.Invoice(order, invoiceId));

        Assert.True(status == HttpStatusCode.Accepted, answer.ToString());
        Assert.Equal("queued", answer.GetProperty("status").GetString());
        Assert.True(await hub.PartnerReceivedAsync(invoiceId));
        var posted = hub.PartnerBody(invoiceId);
        var read = IntegrationHub.Formats.Cxml.CxmlReader.Read(Encoding.UTF8.GetBytes(posted));
        Assert.False(read.HasErrors, string.Join("; ", read.Diagnostics));
        var invoice = read.Document!.Body!.Element("InvoiceDetailRequest")!;
        Assert.Equal(invoiceId, invoice.Element("InvoiceDetailRequestHeader")!.Attribute("invoiceID"));
        var reference = invoice.Element("InvoiceDetailOrder")!.Element("InvoiceDetailOrderInfo")!.Element("OrderReference")!;
        Assert.Equal(order, reference.Attribute("orderID"));
        Assert.Equal(payloadId, reference.Element("DocumentReference")!.Attribute("payloadID"));
    }

    [Fact]
    public async Task PushShipment_QueuesOneOutboundMessage_WhenPushedTwice()
    {
        var client = await hub.ClientAsync();
        var order = await hub.X12OrderAsync(client);
        var shipmentId = Samples.Unique("SH2");

        var first = await StorePushes.PushAsync(client, "/api/stores/shipments", StorePushes.Shipment(order, shipmentId));
        var second = await StorePushes.PushAsync(client, "/api/stores/shipments", StorePushes.Shipment(order, shipmentId));

        Assert.Equal(HttpStatusCode.Accepted, first.Status);
        Assert.Equal(HttpStatusCode.Accepted, second.Status);
        Assert.True(second.Body.GetProperty("duplicate").GetBoolean());
        Assert.Equal(first.Body.GetProperty("outboundId").GetInt64(), second.Body.GetProperty("outboundId").GetInt64());
        Assert.Equal(1, await OutboundAsync(shipmentId));
    }

    [Fact]
    public async Task PushShipment_Answers409AndQueuesNothing_WhenTheSameIdComesWithAnotherDocument()
    {
        var client = await hub.ClientAsync();
        var order = await hub.X12OrderAsync(client);
        var shipmentId = Samples.Unique("SH9");
        var first = await StorePushes.PushAsync(client, "/api/stores/shipments", StorePushes.Shipment(order, shipmentId));

        var (status, answer) = await StorePushes.PushAsync(client, "/api/stores/shipments",
            StorePushes.Shipment(order, shipmentId).Replace("\"quantity\": 10", "\"quantity\": 9", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Accepted, first.Status);
        Assert.True(status == HttpStatusCode.Conflict, answer.ToString());
        Assert.Contains("other content", answer.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, await OutboundAsync(shipmentId));
        Assert.Equal(10m, await hub.ScalarAsync<decimal>(
            "SELECT (canonical #>> '{contents,0,quantity}')::numeric FROM hub.store_document WHERE store_id = @Id", new { Id = shipmentId }));
    }

    [Fact]
    public async Task PushShipment_RecordsTheDifference_WhenMoreIsShippedThanOrdered()
    {
        var client = await hub.ClientAsync();
        var order = await hub.X12OrderAsync(client);
        var shipmentId = Samples.Unique("SH3");

        var (status, answer) = await StorePushes.PushAsync(client, "/api/stores/shipments", StorePushes.Shipment(order, shipmentId).Replace("\"quantity\": 10", "\"quantity\": 12", StringComparison.Ordinal));

        Assert.True(status == HttpStatusCode.Accepted, answer.ToString());
        Assert.Contains("Line 1: 12 is more than the 10 ordered.", answer.GetProperty("diagnostics").GetProperty("checks").EnumerateArray().Select(c => c.GetString()));
        var (adminStatus, view) = await hub.App.CreateAdminClient().GetJsonAsync($"/api/admin/store-documents/shipment/{shipmentId}");
        Assert.Equal(HttpStatusCode.OK, adminStatus);
        Assert.Equal(order, view.GetProperty("orderNumber").GetString());
        Assert.Contains("Line 1: 12 is more than the 10 ordered.", view.GetProperty("diagnostics").GetProperty("checks").EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public async Task PushShipment_Answers422AndStoresNothing_WhenTheOrderIsUnknown()
    {
        var client = await hub.ClientAsync();
        var shipmentId = Samples.Unique("SH4");

        var (status, answer) = await StorePushes.PushAsync(client, "/api/stores/shipments", StorePushes.Shipment(Samples.Unique("NOPE"), shipmentId));

        Assert.True(status == HttpStatusCode.UnprocessableEntity, answer.ToString());
        Assert.Contains("No order", answer.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await hub.ScalarAsync<long>("SELECT count(*) FROM hub.store_document WHERE store_id = @Id", new { Id = shipmentId }));
    }

    [Fact]
    public async Task PushShipment_Answers401_WhenTheSignatureIsWrong()
    {
        var client = await hub.ClientAsync();
        var order = await hub.X12OrderAsync(client);
        var shipmentId = Samples.Unique("SH5");

        var (status, _) = await StorePushes.PushAsync(client, "/api/stores/shipments", StorePushes.Shipment(order, shipmentId), secret: "not-the-secret");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(0, await hub.ScalarAsync<long>("SELECT count(*) FROM hub.store_document WHERE store_id = @Id", new { Id = shipmentId }));
    }

    [Fact]
    public async Task PushInvoice_Answers401_WhenTheTimestampIsStale()
    {
        var client = await hub.ClientAsync();

        var (status, answer) = await StorePushes.PushAsync(client, "/api/stores/invoices", StorePushes.Invoice("ANY", Samples.Unique("IN6")), at: DateTimeOffset.UtcNow.AddMinutes(-10));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("window", answer.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
