using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using IntegrationHub.Host.Tests.Fixtures;
using Samples = IntegrationHub.Host.Tests.PurchaseOrders.Documents;

namespace IntegrationHub.Host.Tests.Features.StoreDocuments;

/// <summary>What the store-document tests send: orders to ship and invoice against, and signed pushes of the golden samples.</summary>
internal static class StorePushes
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static int _nextControlNumber = Random.Shared.Next(1000, 900_000_000);

    /// <summary>What the cXML partner stub answers a document with.</summary>
    public const string CxmlOk = """<?xml version="1.0"?><cXML payloadID="ok@partner" timestamp="2026-11-26T10:00:00Z"><Response><Status code="200" text="OK"/></Response></cXML>""";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Waits until the partner stub answered 200 to a document that names <paramref name="id"/>.</summary>
    public static Task<bool> PartnerReceivedAsync(this PipelineFixture hub, string id) => Http.EventuallyAsync(() => Task.FromResult(hub.Partner.LogEntries.Any(e =>
        (e.RequestMessage.Body ?? "").Contains(id, StringComparison.Ordinal) && e.ResponseMessage.StatusCode is 200)), Patience);

    /// <summary>The first document the partner stub received that names <paramref name="id"/>.</summary>
    public static string PartnerBody(this PipelineFixture hub, string id) =>
        hub.Partner.LogEntries.First(e => (e.RequestMessage.Body ?? "").Contains(id, StringComparison.Ordinal)).RequestMessage.Body!;

    public static string Shipment(string order, string shipmentId) =>
        File.ReadAllText(Path.Combine(Samples.RepositoryRoot, "mappings/defaults/x12/856-004010.outbound.samples/sopi.json"))
            // The shipment id first: an order number such as SHIP-77… would otherwise have its start replaced too.
            .Replace("SHIP-77", shipmentId, StringComparison.Ordinal).Replace("PO-4711", order, StringComparison.Ordinal);

    public static string Invoice(string order, string invoiceId) =>
        File.ReadAllText(Path.Combine(Samples.RepositoryRoot, "mappings/defaults/cxml/invoice-detail-request.outbound.samples/standard.json"))
            .Replace("INV-9001", invoiceId, StringComparison.Ordinal).Replace("PO-4711", order, StringComparison.Ordinal)
            .Replace("\"1764164400.4711@buyer.example\"", "null", StringComparison.Ordinal); // the hub fills in the order's payloadID

    public static async Task<(HttpStatusCode Status, JsonElement Body)> PushAsync(HttpClient client, string path, string json,
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

    /// <summary>An X12 850 from edi-partner (or the partner whose ISA id is <paramref name="sender"/>), accepted by the store stub; returns its order number once the hub has the order.</summary>
    public static async Task<string> X12OrderAsync(this PipelineFixture hub, HttpClient client, string sender = "EDIPARTNER", string? number = null)
    {
        var order = number ?? Samples.Unique("SHIP");
        hub.StoreAnswers(order, 200, """{"status":"accepted"}""");
        var file = Samples.Interchange850(Interlocked.Increment(ref _nextControlNumber), order)
            .Replace("*ZZ*DEMOBUYER      *", $"*ZZ*{sender,-15}*", StringComparison.Ordinal);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/x12") { Content = new StringContent(file, Encoding.ASCII, "application/edi-x12") };
        request.Headers.Add("X-Api-Key", PipelineFixture.X12Key);
        using (var response = await client.SendAsync(request, Cancel)) Assert.True(response.IsSuccessStatusCode, response.StatusCode.ToString());
        Assert.True(await Http.EventuallyAsync(async () => await hub.ScalarAsync<long>("SELECT count(*) FROM hub.purchase_order WHERE order_number = @Order", new { Order = order }) == 1, Patience));
        return order;
    }

    /// <summary>A cXML OrderRequest from cxml-partner, accepted by the store stub; returns its number and payloadID once the hub has the order.</summary>
    public static async Task<(string Order, string PayloadId)> CxmlOrderAsync(this PipelineFixture hub, HttpClient client)
    {
        var order = Samples.Unique("CXO");
        var payloadId = Samples.Unique("cxo") + "@buyer";
        hub.StoreAnswers(order, 200, """{"status":"accepted"}""");
        using (var response = await client.PostAsync("/cxml", Samples.Xml(Samples.OrderRequest(payloadId, order, PipelineFixture.CxmlSecret,
            PipelineFixture.CxmlPartnerIdentity)), Cancel)) Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(await Http.EventuallyAsync(async () => await hub.ScalarAsync<long>("SELECT count(*) FROM hub.purchase_order WHERE order_number = @Order", new { Order = order }) == 1, Patience));
        return (order, payloadId);
    }

    /// <summary>The cXML partner stub answers 200 OK to a document that names <paramref name="id"/>.</summary>
    public static void PartnerAcceptsCxml(this PipelineFixture hub, string id) =>
        hub.Partner.Given(WireMock.RequestBuilders.Request.Create().WithPath("/cxml/inbound").UsingPost().WithBody(new WireMock.Matchers.WildcardMatcher($"*{id}*")))
            .AtPriority(1)
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(200).WithHeader("Content-Type", "text/xml").WithBody(CxmlOk));

    /// <summary>Reads what the hub sent back through the hub's own X12 engine: one <paramref name="setId"/> set, without errors.</summary>
    public static void AssertOneX12Set(string posted, string setId)
    {
        var read = IntegrationHub.Translation.FormatTrees.ReadAll("x12", Encoding.ASCII.GetBytes(posted));
        Assert.Equal(setId, Assert.Single(read).DocumentType);
        Assert.DoesNotContain(read.SelectMany(t => t.Diagnostics), d => d.Severity == IntegrationHub.Documents.Severity.Error);
    }
}
