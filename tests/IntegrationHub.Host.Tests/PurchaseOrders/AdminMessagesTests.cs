using System.Net;
using System.Text.Json;
using IntegrationHub.Host.Tests.Fixtures;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace IntegrationHub.Host.Tests.PurchaseOrders;

public sealed class AdminMessagesTests(PipelineFixture hub) : IClassFixture<PipelineFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);



    private async Task<long> PostOrderAsync(string order)
    {
        await hub.ClientAsync();
        using var response = await hub.App.CreateClient().PostAsync("/cxml",
            Documents.Xml(Documents.OrderRequest(Documents.Unique("adm") + "@buyer", order, PipelineFixture.CxmlSecret)), TestContext.Current.CancellationToken);
        Assert.Equal(200, Documents.StatusCode(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)));
        return await hub.ScalarAsync<long>("SELECT id FROM hub.message WHERE reference = @Order", new { Order = order });
    }

    [Fact]
    public async Task Messages_FindsAndShowsTheOrder_WhenSearchedByReference()
    {
        var order = Documents.Unique("PO-ADM");
        hub.StoreAnswers(order, 200, """{"status":"backordered","lines":[{"lineNumber":"2","status":"backordered","quantity":3}]}""", 10);
        var id = await PostOrderAsync(order);
        Assert.True(await Http.EventuallyAsync(async () => await hub.OrderStatusAsync(order) == "delivered", Patience));
        var admin = hub.App.CreateAdminClient();

        var (status, found) = await admin.GetJsonAsync($"/api/admin/messages?reference={order}&partner=demo-buyer&direction=in");
        var (_, detail) = await admin.GetJsonAsync($"/api/admin/messages/{id}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(id, found.EnumerateArray().Single().GetProperty("id").GetInt64());
        var shown = detail.GetProperty("orders").EnumerateArray().Single();
        Assert.Equal(order, shown.GetProperty("canonical").GetProperty("orderNumber").GetString());
        Assert.Equal("backordered", shown.GetProperty("storeAnswer").GetString());
        Assert.Contains("<Status code=\"200\"", detail.GetProperty("reply").GetString(), StringComparison.Ordinal);
        Assert.Equal("succeeded", detail.GetProperty("attempts").EnumerateArray().Single().GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Raw_RedactsTheSharedSecret_WhenTheMessageIsCxml()
    {
        var order = Documents.Unique("PO-RAW");
        var id = await PostOrderAsync(order);

        var raw = await hub.App.CreateAdminClient().GetStringAsync($"/api/admin/messages/{id}/raw", TestContext.Current.CancellationToken);

        Assert.Contains(order, raw, StringComparison.Ordinal);
        Assert.Contains("<SharedSecret>[redacted]</SharedSecret>", raw, StringComparison.Ordinal);
        Assert.DoesNotContain(PipelineFixture.CxmlSecret, raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_DeliversTheParkedOrderWithTheSameKey_WhenTheCauseIsFixed()
    {
        var order = Documents.Unique("PO-RPL");
        hub.StoreAnswers(order, 422, """{"error":"unknown ship-to"}""", 5);
        var id = await PostOrderAsync(order);
        Assert.True(await Http.EventuallyAsync(async () => await hub.OrderStatusAsync(order) == "parked", Patience));
        hub.StoreAnswers(order, 200, """{"status":"accepted"}""", 1);

        using var response = await hub.App.CreateAdminClient().PostAsync($"/api/admin/messages/{id}/replay", null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.True(await Http.EventuallyAsync(async () => await hub.OrderStatusAsync(order) == "delivered", Patience));
        var keys = hub.Store.LogEntries.Where(e => (e.RequestMessage.Body ?? "").Contains($"\"{order}\"", StringComparison.Ordinal))
            .Select(e => e.RequestMessage.Headers!["Idempotency-Key"].Single()).ToList();
        Assert.Equal(2, keys.Count);
        Assert.Single(keys.Distinct());
    }

    [Fact]
    public async Task Replay_Answers409_WhenNothingIsParked()
    {
        var order = Documents.Unique("PO-NOP");
        hub.StoreAnswers(order, 200, """{"status":"accepted"}""", 10);
        var id = await PostOrderAsync(order);
        Assert.True(await Http.EventuallyAsync(async () => await hub.OrderStatusAsync(order) == "delivered", Patience));

        using var response = await hub.App.CreateAdminClient().PostAsync($"/api/admin/messages/{id}/replay", null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task Partners_ListsEveryPartnerWithItsTraffic_WhenAsked()
    {
        await PostOrderAsync(Documents.Unique("PO-PRT"));

        var (status, partners) = await hub.App.CreateAdminClient().GetJsonAsync("/api/admin/partners");

        Assert.Equal(HttpStatusCode.OK, status);
        var demo = partners.EnumerateArray().Single(p => p.GetProperty("id").GetString() == "demo-buyer");
        Assert.True(demo.GetProperty("inbound24h").GetInt64() >= 1);
        Assert.Contains(partners.EnumerateArray(), p => p.GetProperty("id").GetString() == "edi-partner");
    }

    [Theory]
    [InlineData("/api/admin/messages")]
    [InlineData("/api/admin/partners")]
    [InlineData("/api/admin/messages/1/raw")]
    public async Task AdminApi_Answers401_WhenTheAdminKeyIsMissing(string path)
    {
        await hub.ClientAsync();

        using var response = await hub.App.CreateClient().GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
