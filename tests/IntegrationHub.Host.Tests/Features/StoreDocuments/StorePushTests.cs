using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using IntegrationHub.Host.Tests.Fixtures;
using Samples = IntegrationHub.Host.Tests.PurchaseOrders.Documents;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace IntegrationHub.Host.Tests.Features.StoreDocuments;

public sealed class StorePushTests(PipelineFixture hub) : IClassFixture<PipelineFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static int _nextControlNumber = Random.Shared.Next(1000, 900_000_000);
    private const string CxmlOk = """<?xml version="1.0"?><cXML payloadID="ok@partner" timestamp="2026-11-26T10:00:00Z"><Response><Status code="200" text="OK"/></Response></cXML>""";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static string Shipment(string order, string shipmentId) =>
        File.ReadAllText(Path.Combine(Samples.RepositoryRoot, "mappings/defaults/x12/856-004010.outbound.samples/sopi.json"))
            .Replace("PO-4711", order, StringComparison.Ordinal).Replace("SHIP-77", shipmentId, StringComparison.Ordinal);

    private static string Invoice(string order, string invoiceId) =>
        File.ReadAllText(Path.Combine(Samples.RepositoryRoot, "mappings/defaults/cxml/invoice-detail-request.outbound.samples/standard.json"))
            .Replace("PO-4711", order, StringComparison.Ordinal).Replace("INV-9001", invoiceId, StringComparison.Ordinal)
            .Replace("\"1764164400.4711@buyer.example\"", "null", StringComparison.Ordinal); // the hub fills in the order's payloadID

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PushAsync(HttpClient client, string path, string json,
        string secret = PipelineFixture.StoreSecret, DateTimeOffset? at = null)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var timestamp = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("X-Hub-Timestamp", timestamp);
        request.Headers.Add("X-Hub-Signature",
            "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes(timestamp + ".").Concat(body).ToArray())));
        using var response = await client.SendAsync(request, Cancel);
        var text = await response.Content.ReadAsStringAsync(Cancel);
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    private async Task<string> X12OrderAsync(HttpClient client)
    {
        var order = Samples.Unique("SHIP");
        hub.StoreAnswers(order, 200, """{"status":"accepted"}""");
        var file = Samples.Interchange850(Interlocked.Increment(ref _nextControlNumber), order).Replace("*ZZ*DEMOBUYER      *", "*ZZ*EDIPARTNER     *", StringComparison.Ordinal);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/x12") { Content = new StringContent(file, Encoding.ASCII, "application/edi-x12") };
        request.Headers.Add("X-Api-Key", PipelineFixture.X12Key);
        using (var response = await client.SendAsync(request, Cancel)) Assert.True(response.IsSuccessStatusCode, response.StatusCode.ToString());
        Assert.True(await Http.EventuallyAsync(async () => await OrdersAsync(order) == 1, Patience));
        return order;
    }

    private Task<long> OrdersAsync(string order) => hub.ScalarAsync<long>("SELECT count(*) FROM hub.purchase_order WHERE order_number = @Order", new { Order = order });

    private Task<long> OutboundAsync(string storeId) => hub.ScalarAsync<long>("""
        SELECT count(*) FROM hub.message m JOIN hub.store_document d ON d.outbound_id = m.id WHERE d.store_id = @Id
        """, new { Id = storeId });

    [Fact]
    public async Task PushShipment_Posts856WithTheShippedQuantities_WhenTheOrderCameInOverX12()
    {
        var client = await hub.ClientAsync();
        var order = await X12OrderAsync(client);
        var shipmentId = Samples.Unique("SH");
        hub.Partner.Given(Request.Create().WithPath("/edi/inbound").UsingPost().WithBody(new WildcardMatcher($"*{shipmentId}*"))).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(200));

        var (status, answer) = await PushAsync(client, "/api/stores/shipments", Shipment(order, shipmentId));

        Assert.True(status == HttpStatusCode.Accepted, answer.ToString());
        Assert.Equal("queued", answer.GetProperty("status").GetString());
        Assert.Empty(answer.GetProperty("diagnostics").GetProperty("checks").EnumerateArray());
        Assert.True(await Http.EventuallyAsync(() => Task.FromResult(hub.Partner.LogEntries.Any(e =>
            (e.RequestMessage.Body ?? "").Contains(shipmentId, StringComparison.Ordinal) && e.ResponseMessage.StatusCode is 200)), Patience));
        var posted = hub.Partner.LogEntries.First(e => (e.RequestMessage.Body ?? "").Contains(shipmentId, StringComparison.Ordinal)).RequestMessage.Body!;
        var read = IntegrationHub.Translation.FormatTrees.ReadAll("x12", Encoding.ASCII.GetBytes(posted));
        Assert.Equal("856", Assert.Single(read).DocumentType);
        Assert.DoesNotContain(read.SelectMany(t => t.Diagnostics), d => d.Severity == IntegrationHub.Documents.Severity.Error);
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
        var order = Samples.Unique("INVO");
        var payloadId = Samples.Unique("inv") + "@buyer";
        hub.StoreAnswers(order, 200, """{"status":"accepted"}""");
        using (var response = await client.PostAsync("/cxml", Samples.Xml(Samples.OrderRequest(payloadId, order, PipelineFixture.CxmlSecret,
            PipelineFixture.CxmlPartnerIdentity)), Cancel)) Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(await Http.EventuallyAsync(async () => await OrdersAsync(order) == 1, Patience));
        var invoiceId = Samples.Unique("IN");
        hub.Partner.Given(Request.Create().WithPath("/cxml/inbound").UsingPost().WithBody(new WildcardMatcher($"*{invoiceId}*"))).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "text/xml").WithBody(CxmlOk));

        var (status, answer) = await PushAsync(client, "/api/stores/invoices", Invoice(order, invoiceId));

        Assert.True(status == HttpStatusCode.Accepted, answer.ToString());
        Assert.Equal("queued", answer.GetProperty("status").GetString());
        Assert.True(await Http.EventuallyAsync(() => Task.FromResult(hub.Partner.LogEntries.Any(e =>
            (e.RequestMessage.Body ?? "").Contains(invoiceId, StringComparison.Ordinal) && e.ResponseMessage.StatusCode is 200)), Patience));
        var posted = hub.Partner.LogEntries.First(e => (e.RequestMessage.Body ?? "").Contains(invoiceId, StringComparison.Ordinal)).RequestMessage.Body!;
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
        var order = await X12OrderAsync(client);
        var shipmentId = Samples.Unique("SH2");

        var first = await PushAsync(client, "/api/stores/shipments", Shipment(order, shipmentId));
        var second = await PushAsync(client, "/api/stores/shipments", Shipment(order, shipmentId));

        Assert.Equal(HttpStatusCode.Accepted, first.Status);
        Assert.Equal(HttpStatusCode.Accepted, second.Status);
        Assert.True(second.Body.GetProperty("duplicate").GetBoolean());
        Assert.Equal(first.Body.GetProperty("outboundId").GetInt64(), second.Body.GetProperty("outboundId").GetInt64());
        Assert.Equal(1, await OutboundAsync(shipmentId));
    }

    [Fact]
    public async Task PushShipment_RecordsTheDifference_WhenMoreIsShippedThanOrdered()
    {
        var client = await hub.ClientAsync();
        var order = await X12OrderAsync(client);
        var shipmentId = Samples.Unique("SH3");

        var (status, answer) = await PushAsync(client, "/api/stores/shipments", Shipment(order, shipmentId).Replace("\"quantity\": 10", "\"quantity\": 12", StringComparison.Ordinal));

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

        var (status, answer) = await PushAsync(client, "/api/stores/shipments", Shipment(Samples.Unique("NOPE"), shipmentId));

        Assert.True(status == HttpStatusCode.UnprocessableEntity, answer.ToString());
        Assert.Contains("No order", answer.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await hub.ScalarAsync<long>("SELECT count(*) FROM hub.store_document WHERE store_id = @Id", new { Id = shipmentId }));
    }

    [Fact]
    public async Task PushShipment_Answers401_WhenTheSignatureIsWrong()
    {
        var client = await hub.ClientAsync();
        var order = await X12OrderAsync(client);
        var shipmentId = Samples.Unique("SH5");

        var (status, _) = await PushAsync(client, "/api/stores/shipments", Shipment(order, shipmentId), secret: "not-the-secret");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(0, await hub.ScalarAsync<long>("SELECT count(*) FROM hub.store_document WHERE store_id = @Id", new { Id = shipmentId }));
    }

    [Fact]
    public async Task PushInvoice_Answers401_WhenTheTimestampIsStale()
    {
        var client = await hub.ClientAsync();

        var (status, answer) = await PushAsync(client, "/api/stores/invoices", Invoice("ANY", Samples.Unique("IN6")), at: DateTimeOffset.UtcNow.AddMinutes(-10));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("window", answer.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
