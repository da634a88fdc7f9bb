using System.Net.Http.Headers;
using System.Text;
using Dapper;
using IntegrationHub.Host.Tests.Fixtures;
using IntegrationHub.Pipeline.Outbox;
using Npgsql;

namespace IntegrationHub.Host.Tests.PurchaseOrders;

/// <summary>
/// The 855s of a partner are written and validated before its control-number rows are locked, then numbered from them
/// (ISA13 and GS06 reserved in one statement) and recorded in the transaction that holds them.
/// </summary>
public sealed class AcknowledgmentNumberingTests(PipelineFixture hub) : IClassFixture<PipelineFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private async Task<NpgsqlConnection> OpenAsync()
    {
        await hub.ClientAsync(); // migrated
        var connection = new NpgsqlConnection(hub.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        return connection;
    }

    [Fact]
    public async Task ReserveEnvelopeNumbers_HandsOutConsecutiveRanges_AndTheSameAgainAfterATransactionThatDidNotCommit()
    {
        var partner = Documents.Unique("numbering");
        var token = TestContext.Current.CancellationToken;
        await using var connection = await OpenAsync();

        await using (var crashed = await connection.BeginTransactionAsync(token))
        {
            Assert.Equal((1L, 1L), await OutboundMessages.ReserveEnvelopeNumbersAsync(crashed, partner, 1, 1, token));
            Assert.Equal((2L, 2L), await OutboundMessages.ReserveEnvelopeNumbersAsync(crashed, partner, 3, 2, token));
            // Gone before its commit, as when the process dies between reserving and recording: nothing was used.
            await crashed.RollbackAsync(token);
        }
        await using (var again = await connection.BeginTransactionAsync(token))
        {
            Assert.Equal((1L, 1L), await OutboundMessages.ReserveEnvelopeNumbersAsync(again, partner, 2, 3, token));
            await again.CommitAsync(token);
        }
        await using var next = await connection.BeginTransactionAsync(token);
        Assert.Equal((3L, 4L), await OutboundMessages.ReserveEnvelopeNumbersAsync(next, partner, 1, 1, token));
    }

    [Fact]
    public async Task ReserveEnvelopeNumbers_WaitsForTheTransactionHoldingThePartnersCounters()
    {
        var partner = Documents.Unique("numbering");
        var token = TestContext.Current.CancellationToken;
        await using var first = await OpenAsync();
        await using var second = await OpenAsync();
        var secondPid = second.ProcessID;
        await using var holding = await first.BeginTransactionAsync(token);
        Assert.Equal((1L, 1L), await OutboundMessages.ReserveEnvelopeNumbersAsync(holding, partner, 1, 1, token));

        await using var waiting = await second.BeginTransactionAsync(token);
        var reserved = OutboundMessages.ReserveEnvelopeNumbersAsync(waiting, partner, 1, 1, token);
        Assert.True(await Http.EventuallyAsync(async () => await hub.ScalarAsync<string>(
            "SELECT coalesce(max(wait_event_type), '') FROM pg_stat_activity WHERE pid = @Pid", new { Pid = secondPid }) == "Lock", Patience));
        Assert.False(reserved.IsCompleted);
        await holding.CommitAsync(token);

        Assert.Equal((2L, 2L), await reserved);
    }

    /// <summary>One file of two 850s from edi-partner, with these order numbers.</summary>
    private static string TwoOrders(string first, string second)
    {
        var one = Documents.Interchange850(Documents.NextControlNumber(), first).Replace("*ZZ*DEMOBUYER      *", "*ZZ*EDIPARTNER     *", StringComparison.Ordinal);
        var start = one.IndexOf("ST*850*", StringComparison.Ordinal);
        var end = one.IndexOf("GE*1*", StringComparison.Ordinal);
        var set = one[start..end].Replace(first, second, StringComparison.Ordinal).Replace("*0001~", "*0002~", StringComparison.Ordinal);
        return one[..end] + set + one[end..].Replace("GE*1*", "GE*2*", StringComparison.Ordinal);
    }

    private async Task<string> PostAsync(string file)
    {
        var client = await hub.ClientAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/x12") { Content = new StringContent(file, Encoding.ASCII, "application/edi-x12") };
        request.Headers.Add("X-Api-Key", PipelineFixture.X12Key);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/edi-x12"));
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    private sealed record Recorded(string OrderNumber, byte[] Raw, string Isa, string Gs, string SetControl);

    private Task<IReadOnlyList<Recorded>> AcknowledgmentsAsync(params string[] orders) => hub.QueryAsync<Recorded>("""
        SELECT o.order_number AS OrderNumber, m.raw, s.interchange_control AS Isa, s.group_control AS Gs, s.set_control AS SetControl
        FROM hub.purchase_order o JOIN hub.message m ON m.acknowledges = o.id JOIN hub.sent_set s ON s.message_id = m.id
        WHERE o.order_number = ANY(@Orders) ORDER BY o.order_number
        """, new { Orders = orders });

    // ISA13, GS06, GE02 and IEA02 of an 855 as written.
    private static (string Isa13, string Gs06, string Ge02, string Iea02) Envelope(byte[] raw)
    {
        var segments = Encoding.ASCII.GetString(raw).Split('~', StringSplitOptions.TrimEntries);
        string Element(string id, int position) => segments.Single(s => s.StartsWith(id + "*", StringComparison.Ordinal)).Split('*')[position];
        return (Element("ISA", 13), Element("GS", 6), Element("GE", 2), Element("IEA", 2));
    }

    [Fact]
    public async Task Delivery_NumbersEach855FromThePartnersCounters_AfterWritingIt()
    {
        var (first, second) = (Documents.Unique("NUM-A"), Documents.Unique("NUM-B"));
        hub.StoreAnswers(first, 200, """{"status":"accepted","storeOrderId":"SO-A"}""");
        hub.StoreAnswers(second, 200, """{"status":"accepted","storeOrderId":"SO-B"}""");

        await PostAsync(TwoOrders(first, second));

        Assert.True(await Http.EventuallyAsync(async () => (await AcknowledgmentsAsync(first, second)).Count == 2, Patience));
        var recorded = await AcknowledgmentsAsync(first, second);
        foreach (var ack in recorded)
        {
            var (isa13, gs06, ge02, iea02) = Envelope(ack.Raw);
            Assert.Equal(isa13, iea02);
            Assert.Equal(gs06, ge02);
            Assert.Equal(SentSets.Number(isa13), ack.Isa); // the sets awaiting their 999 carry the numbers sent
            Assert.Equal(gs06, ack.Gs);
            Assert.DoesNotContain(IntegrationHub.Translation.FormatTrees.ReadAll("x12", ack.Raw).SelectMany(t => t.Diagnostics),
                d => d.Severity == IntegrationHub.Documents.Severity.Error);
        }
        Assert.NotEqual(recorded[0].Isa, recorded[1].Isa);
        Assert.NotEqual(recorded[0].Gs, recorded[1].Gs);
        await AssertEachNumberUsedOnceAsync();
    }

    [Fact]
    public async Task Delivery_RecordsTheOther855_WhenOneCannotBeWritten()
    {
        var (bad, good) = (Documents.Unique("NUM-BAD"), Documents.Unique("NUM-OK"));
        // BAK08 (the store's order id) holds at most 22 characters: this order's 855 does not validate and is parked.
        hub.StoreAnswers(bad, 200, """{"status":"accepted","storeOrderId":"SO-0123456789012345678901234567890123456789"}""");
        hub.StoreAnswers(good, 200, """{"status":"accepted","storeOrderId":"SO-OK"}""");

        await PostAsync(TwoOrders(bad, good));

        Assert.True(await Http.EventuallyAsync(async () => await hub.OrderStatusAsync(bad) == "delivered" && await hub.OrderStatusAsync(good) == "delivered", Patience));
        var states = await hub.QueryAsync<(string Order, string Acknowledgment)>(
            "SELECT order_number, acknowledgment FROM hub.purchase_order WHERE order_number = ANY(@Orders) ORDER BY order_number", new { Orders = new[] { bad, good } });
        Assert.Equal(new[] { (bad, "parked"), (good, "queued") }, states.OrderBy(s => s.Order == good).ToArray());
        var recorded = Assert.Single(await AcknowledgmentsAsync(bad, good));
        Assert.Equal(good, recorded.OrderNumber);
        Assert.Contains($"*{good}*", Encoding.ASCII.GetString(recorded.Raw).Split('~').Single(s => s.TrimStart().StartsWith("BAK*", StringComparison.Ordinal)), StringComparison.Ordinal);
        await AssertEachNumberUsedOnceAsync(); // the parked 855 took no number
    }

    // Every ISA13 and GS06 edi-partner's counters handed out (to its 999s and 855s, all of them this class's) is on exactly
    // one message sent to it: none reused, none reserved and then lost.
    private async Task AssertEachNumberUsedOnceAsync()
    {
        var next = (await hub.QueryAsync<(string Kind, long Next)>("SELECT kind, next_value FROM hub.control_number WHERE partner_id = 'edi-partner'"))
            .ToDictionary(n => n.Kind, n => n.Next);
        var sent = (await hub.QueryAsync<byte[]>("SELECT raw FROM hub.message WHERE direction = 'out' AND partner_id = 'edi-partner' AND protocol = 'x12'"))
            .Select(Envelope).ToList();
        Assert.Equal(Enumerable.Range(1, (int)next["isa"] - 1).Select(n => (long)n), sent.Select(e => long.Parse(e.Isa13)).Order());
        Assert.Equal(Enumerable.Range(1, (int)next["gs"] - 1).Select(n => (long)n), sent.Select(e => long.Parse(e.Gs06)).Order());
    }
}
