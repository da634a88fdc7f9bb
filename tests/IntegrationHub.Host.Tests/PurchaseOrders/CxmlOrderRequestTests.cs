using System.Globalization;
using System.Text;
using System.Net;
using IntegrationHub.Host.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace IntegrationHub.Host.Tests.PurchaseOrders;

public sealed class CxmlOrderRequestTests(PipelineFixture hub) : IClassFixture<PipelineFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);




    private static async Task<string> PostAsync(HttpClient client, string document)
    {
        using var response = await client.PostAsync("/cxml", Documents.Xml(document), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task PostCxml_Answers200AndDeliversOnce_WhenOrderRequestIsGood()
    {
        var client = await hub.ClientAsync();
        var order = Documents.Unique("PO-OK");
        hub.StoreAnswers(order, 200, """{"status":"accepted","storeOrderId":"SO-1"}""");

        var answer = await PostAsync(client, Documents.OrderRequest(Documents.Unique("pl") + "@buyer", order, PipelineFixture.CxmlSecret));

        Assert.Equal(200, Documents.StatusCode(answer));
        Assert.True(await Http.EventuallyAsync(async () => await hub.OrderStatusAsync(order) == "delivered", Patience), $"status {await hub.OrderStatusAsync(order)}");
        Assert.Equal(1, hub.StoreCalls(order));
        var call = hub.Store.LogEntries.Single(e => (e.RequestMessage.Body ?? "").Contains($"\"{order}\"", StringComparison.Ordinal)).RequestMessage;
        Assert.StartsWith("demo-buyer/", call.Headers!["Idempotency-Key"].Single(), StringComparison.Ordinal);
        // A Content-Length, not chunked transfer encoding: simple HTTP/1.1 stores misread chunks as the next request.
        Assert.Equal(Encoding.UTF8.GetByteCount(call.Body!).ToString(CultureInfo.InvariantCulture), call.Headers!["Content-Length"].Single());
        Assert.False(call.Headers.ContainsKey("Transfer-Encoding"));
        Assert.Contains("\"kind\":\"order\"", call.Body, StringComparison.Ordinal);
        Assert.Contains("\"currency\":\"USD\"", call.Body, StringComparison.Ordinal);
        var recorded = await hub.QueryAsync<(string Answer, string Acknowledgment)>(
            "SELECT store_answer, acknowledgment FROM hub.purchase_order WHERE order_number = @Order", new { Order = order });
        Assert.Equal(("accepted", "queued"), recorded.Single());
    }

    [Fact]
    public async Task PostCxml_StoresTheDocumentWithoutItsSharedSecret_WhenOrderRequestIsGood()
    {
        var client = await hub.ClientAsync();
        var order = Documents.Unique("PO-SEC");
        hub.StoreAnswers(order, 200, """{"status":"accepted"}""");
        var document = Documents.OrderRequest(Documents.Unique("sec") + "@buyer", order, PipelineFixture.CxmlSecret);

        await PostAsync(client, document);

        var id = await hub.ScalarAsync<long>("SELECT id FROM hub.message WHERE direction = 'in' AND reference = @Order", new { Order = order });
        var stored = System.Text.Encoding.UTF8.GetString(await hub.ScalarAsync<byte[]>("SELECT raw FROM hub.message WHERE id = @Id", new { Id = id }));
        Assert.Equal(document.Replace(PipelineFixture.CxmlSecret, "[redacted]", StringComparison.Ordinal), stored);
        Assert.True(await Http.EventuallyAsync(async () => await hub.OrderStatusAsync(order) == "delivered", Patience));
        var (_, detail) = await hub.App.CreateAdminClient().GetJsonAsync($"/api/admin/messages/{id}");
        Assert.DoesNotContain(PipelineFixture.CxmlSecret, detail.GetRawText(), StringComparison.Ordinal);
        using var raw = await hub.App.CreateAdminClient().GetAsync($"/api/admin/messages/{id}/raw", TestContext.Current.CancellationToken);
        Assert.DoesNotContain(PipelineFixture.CxmlSecret, await raw.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        // The same document again is still answered as the first time: the stored copy is compared redacted.
        Assert.Equal(200, Documents.StatusCode(await PostAsync(client, document)));
    }

    [Fact]
    public async Task PostCxml_AnswersAsTheFirstTimeAndDeliversOnce_WhenPayloadIdRepeats()
    {
        var client = await hub.ClientAsync();
        var order = Documents.Unique("PO-DUP");
        hub.StoreAnswers(order, 200, """{"status":"accepted"}""");
        var document = Documents.OrderRequest(Documents.Unique("dup") + "@buyer", order, PipelineFixture.CxmlSecret);

        var first = await PostAsync(client, document);
        var again = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostAsync(hub.App.CreateClient(), document)));

        Assert.All(again, answer => Assert.Equal(first, answer));
        Assert.Equal(1L, await hub.ScalarAsync<long>("SELECT count(*) FROM hub.message WHERE reference = @Order", new { Order = order }));
        Assert.True(await Http.EventuallyAsync(async () => await hub.OrderStatusAsync(order) == "delivered", Patience));
        Assert.Equal(1, hub.StoreCalls(order));
    }

    [Fact]
    public async Task PostCxml_StoresOneMessage_WhenIdenticalPostsArriveAtOnce()
    {
        var client = await hub.ClientAsync();
        var order = Documents.Unique("PO-RACE");
        hub.StoreAnswers(order, 200, """{"status":"accepted"}""");
        var document = Documents.OrderRequest(Documents.Unique("race") + "@buyer", order, PipelineFixture.CxmlSecret);

        var answers = await Task.WhenAll(PostAsync(client, document), PostAsync(hub.App.CreateClient(), document));

        Assert.Equal(answers[0], answers[1]);
        Assert.Equal(200, Documents.StatusCode(answers[0]));
        Assert.Equal(1L, await hub.ScalarAsync<long>("SELECT count(*) FROM hub.message WHERE reference = @Order", new { Order = order }));
        Assert.True(await Http.EventuallyAsync(async () => await hub.OrderStatusAsync(order) == "delivered", Patience));
        Assert.Equal(1, hub.StoreCalls(order));
    }

    [Fact]
    public async Task PostCxml_Answers409_WhenPayloadIdRepeatsWithOtherContent()
    {
        var client = await hub.ClientAsync();
        var payloadId = Documents.Unique("conflict") + "@buyer";
        await PostAsync(client, Documents.OrderRequest(payloadId, Documents.Unique("PO-A"), PipelineFixture.CxmlSecret));

        var answer = await PostAsync(client, Documents.OrderRequest(payloadId, Documents.Unique("PO-B"), PipelineFixture.CxmlSecret));

        Assert.Equal(409, Documents.StatusCode(answer));
    }

    [Fact]
    public async Task PostCxml_Answers406AndStoresNothing_WhenDocumentIsMalformed()
    {
        var client = await hub.ClientAsync();
        var before = await hub.ScalarAsync<long>("SELECT count(*) FROM hub.message");
        var truncated = Documents.OrderRequest("malformed@buyer", "PO-BAD", PipelineFixture.CxmlSecret)[..400];

        var answer = await PostAsync(client, truncated);

        Assert.Equal(406, Documents.StatusCode(answer));
        Assert.Equal(before, await hub.ScalarAsync<long>("SELECT count(*) FROM hub.message"));
    }

    [Theory]
    [InlineData("wrong-secret", "AN-DEMO-BUYER")]
    [InlineData(PipelineFixture.CxmlSecret, "AN-SOMEONE-ELSE")]
    public async Task PostCxml_Answers401AndStoresNothing_WhenCredentialsDoNotMatch(string secret, string identity)
    {
        var client = await hub.ClientAsync();
        var order = Documents.Unique("PO-AUTH");

        var answer = await PostAsync(client, Documents.OrderRequest(Documents.Unique("auth") + "@buyer", order, secret, identity));

        Assert.Equal(401, Documents.StatusCode(answer));
        Assert.DoesNotContain(secret, answer, StringComparison.Ordinal);
        Assert.Equal(0L, await hub.ScalarAsync<long>("SELECT count(*) FROM hub.message WHERE reference = @Order", new { Order = order }));
    }

    [Fact]
    public async Task PostCxml_AnswersNotImplemented_WhenRequestTypeIsNotHandled()
    {
        var client = await hub.ClientAsync();
        var document = Documents.OrderRequest(Documents.Unique("pending") + "@buyer", "PO-X", PipelineFixture.CxmlSecret);
        var start = document.IndexOf("<OrderRequest>", StringComparison.Ordinal);
        var end = document.IndexOf("</OrderRequest>", StringComparison.Ordinal) + "</OrderRequest>".Length;
        var pending = document[..start] + "<GetPendingRequest maxMessages=\"1\"><MessageType>OrderRequest</MessageType></GetPendingRequest>" + document[end..];

        var answer = await PostAsync(client, pending);

        Assert.Equal(450, Documents.StatusCode(answer));
        Assert.Contains("GetPendingRequest", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delivery_RetriesWithTheSameKeyUntilDelivered_WhenStoreIsDownThenUp()
    {
        var client = await hub.ClientAsync();
        var order = Documents.Unique("PO-DOWN");
        hub.StoreAnswers(order, 503, """{"error":"maintenance"}""", priority: 5);

        await PostAsync(client, Documents.OrderRequest(Documents.Unique("down") + "@buyer", order, PipelineFixture.CxmlSecret));
        Assert.True(await Http.EventuallyAsync(async () => await hub.OrderStatusAsync(order) == "retrying", Patience), await hub.OrderStatusAsync(order));
        hub.StoreAnswers(order, 200, """{"status":"accepted"}""", priority: 1);

        Assert.True(await Http.EventuallyAsync(async () => await hub.OrderStatusAsync(order) == "delivered", Patience), await hub.OrderStatusAsync(order));
        var calls = hub.Store.LogEntries.Where(e => (e.RequestMessage.Body ?? "").Contains($"\"{order}\"", StringComparison.Ordinal)).ToList();
        Assert.True(calls.Count >= 2);
        Assert.Single(calls.Select(c => c.RequestMessage.Headers!["Idempotency-Key"].Single()).Distinct());
        Assert.Equal(1, calls.Count(c => c.ResponseMessage.StatusCode is 200));
        var outcomes = await hub.QueryAsync<string>(
            "SELECT a.outcome FROM hub.attempt a JOIN hub.purchase_order o ON o.id = a.purchase_order_id WHERE o.order_number = @Order ORDER BY a.id", new { Order = order });
        Assert.Equal("succeeded", outcomes[^1]);
        Assert.All(outcomes.SkipLast(1), outcome => Assert.Equal("transient", outcome));
    }

    [Fact]
    public async Task Delivery_RecordsTheRejection_WhenStoreRejectsTheOrder()
    {
        var client = await hub.ClientAsync();
        var order = Documents.Unique("PO-REJ");
        hub.StoreAnswers(order, 200, """{"status":"rejected","message":"Account on hold","lines":[{"lineNumber":"1","status":"rejected"}]}""");

        await PostAsync(client, Documents.OrderRequest(Documents.Unique("rej") + "@buyer", order, PipelineFixture.CxmlSecret));

        Assert.True(await Http.EventuallyAsync(async () => await hub.OrderStatusAsync(order) == "delivered", Patience));
        var recorded = await hub.ScalarAsync<string>("SELECT store_answer || ' ' || (store_response->>'message') FROM hub.purchase_order WHERE order_number = @Order", new { Order = order });
        Assert.Equal("rejected Account on hold", recorded);
    }

    [Fact]
    public async Task Delivery_ParksTheOrder_WhenStoreRefusesItsData()
    {
        var client = await hub.ClientAsync();
        var order = Documents.Unique("PO-422");
        hub.StoreAnswers(order, 422, """{"error":"unknown part GLV-100"}""");

        await PostAsync(client, Documents.OrderRequest(Documents.Unique("422") + "@buyer", order, PipelineFixture.CxmlSecret));

        Assert.True(await Http.EventuallyAsync(async () => await hub.OrderStatusAsync(order) == "parked", Patience));
        Assert.Equal(1, hub.StoreCalls(order));
        var error = await hub.ScalarAsync<string>("SELECT last_error FROM hub.purchase_order WHERE order_number = @Order", new { Order = order });
        Assert.Contains("422", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostCxml_Answers400AndStoresNothing_WhenOrderLacksRequiredFields()
    {
        var client = await hub.ClientAsync();
        var payloadId = Documents.Unique("noid") + "@buyer";

        var answer = await PostAsync(client, Documents.OrderRequest(payloadId, "unused", PipelineFixture.CxmlSecret, sample: "missing-order-id"));

        Assert.Equal(400, Documents.StatusCode(answer));
        Assert.Contains("orderID", answer, StringComparison.Ordinal);
        Assert.Equal(0L, await hub.ScalarAsync<long>("SELECT count(*) FROM hub.message WHERE dedupe_key = @Key", new { Key = payloadId }));
    }

    private const string CxmlOk = """<?xml version="1.0"?><cXML payloadID="ok@partner" timestamp="2026-11-26T10:00:00Z"><Response><Status code="200" text="OK"/></Response></cXML>""";

    [Fact]
    public async Task Delivery_PostsConfirmationRequestReferencingTheOrder_WhenTheStoreAccepts()
    {
        var client = await hub.ClientAsync();
        var order = Documents.Unique("PO-ACK");
        hub.Partner.Given(Request.Create().WithPath("/cxml/inbound").UsingPost().WithBody(new WildcardMatcher($"*{order}*"))).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "text/xml").WithBody(CxmlOk));
        var payloadId = Documents.Unique("ack") + "@buyer";
        hub.StoreAnswers(order, 200, """{"status":"accepted","storeOrderId":"SO-ACK"}""");

        var answer = await PostAsync(client, Documents.OrderRequest(payloadId, order, PipelineFixture.CxmlSecret, PipelineFixture.CxmlPartnerIdentity));

        Assert.Equal(200, Documents.StatusCode(answer));
        const string Sql = "SELECT m.status FROM hub.message m JOIN hub.purchase_order o ON o.id = m.acknowledges WHERE o.order_number = @Order";
        Assert.True(await Http.EventuallyAsync(async () => (await hub.QueryAsync<string>(Sql, new { Order = order })).SingleOrDefault() == "sent", Patience),
            $"acknowledgment {await hub.ScalarAsync<string>("SELECT coalesce(max(acknowledgment), '') FROM hub.purchase_order WHERE order_number = @Order", new { Order = order })}");
        var posted = hub.Partner.LogEntries.Single(e => e.RequestMessage.Path == "/cxml/inbound" && (e.RequestMessage.Body ?? "").Contains(order, StringComparison.Ordinal));
        var read = IntegrationHub.Formats.Cxml.CxmlReader.Read(System.Text.Encoding.UTF8.GetBytes(posted.RequestMessage.Body!));
        Assert.False(read.HasErrors, string.Join("; ", read.Diagnostics));
        var document = read.Document!;
        Assert.NotEqual(payloadId, document.PayloadId);
        Assert.EndsWith("@integration-hub", document.PayloadId, StringComparison.Ordinal);
        var confirmation = document.Body!.Element("ConfirmationRequest")!;
        Assert.Equal("accept", confirmation.Element("ConfirmationHeader")!.Attribute("type"));
        var reference = confirmation.Element("OrderReference")!;
        Assert.Equal(order, reference.Attribute("orderID"));
        Assert.Equal(payloadId, reference.Element("DocumentReference")!.Attribute("payloadID"));
        Assert.Equal(2, confirmation.ElementsNamed("ConfirmationItem").Count());
        Assert.Equal(PipelineFixture.CxmlPartnerIdentity, document.Header!.To.Single().Identity);
    }

    [Fact]
    public async Task Delivery_QueuesOneAcknowledgment_WhenTheJobRunsTwice()
    {
        await hub.ClientAsync();
        var order = Documents.Unique("PO-TWICE");
        hub.StoreAnswers(order, 200, """{"status":"accepted"}""");
        await PostAsync(hub.App.CreateClient(), Documents.OrderRequest(Documents.Unique("twice") + "@buyer", order, PipelineFixture.CxmlSecret));
        Assert.True(await Http.EventuallyAsync(async () => await hub.OrderStatusAsync(order) == "delivered", Patience));
        var id = await hub.ScalarAsync<long>("SELECT id FROM hub.purchase_order WHERE order_number = @Order", new { Order = order });

        // As if the job's first run had crashed after queuing but before the order's row said so: it runs again.
        await hub.ScalarAsync<long>("UPDATE hub.purchase_order SET status = 'pending' WHERE id = @Id RETURNING id", new { Id = id });
        using (var scope = hub.App.Services.CreateScope())
            await ActivatorUtilities.CreateInstance<IntegrationHub.Pipeline.Delivery.DeliverOrderJob>(scope.ServiceProvider).RunAsync(id, TestContext.Current.CancellationToken);

        // The hub's own workers see the pending row too and may take it first (then the run above finds it held or
        // delivered and returns): either way the order is delivered a second time, exactly once more.
        Assert.True(await Http.EventuallyAsync(async () => hub.StoreCalls(order) >= 2 && await hub.OrderStatusAsync(order) == "delivered", Patience),
            $"store calls {hub.StoreCalls(order)}, status {await hub.OrderStatusAsync(order)}");
        Assert.Equal(2, hub.StoreCalls(order));
        Assert.Equal(1L, await hub.ScalarAsync<long>("SELECT count(*) FROM hub.message WHERE acknowledges = @Id", new { Id = id }));
    }
}
