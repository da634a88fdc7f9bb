using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using IntegrationHub.Host.Tests.Fixtures;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace IntegrationHub.Host.Tests.PurchaseOrders;

/// <summary>
/// Group and set control numbers used again (rejected or flagged per the partner file), the TA1 policy, and the
/// credentials the hub presents when it posts X12 to a partner.
/// </summary>
public sealed class X12ControlNumberTests(PipelineFixture hub) : IClassFixture<PipelineFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static int Next() => Documents.NextControlNumber();

    /// <summary>The 850 sample from <paramref name="sender"/> (ISA06, padded here), with its own ISA13, this GS06 and ST02, and an order number.</summary>
    private static string File(string sender, int gs06, string order, string st02 = "0001")
    {
        var gs = gs06.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Documents.Interchange850(Next(), order)
            .Replace("*ZZ*DEMOBUYER      *", $"*ZZ*{sender,-15}*", StringComparison.Ordinal)
            .Replace("*0930*101*X*004010~", $"*0930*{gs}*X*004010~", StringComparison.Ordinal)
            .Replace("GE*1*101~", $"GE*1*{gs}~", StringComparison.Ordinal)
            .Replace("ST*850*0001~", $"ST*850*{st02}~", StringComparison.Ordinal)
            .Replace("SE*22*0001~", $"SE*22*{st02}~", StringComparison.Ordinal);
    }

    private static async Task<(HttpStatusCode Status, string Body)> PostAsync(HttpClient client, string file, bool wantAck = true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/x12") { Content = new StringContent(file, Encoding.ASCII, "application/edi-x12") };
        request.Headers.Add("X-Api-Key", PipelineFixture.X12Key);
        if (wantAck) request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/edi-x12"));
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    private Task<long> MessageOfAsync(string file) =>
        hub.ScalarAsync<long>("SELECT id FROM hub.message WHERE direction = 'in' AND raw = @Raw", new { Raw = Encoding.ASCII.GetBytes(file) });

    private async Task<List<JsonElement>> DiagnosticsAsync(long id, string code) =>
        [.. JsonDocument.Parse(await hub.ScalarAsync<string>("SELECT diagnostics::text FROM hub.message WHERE id = @Id", new { Id = id })).RootElement
            .EnumerateArray().Where(d => d.GetProperty("code").GetString() == code)];

    private void PartnerTakes(string path, string order) =>
        hub.Partner.Given(Request.Create().WithPath(path).UsingPost().WithBody(new WildcardMatcher($"*{order}*"))).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(200));

    [Fact]
    public async Task PostX12_RejectsTheGroupAndDeliversNothing_WhenTheStrictPartnerReusesAGroupControlNumber()
    {
        var client = await hub.ClientAsync();
        var gs06 = Next();
        var (first, second) = (Documents.Unique("GS-1ST"), Documents.Unique("GS-2ND"));
        hub.StoreAnswers(first, 200, """{"status":"accepted"}""");
        hub.StoreAnswers(second, 200, """{"status":"accepted"}""");
        var firstFile = File("EDISTRICT", gs06, first);
        await PostAsync(client, firstFile);

        var secondFile = File("EDISTRICT", gs06, second, st02: "0002");
        var (status, ack) = await PostAsync(client, secondFile);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("AK5*R", ack, StringComparison.Ordinal);
        Assert.Contains("AK9*R*1*1*0", ack, StringComparison.Ordinal);
        var id = await MessageOfAsync(secondFile);
        Assert.Equal("rejected", await hub.ScalarAsync<string>("SELECT status FROM hub.message WHERE id = @Id", new { Id = id }));
        var rejected = Assert.Single(await DiagnosticsAsync(id, "x12.duplicate.rejected"));
        Assert.Equal("error", rejected.GetProperty("severity").GetString());
        Assert.Contains($"message {await MessageOfAsync(firstFile)}", rejected.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.True(await Http.EventuallyAsync(async () => await hub.OrderStatusAsync(first) == "delivered", Patience));
        Assert.Equal(0L, await hub.ScalarAsync<long>("SELECT count(*) FROM hub.purchase_order WHERE order_number = @Order", new { Order = second }));
        Assert.Equal(0, hub.StoreCalls(second));
    }

    [Fact]
    public async Task PostX12_RejectsTheSetWithCode23_WhenTheStrictPartnerReusesASetControlNumberInANewGroup()
    {
        var client = await hub.ClientAsync();
        var st02 = Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var order = Documents.Unique("ST-2ND");
        await PostAsync(client, File("EDISTRICT", Next(), Documents.Unique("ST-1ST"), st02));

        var file = File("EDISTRICT", Next(), order, st02);
        var (_, ack) = await PostAsync(client, file);

        Assert.Contains($"AK2*850*{st02}~", ack.Replace("\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("AK5*R*23", ack, StringComparison.Ordinal);
        Assert.Single(await DiagnosticsAsync(await MessageOfAsync(file), "x12.duplicate.rejected"));
        Assert.Equal(0L, await hub.ScalarAsync<long>("SELECT count(*) FROM hub.purchase_order WHERE order_number = @Order", new { Order = order }));
    }

    [Fact]
    public async Task PostX12_AcceptsAndFlags_WhenThePartnerFlagsReusedGroupControlNumbers()
    {
        var client = await hub.ClientAsync();
        var gs06 = Next();
        var order = Documents.Unique("GS-FLAG");
        hub.StoreAnswers(order, 200, """{"status":"accepted"}""");
        await PostAsync(client, File("DEMOBUYER", gs06, Documents.Unique("GS-FIRST")));

        var file = File("DEMOBUYER", gs06, order);
        var (_, ack) = await PostAsync(client, file);

        Assert.Contains("AK9*A*1*1*1", ack, StringComparison.Ordinal); // demo-buyer flags (the default), it does not reject
        var flagged = Assert.Single(await DiagnosticsAsync(await MessageOfAsync(file), "x12.duplicate.flagged"));
        Assert.Equal("warning", flagged.GetProperty("severity").GetString());
        Assert.Equal($"GS*PO*{gs06}", flagged.GetProperty("position").GetString());
        Assert.True(await Http.EventuallyAsync(async () => await hub.OrderStatusAsync(order) == "delivered", Patience));
    }

    [Fact]
    public async Task PostX12_ClaimsEachControlNumberOnce_WhenFilesWithTheSameGroupArriveAtOnce()
    {
        await hub.ClientAsync();
        var gs06 = Next();
        var files = Enumerable.Range(0, 4).Select(i => File("EDISTRICT", gs06, Documents.Unique("GS-RACE"), st02: $"{Next()}")).ToList();

        var answers = await Task.WhenAll(files.Select(f => PostAsync(hub.App.CreateClient(), f)));

        Assert.Single(answers, a => a.Body.Contains("AK9*A*1*1*1", StringComparison.Ordinal));
        Assert.Equal(3, answers.Count(a => a.Body.Contains("AK9*R*1*1*0", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task PostX12_LeadsWithATa1AndSendsItWithBasicCredentials_WhenThePartnerAlwaysWantsOne()
    {
        var client = await hub.ClientAsync();
        var order = Documents.Unique("TA1-ALL");
        PartnerTakes("/edi/strict", "TA1*");
        var file = File("EDISTRICT", Next(), order, st02: $"{Next()}");

        var (_, ack) = await PostAsync(client, file);

        var isa13 = file.Split('*')[13];
        Assert.Contains($"TA1*{isa13}*261126*0930*A*000", ack, StringComparison.Ordinal);
        Assert.Contains("ST*997*", ack, StringComparison.Ordinal);
        var sent = await hub.ScalarAsync<long>("SELECT id FROM hub.message WHERE direction = 'out' AND raw = @Raw", new { Raw = Encoding.ASCII.GetBytes(ack) });
        Assert.True(await Http.EventuallyAsync(async () => await hub.ScalarAsync<string>("SELECT status FROM hub.message WHERE id = @Id", new { Id = sent }) == "sent", Patience));
        var call = Assert.Single(hub.Partner.LogEntries, e => e.RequestMessage.Path == "/edi/strict" && e.RequestMessage.Body == ack);
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"supplier-hub:{PipelineFixture.OutboundPassword}"));
        Assert.Equal(expected, call.RequestMessage.Headers!["Authorization"].Single());
    }

    [Fact]
    public async Task PostX12_AnswersWithATa1Only_WhenThePartnerWantsNo997()
    {
        var client = await hub.ClientAsync();
        var order = Documents.Unique("TA1-ONLY");
        hub.StoreAnswers(order, 200, """{"status":"accepted"}""");
        var file = File("EDITA1", Next(), order);

        var (status, ack) = await PostAsync(client, file);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("TA1*", ack, StringComparison.Ordinal);
        Assert.DoesNotContain("GS*", ack, StringComparison.Ordinal);
        Assert.True(await Http.EventuallyAsync(async () => await hub.OrderStatusAsync(order) == "delivered", Patience));
        // Queued for the partner as a TA1; its endpoint's credentials name a secret nobody configured, so it is parked, not sent bare.
        const string Sql = "SELECT status || '|' || document_type || '|' || coalesce(last_error, '') FROM hub.message WHERE direction = 'out' AND raw = @Raw";
        Assert.True(await Http.EventuallyAsync(async () => (await hub.ScalarAsync<string>(Sql, new { Raw = Encoding.ASCII.GetBytes(ack) })).StartsWith("parked|TA1|", StringComparison.Ordinal), Patience));
        Assert.Contains("Partners:edi-ta1:NeverConfigured", await hub.ScalarAsync<string>(Sql, new { Raw = Encoding.ASCII.GetBytes(ack) }), StringComparison.Ordinal);
        Assert.DoesNotContain(hub.Partner.LogEntries, e => e.RequestMessage.Path == "/edi/ta1");
    }

    [Fact]
    public async Task Outbound_PresentsThePartnersApiKeyHeader_WhenThePartnerFileNamesOne()
    {
        var client = await hub.ClientAsync();
        var order = Documents.Unique("KEY-HDR");
        hub.StoreAnswers(order, 200, """{"status":"accepted"}""");
        PartnerTakes("/edi/inbound", order);

        await PostAsync(client, File("EDIPARTNER", Next(), order));

        Assert.True(await Http.EventuallyAsync(() => Task.FromResult(hub.Partner.LogEntries.Any(e =>
            e.RequestMessage.Path == "/edi/inbound" && (e.RequestMessage.Body ?? "").Contains(order, StringComparison.Ordinal))), Patience));
        var call = hub.Partner.LogEntries.First(e => e.RequestMessage.Path == "/edi/inbound" && (e.RequestMessage.Body ?? "").Contains(order, StringComparison.Ordinal));
        Assert.Equal(PipelineFixture.OutboundKey, call.RequestMessage.Headers!["X-Partner-Key"].Single());
        Assert.False(call.RequestMessage.Headers.ContainsKey("Authorization"));
        var details = await hub.QueryAsync<string>("SELECT coalesce(detail, '') FROM hub.attempt");
        Assert.DoesNotContain(details, d => d.Contains(PipelineFixture.OutboundKey, StringComparison.Ordinal));
    }
}
