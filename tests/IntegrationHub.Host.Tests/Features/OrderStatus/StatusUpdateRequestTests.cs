using System.Net;
using IntegrationHub.Host.Tests.Features.StoreDocuments;
using IntegrationHub.Host.Tests.Fixtures;
using Samples = IntegrationHub.Host.Tests.PurchaseOrders.Documents;

namespace IntegrationHub.Host.Tests.Features.OrderStatus;

public sealed class StatusUpdateRequestTests(PipelineFixture hub) : IClassFixture<PipelineFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static string StatusUpdate(string payloadId, string? reference, string status = """<Status code="200" text="OK">Paid in full</Status>""",
        string secret = PipelineFixture.CxmlSecret) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/1.2.069/cXML.dtd">
        <cXML payloadID="{payloadId}" timestamp="2026-12-01T10:00:00Z" xml:lang="en-US">
          <Header>
            <From><Credential domain="NetworkID"><Identity>{PipelineFixture.CxmlPartnerIdentity}</Identity></Credential></From>
            <To><Credential domain="DUNS"><Identity>123456789</Identity></Credential></To>
            <Sender><Credential domain="NetworkID"><Identity>{PipelineFixture.CxmlPartnerIdentity}</Identity><SharedSecret>{secret}</SharedSecret></Credential>
              <UserAgent>Buyer 1.0</UserAgent></Sender>
          </Header>
          <Request>
            <StatusUpdateRequest>
              {(reference is null ? "" : $"<DocumentReference payloadID=\"{reference}\"/>")}
              {status}
              <InvoiceStatus type="paid"/>
            </StatusUpdateRequest>
          </Request>
        </cXML>
        """;

    private static async Task<string> PostAsync(HttpClient client, string xml)
    {
        using var response = await client.PostAsync("/cxml", Samples.Xml(xml), Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Cancel);
    }

    // A cXML order, accepted by the store, and an invoice pushed for it: returns the order's id and the invoice's outbound payloadID.
    private async Task<(long OrderId, string InvoicePayloadId)> InvoicedCxmlOrderAsync(HttpClient client)
    {
        var order = Samples.Unique("SUR");
        hub.StoreAnswers(order, 200, """{"status":"accepted"}""");
        await PostAsync(client, Samples.OrderRequest(Samples.Unique("sur") + "@buyer", order, PipelineFixture.CxmlSecret, PipelineFixture.CxmlPartnerIdentity));
        Assert.True(await Http.EventuallyAsync(async () => await hub.ScalarAsync<long>(
            "SELECT count(*) FROM hub.purchase_order WHERE order_number = @Order", new { Order = order }) == 1, Patience));
        var invoiceId = Samples.Unique("SUI");
        var (status, answer) = await StorePushes.PushAsync(client, "/api/stores/invoices", StorePushes.Invoice(order, invoiceId));
        Assert.True(status == HttpStatusCode.Accepted, answer.ToString());
        var outboundId = answer.GetProperty("outboundId").GetInt64();
        var payloadId = await hub.ScalarAsync<string>("SELECT dedupe_key FROM hub.message WHERE id = @Id", new { Id = outboundId });
        var raw = await hub.ScalarAsync<byte[]>("SELECT raw FROM hub.message WHERE id = @Id", new { Id = outboundId });
        Assert.Equal(payloadId, IntegrationHub.Formats.Cxml.CxmlReader.Read(raw).Document!.PayloadId); // the payloadID stored is the one sent
        return (await hub.ScalarAsync<long>("SELECT id FROM hub.purchase_order WHERE order_number = @Order", new { Order = order }), payloadId);
    }

    [Fact]
    public async Task StatusUpdateRequest_Answers200AndShowsOnTheOrderStatus_WhenItNamesAnInvoiceTheHubSent()
    {
        var client = await hub.ClientAsync();
        var (orderId, invoicePayloadId) = await InvoicedCxmlOrderAsync(client);
        var payloadId = Samples.Unique("upd") + "@buyer";

        var answer = await PostAsync(client, StatusUpdate(payloadId, invoicePayloadId));

        Assert.Equal(200, Samples.StatusCode(answer));
        var (status, view) = await hub.App.CreateAdminClient().GetJsonAsync($"/api/admin/orders/{orderId}/status");
        Assert.Equal(HttpStatusCode.OK, status);
        var update = Assert.Single(view.GetProperty("statusUpdates").EnumerateArray());
        Assert.Equal(200, update.GetProperty("code").GetInt32());
        Assert.Equal("Paid in full", update.GetProperty("detail").GetString());
        Assert.Equal("InvoiceStatus paid", update.GetProperty("documentStatus").GetString());
        Assert.Equal("InvoiceDetailRequest", update.GetProperty("documentType").GetString());
        Assert.Equal(invoicePayloadId, update.GetProperty("payloadId").GetString());

        // The same request again is answered as the first time and recorded once.
        Assert.Equal(200, Samples.StatusCode(await PostAsync(client, StatusUpdate(payloadId, invoicePayloadId))));
        Assert.Equal(1, await hub.ScalarAsync<long>("SELECT count(*) FROM hub.status_update WHERE purchase_order_id = @Id", new { Id = orderId }));
        // Other content under the same payloadID is a conflict.
        Assert.Equal(409, Samples.StatusCode(await PostAsync(client, StatusUpdate(payloadId, invoicePayloadId, """<Status code="500" text="Failed"/>"""))));
    }

    [Fact]
    public async Task StatusUpdateRequest_Answers412AndKeepsTheRequest_WhenItNamesNothingTheHubSent()
    {
        var client = await hub.ClientAsync();
        var payloadId = Samples.Unique("unk") + "@buyer";

        var answer = await PostAsync(client, StatusUpdate(payloadId, "never-sent@integration-hub"));

        Assert.Equal(412, Samples.StatusCode(answer));
        Assert.Equal("rejected", await hub.ScalarAsync<string>(
            "SELECT status FROM hub.message WHERE direction = 'in' AND dedupe_key = @Key", new { Key = payloadId }));
        Assert.Equal(0, await hub.ScalarAsync<long>(
            "SELECT count(*) FROM hub.status_update u JOIN hub.message m ON m.id = u.message_id WHERE m.dedupe_key = @Key", new { Key = payloadId }));
    }

    [Fact]
    public async Task StatusUpdateRequest_Answers400_WhenDocumentReferenceOrStatusIsMissing()
    {
        var client = await hub.ClientAsync();

        Assert.Equal(400, Samples.StatusCode(await PostAsync(client, StatusUpdate(Samples.Unique("nr") + "@buyer", null))));
        Assert.Equal(400, Samples.StatusCode(await PostAsync(client, StatusUpdate(Samples.Unique("ns") + "@buyer", "x@hub", status: ""))));
    }

    [Fact]
    public async Task StatusUpdateRequest_Answers401_WhenTheSharedSecretIsWrong()
    {
        var client = await hub.ClientAsync();

        Assert.Equal(401, Samples.StatusCode(await PostAsync(client, StatusUpdate(Samples.Unique("bad") + "@buyer", "x@hub", secret: "wrong"))));
    }
}
