using System.Globalization;
using System.Net;
using System.Text;
using IntegrationHub.Features.AckTracking;
using IntegrationHub.Host.Tests.Features.StoreDocuments;
using IntegrationHub.Host.Tests.Fixtures;
using IntegrationHub.Translation;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using Samples = IntegrationHub.Host.Tests.PurchaseOrders.Documents;

namespace IntegrationHub.Host.Tests.Features.AckTracking;

public sealed class AckTrackingTests : IClassFixture<PipelineFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static int _nextControlNumber = Random.Shared.Next(1000, 900_000_000);
    private const string CxmlOk = """<?xml version="1.0"?><cXML payloadID="ok@partner" timestamp="2026-12-01T10:00:00Z"><Response><Status code="200" text="OK, filed"/></Response></cXML>""";
    private readonly PipelineFixture _hub;

    public AckTrackingTests(PipelineFixture hub)
    {
        _hub = hub;
        // The partner takes whatever the hub sends it, so every outbound document is delivered and then awaits its acknowledgment.
        hub.Partner.Given(Request.Create().WithPath("/edi/inbound").UsingPost()).AtPriority(100).RespondWith(Response.Create().WithStatusCode(200));
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static string Isa(int control) => control.ToString("D9", CultureInfo.InvariantCulture);

    /// <summary>A 997 from edi-partner for one set the hub sent, with the AK5 and AK9 given.</summary>
    private static string Ack997(X12SentSet sent, string ak5, string ak9)
    {
        var isa = Isa(Interlocked.Increment(ref _nextControlNumber));
        return $"ISA*00*          *00*          *ZZ*EDIPARTNER     *ZZ*SUPPLIER       *261201*1200*U*00401*{isa}*0*T*>~" +
               $"GS*FA*EDIPARTNER*SUPPLIER*20261201*1200*77*X*004010~ST*997*0001~AK1*{sent.FunctionalId}*{sent.GroupControlNumber}~" +
               $"AK2*{sent.SetId}*{sent.SetControlNumber}~AK5*{ak5}~AK9*{ak9}~SE*6*0001~GE*1*77~IEA*1*{isa}~";
    }

    private static string Ta1(X12SentSet sent, string code)
    {
        var isa = Isa(Interlocked.Increment(ref _nextControlNumber));
        return $"ISA*00*          *00*          *ZZ*EDIPARTNER     *ZZ*SUPPLIER       *261201*1200*U*00401*{isa}*0*T*>~" +
               $"TA1*{sent.InterchangeControlNumber}*261201*1200*{code}*022~IEA*0*{isa}~";
    }

    private static async Task<HttpStatusCode> PostX12Async(HttpClient client, string file)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/x12") { Content = new StringContent(file, Encoding.ASCII, "application/edi-x12") };
        request.Headers.Add("X-Api-Key", PipelineFixture.X12Key);
        using var response = await client.SendAsync(request, Cancel);
        return response.StatusCode;
    }

    /// <summary>Pushes a shipment for a new X12 order and waits until its 856 was delivered; returns its message id and control numbers.</summary>
    private async Task<(long MessageId, X12SentSet Sent)> Sent856Async(HttpClient client)
    {
        var order = await _hub.X12OrderAsync(client);
        var (status, answer) = await StorePushes.PushAsync(client, "/api/stores/shipments", StorePushes.Shipment(order, Samples.Unique("ACK")));
        Assert.True(status == HttpStatusCode.Accepted, answer.ToString());
        var id = answer.GetProperty("outboundId").GetInt64();
        Assert.True(await Http.EventuallyAsync(async () => await StatusAsync(id) == "sent", Patience), await StatusAsync(id));
        var raw = await _hub.ScalarAsync<byte[]>("SELECT raw FROM hub.message WHERE id = @Id", new { Id = id });
        return (id, Assert.Single(X12Acknowledgments.SetsOf(raw)));
    }

    private Task<string> StatusAsync(long messageId) =>
        _hub.ScalarAsync<string>("SELECT status FROM hub.message WHERE id = @Id", new { Id = messageId });

    private Task<string> SetStatusAsync(long messageId) =>
        _hub.ScalarAsync<string>("SELECT coalesce(max(status), '') FROM hub.sent_set WHERE message_id = @Id", new { Id = messageId });

    // The partner's 24 hours pass: the message's delivery attempts are dated back 25 hours (the window counts from the first).
    private Task<long> DateBackAsync(long messageId) => _hub.ScalarAsync<long>("""
        WITH dated AS (UPDATE hub.attempt SET attempted_at = attempted_at - interval '25 hours' WHERE message_id = @Id RETURNING 1) SELECT count(*) FROM dated
        """, new { Id = messageId });

    [Fact]
    public async Task Inbound997_MarksTheShipmentAccepted_WhenItAcceptsTheSentSet()
    {
        var client = await _hub.ClientAsync();
        var (id, sent) = await Sent856Async(client);
        Assert.Equal("awaiting", await SetStatusAsync(id));

        Assert.Equal(HttpStatusCode.Accepted, await PostX12Async(client, Ack997(sent, "A", "A*1*1*1")));

        Assert.True(await Http.EventuallyAsync(async () => await SetStatusAsync(id) == "accepted", Patience));
        var (status, sets) = await _hub.App.CreateAdminClient().GetJsonAsync($"/api/admin/acknowledgments/messages/{id}");
        Assert.Equal(HttpStatusCode.OK, status);
        var set = Assert.Single(sets.EnumerateArray());
        Assert.Equal("856", set.GetProperty("setId").GetString());
        Assert.Equal("A", set.GetProperty("ackCode").GetString());
        var ackMessage = set.GetProperty("ackMessageId").GetInt64();
        Assert.Equal("translated", await StatusAsync(ackMessage)); // matched, not parked for want of a map
        Assert.Contains("acknowledgment.matched", await _hub.ScalarAsync<string>("SELECT diagnostics::text FROM hub.message WHERE id = @Id", new { Id = ackMessage }),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inbound997_FlagsTheShipmentRejected_WhenItRejectsTheSentSet()
    {
        var client = await _hub.ClientAsync();
        var (id, sent) = await Sent856Async(client);

        Assert.Equal(HttpStatusCode.Accepted, await PostX12Async(client, Ack997(sent, "R*5", "R*1*1*0")));

        Assert.True(await Http.EventuallyAsync(async () => await SetStatusAsync(id) == "rejected", Patience));
        var (status, alerts) = await _hub.App.CreateAdminClient().GetJsonAsync("/api/admin/acknowledgments/alerts");
        Assert.Equal(HttpStatusCode.OK, status);
        var rejected = Assert.Single(alerts.GetProperty("rejected").EnumerateArray(), r => r.GetProperty("messageId").GetInt64() == id);
        Assert.Equal("R", rejected.GetProperty("ackCode").GetString());
        Assert.Contains("5", rejected.GetProperty("ackErrors").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task InboundTa1_RejectsEverySetOfTheInterchange_WhenItsCodeIsR()
    {
        var client = await _hub.ClientAsync();
        var (id, sent) = await Sent856Async(client);

        Assert.Equal(HttpStatusCode.Accepted, await PostX12Async(client, Ta1(sent, "R")));

        Assert.True(await Http.EventuallyAsync(async () => await SetStatusAsync(id) == "rejected", Patience));
        Assert.Equal("R", await _hub.ScalarAsync<string>("SELECT interchange_ack FROM hub.sent_set WHERE message_id = @Id", new { Id = id }));
    }

    [Fact]
    public async Task Inbound997_IsRecordedAsUnmatched_WhenItNamesNothingTheHubSent()
    {
        var client = await _hub.ClientAsync();
        var nothing = new X12SentSet("999999999", "SH", "987654321", "856", "9999");

        Assert.Equal(HttpStatusCode.Accepted, await PostX12Async(client, Ack997(nothing, "A", "A*1*1*1")));

        Assert.True(await Http.EventuallyAsync(async () => await _hub.ScalarAsync<long>("""
            SELECT count(*) FROM hub.message WHERE direction = 'in' AND status = 'translated' AND diagnostics::text LIKE '%acknowledgment.unmatched%987654321%'
            """) == 1, Patience));
    }

    [Fact]
    public async Task OverdueCheck_WarnsOnceAndListsTheSet_WhenThePartnerWindowHasPassed()
    {
        var client = await _hub.ClientAsync();
        var (id, _) = await Sent856Async(client);
        var (late, _) = await Sent856Async(client);
        await DateBackAsync(late);
        var job = _hub.App.Services.GetRequiredService<AckOverdueJob>();

        var warned = await job.RunAsync(Cancel);
        var again = await job.RunAsync(Cancel);

        Assert.True(warned >= 1);
        Assert.Equal(0, again);
        Assert.True(await _hub.ScalarAsync<bool>("SELECT alerted_at IS NOT NULL FROM hub.sent_set WHERE message_id = @Id", new { Id = late }));
        Assert.True(await _hub.ScalarAsync<bool>("SELECT alerted_at IS NULL FROM hub.sent_set WHERE message_id = @Id", new { Id = id }));
        var (_, alerts) = await _hub.App.CreateAdminClient().GetJsonAsync("/api/admin/acknowledgments/alerts");
        var overdue = alerts.GetProperty("overdue").EnumerateArray().Select(o => o.GetProperty("messageId").GetInt64()).ToList();
        Assert.Contains(late, overdue);
        Assert.DoesNotContain(id, overdue);
    }

    [Fact]
    public async Task OverdueSets_LeavesTheSetOut_WhenThePartnersOwnWindowIsLonger()
    {
        var client = await _hub.ClientAsync();
        var (late, _) = await Sent856Async(client);
        await DateBackAsync(late);
        await using var connection = new NpgsqlConnection(_hub.ConnectionString);
        await connection.OpenAsync(Cancel);

        var byDefault = await OverdueSets.FindAsync(connection, new AckTrackingOptions(), DateTimeOffset.UtcNow, 1000, Cancel);
        var longer = await OverdueSets.FindAsync(connection, new AckTrackingOptions { WindowHours = { ["edi-partner"] = 48 } }, DateTimeOffset.UtcNow, 1000, Cancel);

        Assert.Contains(byDefault, o => o.MessageId == late);
        Assert.DoesNotContain(longer, o => o.MessageId == late);
    }

    [Fact]
    public async Task SendOutbound_RecordsTheCxmlStatusOfTheAnswer_ForEachAttempt()
    {
        var client = await _hub.ClientAsync();
        var order = Samples.Unique("ACKC");
        _hub.StoreAnswers(order, 200, """{"status":"accepted"}""");
        using (var response = await client.PostAsync("/cxml", Samples.Xml(Samples.OrderRequest(Samples.Unique("ack") + "@buyer", order, PipelineFixture.CxmlSecret,
            PipelineFixture.CxmlPartnerIdentity)), Cancel)) Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(await Http.EventuallyAsync(async () => await _hub.OrderStatusAsync(order) != "", Patience));
        var invoiceId = Samples.Unique("INA");
        _hub.Partner.Given(Request.Create().WithPath("/cxml/inbound").UsingPost().WithBody(new WildcardMatcher($"*{invoiceId}*"))).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "text/xml").WithBody(CxmlOk));

        var (status, answer) = await StorePushes.PushAsync(client, "/api/stores/invoices", StorePushes.Invoice(order, invoiceId));

        Assert.True(status == HttpStatusCode.Accepted, answer.ToString());
        var id = answer.GetProperty("outboundId").GetInt64();
        Assert.True(await Http.EventuallyAsync(async () => await StatusAsync(id) == "sent", Patience));
        var (_, detail) = await _hub.App.CreateAdminClient().GetJsonAsync($"/api/admin/messages/{id}");
        var attempt = Assert.Single(detail.GetProperty("attempts").EnumerateArray());
        Assert.Equal(200, attempt.GetProperty("answerCode").GetInt32());
        Assert.Equal("OK, filed", attempt.GetProperty("answerText").GetString());
    }
}
