using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using IntegrationHub.Host.Tests.Fixtures;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace IntegrationHub.Host.Tests.PurchaseOrders;

/// <summary>Parked acknowledgments listed and replayed through the admin API: composed again, or sent again.</summary>
public sealed class AcknowledgmentReplayTests(PipelineFixture hub) : IClassFixture<PipelineFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private async Task<long> OrderFromEdiPartnerAsync(string order)
    {
        var client = await hub.ClientAsync();
        var file = Documents.Interchange850(Documents.NextControlNumber(), order).Replace("*ZZ*DEMOBUYER      *", "*ZZ*EDIPARTNER     *", StringComparison.Ordinal);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/x12") { Content = new StringContent(file, Encoding.ASCII, "application/edi-x12") };
        request.Headers.Add("X-Api-Key", PipelineFixture.X12Key);
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.True(await Http.EventuallyAsync(async () => await hub.OrderStatusAsync(order) == "delivered", Patience));
        return await hub.ScalarAsync<long>("SELECT id FROM hub.purchase_order WHERE order_number = @Order", new { Order = order });
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> ReplayAsync(long orderId)
    {
        using var response = await hub.App.CreateAdminClient().PostAsync($"/api/admin/orders/{orderId}/acknowledgment/replay", null, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    private Task<string> AcknowledgmentStatusAsync(long orderId) =>
        hub.ScalarAsync<string>("SELECT coalesce(max(status), '') FROM hub.message WHERE acknowledges = @Id", new { Id = orderId });

    [Fact]
    public async Task Replay_ComposesThe855Again_WhenTheCauseWasFixed()
    {
        var order = Documents.Unique("ACK-FIX");
        hub.Partner.Given(Request.Create().WithPath("/edi/inbound").UsingPost().WithBody(new WildcardMatcher($"*{order}*"))).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(200));
        // BAK08 holds at most 22 characters: the 855 cannot be written from this answer.
        hub.StoreAnswers(order, 200, """{"status":"accepted","storeOrderId":"SO-0123456789012345678901234567890123456789"}""");
        var orderId = await OrderFromEdiPartnerAsync(order);
        Assert.Equal("parked", await hub.ScalarAsync<string>("SELECT acknowledgment FROM hub.purchase_order WHERE id = @Id", new { Id = orderId }));
        var (_, parked) = await hub.App.CreateAdminClient().GetJsonAsync("/api/admin/acknowledgments/parked");
        // Other tests of the fixture may have parked a 997, 999 or TA1, which acknowledges no order (its orderId is null).
        Assert.Contains(parked.EnumerateArray(), p => p.GetProperty("orderId") is { ValueKind: JsonValueKind.Number } id && id.GetInt64() == orderId
            && p.GetProperty("kind").GetString() == "not-written");

        var (stillStatus, still) = await ReplayAsync(orderId);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, stillStatus);
        Assert.Contains("BAK08", still.GetProperty("diagnostics").GetRawText(), StringComparison.Ordinal);

        // The engineer corrects what the store answered (a map fix is replayed the same way).
        await hub.ScalarAsync<long>("""
            UPDATE hub.purchase_order SET store_response = jsonb_set(store_response, '{storeOrderId}', '"SO-FIXED"') WHERE id = @Id RETURNING id
            """, new { Id = orderId });
        var (status, replayed) = await ReplayAsync(orderId);

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal("composed", replayed.GetProperty("outcome").GetString());
        Assert.True(await Http.EventuallyAsync(async () => await AcknowledgmentStatusAsync(orderId) == "sent", Patience));
        Assert.Contains(hub.Partner.LogEntries, e => (e.RequestMessage.Body ?? "").Contains("SO-FIXED", StringComparison.Ordinal));
        Assert.Equal("queued", await hub.ScalarAsync<string>("SELECT acknowledgment FROM hub.purchase_order WHERE id = @Id", new { Id = orderId }));
        var (again, _) = await ReplayAsync(orderId);
        Assert.Equal(HttpStatusCode.Conflict, again); // nothing parked any more
    }

    [Fact]
    public async Task Replay_SendsThe855Again_WhenThePartnerRefusedIt()
    {
        var order = Documents.Unique("ACK-SND");
        var refused = hub.Partner.Given(Request.Create().WithPath("/edi/inbound").UsingPost().WithBody(new WildcardMatcher($"*BAK*{order}*"))).AtPriority(1);
        refused.RespondWith(Response.Create().WithStatusCode(400));
        hub.StoreAnswers(order, 200, """{"status":"accepted","storeOrderId":"SO-SEND"}""");
        var orderId = await OrderFromEdiPartnerAsync(order);
        Assert.True(await Http.EventuallyAsync(async () => await AcknowledgmentStatusAsync(orderId) == "parked", Patience));
        hub.Partner.Given(Request.Create().WithPath("/edi/inbound").UsingPost().WithBody(new WildcardMatcher($"*BAK*{order}*"))).AtPriority(0)
            .RespondWith(Response.Create().WithStatusCode(200));

        var (status, replayed) = await ReplayAsync(orderId);

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal("resent", replayed.GetProperty("outcome").GetString());
        Assert.True(await Http.EventuallyAsync(async () => await AcknowledgmentStatusAsync(orderId) == "sent", Patience));
    }

    [Fact]
    public async Task Replay_Answers404_WhenThereIsNoSuchOrder()
    {
        await hub.ClientAsync();
        using var response = await hub.App.CreateAdminClient().PostAsync("/api/admin/orders/987654321/acknowledgment/replay", null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
