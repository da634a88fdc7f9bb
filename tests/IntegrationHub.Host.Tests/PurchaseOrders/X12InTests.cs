using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using IntegrationHub.Host.Tests.Fixtures;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace IntegrationHub.Host.Tests.PurchaseOrders;

public sealed class X12InTests(PipelineFixture hub) : IClassFixture<PipelineFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static int _nextControlNumber = Random.Shared.Next(1000, 900_000_000);

    private static int NextControlNumber() => Interlocked.Increment(ref _nextControlNumber);

    private void StoreAccepts(string orderNumber) => hub.StoreAnswers(orderNumber, 200, """{"status":"accepted"}""");

    private static HttpRequestMessage Post(string body, string? key = PipelineFixture.X12Key, bool wantAck = true)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/x12") { Content = new StringContent(body, Encoding.ASCII, "application/edi-x12") };
        if (key is not null) request.Headers.Add("X-Api-Key", key);
        if (wantAck) request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/edi-x12"));
        return request;
    }

    private static async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        using (request)
        using (var response = await client.SendAsync(request, TestContext.Current.CancellationToken))
            return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }



    [Fact]
    public async Task PostX12_Answers997AndDeliversTheOrder_WhenTheFileIsGood()
    {
        var client = await hub.ClientAsync();
        var order = Documents.Unique("X12-OK");
        StoreAccepts(order);

        var (status, ack) = await SendAsync(client, Post(Documents.Interchange850(NextControlNumber(), order)));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.StartsWith("ISA*", ack, StringComparison.Ordinal);
        Assert.Contains("ST*997*", ack, StringComparison.Ordinal);
        Assert.Contains("AK1*PO*101", ack, StringComparison.Ordinal);
        Assert.Contains("AK9*A*1*1*1", ack, StringComparison.Ordinal);
        Assert.True(await Http.EventuallyAsync(async () => await hub.OrderStatusAsync(order) == "delivered", Patience), await hub.OrderStatusAsync(order));
        Assert.Equal(1, hub.StoreCalls(order));
        // The acknowledgment is also queued for the partner's channel: demo-buyer has no endpoint, so the outbox folder.
        Assert.True(await Http.EventuallyAsync(() => Task.FromResult(
            Directory.Exists(Path.Combine(hub.Outbox, "demo-buyer")) &&
            Directory.EnumerateFiles(Path.Combine(hub.Outbox, "demo-buyer"), "*-997.x12").Any(f => File.ReadAllText(f) == ack)), Patience));
    }

    [Fact]
    public async Task PostX12_Answers202WithTheMessage_WhenTheAcknowledgmentIsNotAskedFor()
    {
        var client = await hub.ClientAsync();
        var order = Documents.Unique("X12-202");
        StoreAccepts(order);

        var (status, body) = await SendAsync(client, Post(Documents.Interchange850(NextControlNumber(), order), wantAck: false));

        Assert.Equal(HttpStatusCode.Accepted, status);
        var accepted = JsonDocument.Parse(body).RootElement;
        Assert.Equal(1, accepted.GetProperty("setsAccepted").GetInt32());
        Assert.Equal("997", accepted.GetProperty("acknowledgment").GetString());
        var id = accepted.GetProperty("messageId").GetInt64();
        Assert.True(await Http.EventuallyAsync(async () => await hub.OrderStatusAsync(order) == "delivered", Patience));
        Assert.Equal(order, await hub.ScalarAsync<string>("SELECT order_number FROM hub.purchase_order WHERE message_id = @Id", new { Id = id }));
    }

    [Fact]
    public async Task PostX12_AnswersAsTheFirstTimeAndDeliversOnce_WhenTheInterchangeIsResent()
    {
        var client = await hub.ClientAsync();
        var order = Documents.Unique("X12-DUP");
        StoreAccepts(order);
        var file = Documents.Interchange850(NextControlNumber(), order);

        var answers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => SendAsync(hub.App.CreateClient(), Post(file))));
        var later = await SendAsync(client, Post(file));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.All([.. answers, later], a => Assert.Equal(answers[0].Body, a.Body));
        Assert.Equal(1L, await hub.ScalarAsync<long>("SELECT count(*) FROM hub.message WHERE direction = 'in' AND raw = @Raw", new { Raw = Encoding.ASCII.GetBytes(file) }));
        Assert.True(await Http.EventuallyAsync(async () => await hub.OrderStatusAsync(order) == "delivered", Patience));
        Assert.Equal(1, hub.StoreCalls(order));
    }

    [Fact]
    public async Task PostX12_Answers409_WhenAnInterchangeControlNumberReturnsWithOtherContent()
    {
        var client = await hub.ClientAsync();
        var number = NextControlNumber();
        await SendAsync(client, Post(Documents.Interchange850(number, Documents.Unique("X12-A"))));

        var (status, body) = await SendAsync(client, Post(Documents.Interchange850(number, Documents.Unique("X12-B"))));

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("ISA13", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostX12_GivesEveryAcknowledgmentItsOwnControlNumber_WhenFilesArriveAtOnce()
    {
        var files = Enumerable.Range(0, 6).Select(_ => Documents.Interchange850(NextControlNumber(), Documents.Unique("X12-CN"))).ToList();
        await hub.ClientAsync();

        var acks = await Task.WhenAll(files.Select(f => SendAsync(hub.App.CreateClient(), Post(f))));

        var isa13 = acks.Select(a => a.Body.Split('*')[13]).ToList();
        Assert.Equal(isa13.Count, isa13.Distinct().Count());
        var gs06 = acks.Select(a => a.Body[a.Body.IndexOf("GS*", StringComparison.Ordinal)..].Split('*')[6]).ToList();
        Assert.Equal(gs06.Count, gs06.Distinct().Count());
    }

    [Fact]
    public async Task PostX12_DeliversAChange_WhenTheFileIsAn860()
    {
        var client = await hub.ClientAsync();
        var order = Documents.Unique("X12-CHG");
        hub.Store.Given(Request.Create().WithPath("/store/order-changes").UsingPost().WithBody(new WildcardMatcher($"*\"{order}\"*")))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody("""{"status":"changed"}"""));
        var isa13 = NextControlNumber().ToString("D9", System.Globalization.CultureInfo.InvariantCulture);
        var file = File.ReadAllText(Path.Combine(Documents.RepositoryRoot, "mappings/defaults/x12/860-004010.inbound.samples/three-changes.edi"))
            .Replace("000000401", isa13, StringComparison.Ordinal).Replace("BCH*04*SA*PO-4711", $"BCH*04*SA*{order}", StringComparison.Ordinal);

        var (status, ack) = await SendAsync(client, Post(file));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("AK1*PC*401", ack, StringComparison.Ordinal);
        Assert.True(await Http.EventuallyAsync(async () => await hub.OrderStatusAsync(order) == "delivered", Patience), await hub.OrderStatusAsync(order));
        Assert.Equal(("change", "changed"), (await hub.QueryAsync<(string, string)>(
            "SELECT kind, store_answer FROM hub.purchase_order WHERE order_number = @Order", new { Order = order })).Single());
        Assert.Single(hub.Store.LogEntries, e => e.RequestMessage.Path == "/store/order-changes" && (e.RequestMessage.Body ?? "").Contains(order, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Delivery_Sends865_WhenTheStoreAnswersAChange()
    {
        var client = await hub.ClientAsync();
        var order = Documents.Unique("X12-865");
        hub.Store.Given(Request.Create().WithPath("/store/order-changes").UsingPost().WithBody(new WildcardMatcher($"*\"{order}\"*")))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody("""{"status":"changed","storeOrderId":"SO-865","lines":[{"lineNumber":"3","status":"rejected","note":"already shipped"}]}"""));
        hub.Partner.Given(Request.Create().WithPath("/edi/inbound").UsingPost().WithBody(new WildcardMatcher($"*BCA*{order}*"))).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(200));
        var isa13 = NextControlNumber().ToString("D9", System.Globalization.CultureInfo.InvariantCulture);
        var file = ToEdiPartner(File.ReadAllText(Path.Combine(Documents.RepositoryRoot, "mappings/defaults/x12/860-004010.inbound.samples/three-changes.edi"))
            .Replace("000000401", isa13, StringComparison.Ordinal).Replace("BCH*04*SA*PO-4711", $"BCH*04*SA*{order}", StringComparison.Ordinal));

        var (status, _) = await SendAsync(client, Post(file));

        Assert.Equal(HttpStatusCode.OK, status);
        const string Sql = "SELECT m.status FROM hub.message m JOIN hub.purchase_order o ON o.id = m.acknowledges WHERE o.order_number = @Order AND m.document_type = '865'";
        Assert.True(await Http.EventuallyAsync(async () => (await hub.QueryAsync<string>(Sql, new { Order = order })).SingleOrDefault() == "sent", Patience),
            await hub.ScalarAsync<string>("SELECT coalesce(max(acknowledgment || ' ' || coalesce(acknowledgment_diagnostics::text, '')), '') FROM hub.purchase_order WHERE order_number = @Order", new { Order = order }));
        var text = Encoding.ASCII.GetString(await hub.ScalarAsync<byte[]>(
            "SELECT m.raw FROM hub.message m JOIN hub.purchase_order o ON o.id = m.acknowledges WHERE o.order_number = @Order", new { Order = order }));
        var segments = text.Split('~', StringSplitOptions.TrimEntries);
        Assert.Contains(segments, x => x.StartsWith($"BCA*00*AC*{order}*", StringComparison.Ordinal) && x.Contains("SO-865", StringComparison.Ordinal));
        var poc = Array.FindIndex(segments, x => x.StartsWith("POC*3*", StringComparison.Ordinal));
        Assert.True(poc > 0, text);
        Assert.StartsWith("ACK*ID", segments[poc + 1], StringComparison.Ordinal);
        Assert.Equal(3, segments.Count(x => x.StartsWith("POC*", StringComparison.Ordinal)));
        Assert.DoesNotContain(IntegrationHub.Translation.FormatTrees.ReadAll("x12", Encoding.ASCII.GetBytes(text)).SelectMany(t => t.Diagnostics),
            d => d.Severity == IntegrationHub.Documents.Severity.Error);
    }

    [Fact]
    public async Task Sweeper_TranslatesAndDelivers_WhenAStoredMessageWasNeverQueued()
    {
        await hub.ClientAsync();
        var order = Documents.Unique("X12-SWP");
        StoreAccepts(order);
        var raw = Encoding.ASCII.GetBytes(Documents.Interchange850(NextControlNumber(), order));
        // As if the process died between the commit and the enqueue: the row is there, no job is.
        var id = await hub.ScalarAsync<long>("""
            INSERT INTO hub.message (direction, protocol, partner_id, document_type, content_sha256, raw, content_type, status, updated_at)
            VALUES ('in', 'x12', 'demo-buyer', '850', sha256(@Raw), @Raw, 'application/edi-x12', 'received', now() - interval '1 hour') RETURNING id
            """, new { Raw = raw });

        Assert.True(await Http.EventuallyAsync(async () => await hub.OrderStatusAsync(order) == "delivered", Patience), await hub.OrderStatusAsync(order));
        Assert.Equal("translated", await hub.ScalarAsync<string>("SELECT status FROM hub.message WHERE id = @Id", new { Id = id }));
    }

    [Theory]
    [InlineData("wrong-key")]
    [InlineData(null)]
    public async Task PostX12_Answers401AndStoresNothing_WhenTheKeyIsNotThePartners(string? key)
    {
        var client = await hub.ClientAsync();
        var before = await hub.ScalarAsync<long>("SELECT count(*) FROM hub.message");

        var (status, _) = await SendAsync(client, Post(Documents.Interchange850(NextControlNumber(), "X12-AUTH"), key));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(before, await hub.ScalarAsync<long>("SELECT count(*) FROM hub.message"));
    }

    [Fact]
    public async Task PostX12_Answers401_WhenTheSenderIsNotAPartner()
    {
        var client = await hub.ClientAsync();
        var file = Documents.Interchange850(NextControlNumber(), "X12-WHO").Replace("*ZZ*DEMOBUYER      *", "*ZZ*STRANGER       *", StringComparison.Ordinal);

        var (status, _) = await SendAsync(client, Post(file));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task PostX12_Accepts_WhenTheKeyComesAsBasicCredentials()
    {
        var client = await hub.ClientAsync();
        var request = Post(Documents.Interchange850(NextControlNumber(), Documents.Unique("X12-BASIC")), key: null);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"demo-buyer:{PipelineFixture.X12Key}")));

        var (status, body) = await SendAsync(client, request);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("ST*997*", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostX12_Answers400_WhenTheBodyIsNotX12()
    {
        var client = await hub.ClientAsync();

        var (status, _) = await SendAsync(client, Post("hello, this is not an interchange"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    [Fact]
    public async Task PostX12_StoresAndRejects_WhenTheSetIsBroken()
    {
        var client = await hub.ClientAsync();
        var order = Documents.Unique("X12-BAD");
        var file = Documents.Interchange850(NextControlNumber(), order).Replace("SE*22*0001", "SE*7*0001", StringComparison.Ordinal);

        var (status, ack) = await SendAsync(client, Post(file));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("AK5*R", ack, StringComparison.Ordinal);
        Assert.Contains("AK9*R", ack, StringComparison.Ordinal);
        Assert.Equal("rejected", await hub.ScalarAsync<string>("SELECT status FROM hub.message WHERE direction = 'in' AND raw = @Raw", new { Raw = Encoding.ASCII.GetBytes(file) }));
        Assert.Equal(0L, await hub.ScalarAsync<long>("SELECT count(*) FROM hub.purchase_order WHERE order_number = @Order", new { Order = order }));
    }

    [Fact]
    public async Task Outbound_RetriesUntilThePartnerTakesIt_WhenThePartnersEndpointFails()
    {
        var client = await hub.ClientAsync();
        hub.Partner.Given(Request.Create().WithPath("/edi/inbound").UsingPost()).AtPriority(5).RespondWith(Response.Create().WithStatusCode(503));
        var file = Documents.Interchange850(NextControlNumber(), Documents.Unique("X12-OUT"))
            .Replace("*ZZ*DEMOBUYER      *", "*ZZ*EDIPARTNER     *", StringComparison.Ordinal);

        var (status, ack) = await SendAsync(client, Post(file));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("ST*999*", ack, StringComparison.Ordinal); // the partner file asks for 999s
        var outbound = await hub.ScalarAsync<long>("SELECT id FROM hub.message WHERE direction = 'out' AND raw = @Raw", new { Raw = Encoding.ASCII.GetBytes(ack) });
        Assert.True(await Http.EventuallyAsync(async () => await hub.ScalarAsync<string>("SELECT status FROM hub.message WHERE id = @Id", new { Id = outbound }) == "retrying", Patience));
        hub.Partner.Given(Request.Create().WithPath("/edi/inbound").UsingPost()).AtPriority(1).RespondWith(Response.Create().WithStatusCode(200));

        Assert.True(await Http.EventuallyAsync(async () => await hub.ScalarAsync<string>("SELECT status FROM hub.message WHERE id = @Id", new { Id = outbound }) == "sent", Patience));
        var attempts = await hub.QueryAsync<string>("SELECT outcome FROM hub.attempt WHERE message_id = @Id ORDER BY id", new { Id = outbound });
        Assert.Equal("succeeded", attempts[^1]);
        Assert.Contains("transient", attempts);
        Assert.Contains(hub.Partner.LogEntries, e => e.RequestMessage.Body == ack && e.ResponseMessage.StatusCode is 200);
    }

    private static string ToEdiPartner(string file) => file.Replace("*ZZ*DEMOBUYER      *", "*ZZ*EDIPARTNER     *", StringComparison.Ordinal);

    [Fact]
    public async Task Delivery_Sends855SayingTheLineIsBackordered_WhenTheStoreBackordersOneLine()
    {
        var client = await hub.ClientAsync();
        var order = Documents.Unique("X12-855");
        // Only this order's 855 is taken: the other tests of the class decide how the stub answers their documents.
        hub.Partner.Given(Request.Create().WithPath("/edi/inbound").UsingPost().WithBody(new WireMock.Matchers.WildcardMatcher($"*{order}*")))
            .AtPriority(1).RespondWith(Response.Create().WithStatusCode(200));
        hub.StoreAnswers(order, 200, """{"status":"backordered","storeOrderId":"SO-855","lines":[{"lineNumber":"2","status":"backordered"}]}""");

        var (status, _) = await SendAsync(client, Post(ToEdiPartner(Documents.Interchange850(NextControlNumber(), order))));

        Assert.Equal(HttpStatusCode.OK, status);
        const string Sql = """
            SELECT m.status FROM hub.message m JOIN hub.purchase_order o ON o.id = m.acknowledges WHERE o.order_number = @Order AND m.document_type = '855'
            """;
        Assert.True(await Http.EventuallyAsync(async () => (await hub.QueryAsync<string>(Sql, new { Order = order })).SingleOrDefault() == "sent", Patience),
            $"acknowledgment {await hub.ScalarAsync<string>("SELECT coalesce(max(acknowledgment), '') FROM hub.purchase_order WHERE order_number = @Order", new { Order = order })}");
        var raw = await hub.ScalarAsync<byte[]>("""
            SELECT m.raw FROM hub.message m JOIN hub.purchase_order o ON o.id = m.acknowledges WHERE o.order_number = @Order
            """, new { Order = order });
        var text = Encoding.ASCII.GetString(raw);
        Assert.Contains(hub.Partner.LogEntries, e => e.RequestMessage.Body == text && e.ResponseMessage.StatusCode is 200);
        var read = IntegrationHub.Translation.FormatTrees.ReadAll("x12", raw);
        Assert.Equal("855", Assert.Single(read).DocumentType);
        Assert.DoesNotContain(read.SelectMany(t => t.Diagnostics), d => d.Severity == IntegrationHub.Documents.Severity.Error);
        var segments = text.Split('~', StringSplitOptions.TrimEntries);
        Assert.Contains($"BAK*00*AC*{order}*20261126****SO-855", segments[Array.FindIndex(segments, x => x.StartsWith("BAK*", StringComparison.Ordinal))], StringComparison.Ordinal);
        Assert.StartsWith("ACK*IA*10*BX", segments[Array.FindIndex(segments, x => x.StartsWith("PO1*1*", StringComparison.Ordinal)) + 1], StringComparison.Ordinal);
        Assert.StartsWith("ACK*IB*3*PC", segments[Array.FindIndex(segments, x => x.StartsWith("PO1*2*", StringComparison.Ordinal)) + 1], StringComparison.Ordinal);
        Assert.StartsWith("ISA*00*          *00*          *ZZ*SUPPLIER       *ZZ*EDIPARTNER     *", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delivery_ParksTheAcknowledgmentWithItsDiagnostics_WhenThe855CannotBeWritten()
    {
        var client = await hub.ClientAsync();
        var order = Documents.Unique("X12-BAD");
        // BAK08 (the store's order id) holds at most 22 characters: the 855 written from this answer does not validate.
        hub.StoreAnswers(order, 200, """{"status":"accepted","storeOrderId":"SO-0123456789012345678901234567890123456789"}""");

        var (status, _) = await SendAsync(client, Post(ToEdiPartner(Documents.Interchange850(NextControlNumber(), order))));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(await Http.EventuallyAsync(async () => await hub.OrderStatusAsync(order) == "delivered", Patience));
        var parked = await hub.QueryAsync<(string Acknowledgment, string Diagnostics)>(
            "SELECT acknowledgment, acknowledgment_diagnostics::text FROM hub.purchase_order WHERE order_number = @Order", new { Order = order });
        Assert.Equal("parked", parked.Single().Acknowledgment);
        Assert.Contains("BAK08", parked.Single().Diagnostics, StringComparison.Ordinal);
        Assert.Equal(0L, await hub.ScalarAsync<long>(
            "SELECT count(*) FROM hub.message m JOIN hub.purchase_order o ON o.id = m.acknowledges WHERE o.order_number = @Order", new { Order = order }));
        var messageId = await hub.ScalarAsync<long>("SELECT message_id FROM hub.purchase_order WHERE order_number = @Order", new { Order = order });
        var (_, detail) = await hub.App.CreateAdminClient().GetJsonAsync($"/api/admin/messages/{messageId}");
        var shown = detail.GetProperty("orders").EnumerateArray().Single();
        Assert.Equal("parked", shown.GetProperty("acknowledgment").GetString());
        Assert.Contains("BAK08", shown.GetProperty("acknowledgmentDiagnostics").GetRawText(), StringComparison.Ordinal);
    }
}
