using IntegrationHub.Host.Tests.Fixtures;
using Samples = IntegrationHub.Host.Tests.PurchaseOrders.Documents;

namespace IntegrationHub.Host.Tests.Pipeline;

/// <summary>The lanes that claim ready rows: a row whose handling throws (a bug, not a database problem) must not stall the rows behind it.</summary>
public sealed class PipelineLanesTests(PipelineFixture hub) : IClassFixture<PipelineFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Lanes_ParkARowTheyCannotHandleAndGoOn_WhenItsHandlingThrows()
    {
        var client = await hub.ClientAsync();
        // A received message whose stored diagnostics are not a list: translating it throws a JsonException, as a bug would.
        var poison = await hub.ScalarAsync<long>("""
            INSERT INTO hub.message (direction, protocol, partner_id, document_type, dedupe_key, content_sha256, raw, content_type, status, diagnostics)
            VALUES ('in', 'cxml', 'demo-buyer', 'OrderRequest', @Key, '\x00', convert_to('<cXML/>', 'UTF8'), 'text/xml', 'received', '{"not":"a list"}')
            RETURNING id
            """, new { Key = Samples.Unique("poison") });
        var order = Samples.Unique("PO-AFTER-POISON");
        hub.StoreAnswers(order, 200, """{"status":"accepted","storeOrderId":"SO-P"}""");

        using var response = await client.PostAsync("/cxml", Samples.Xml(Samples.OrderRequest(Samples.Unique("pl") + "@buyer", order, PipelineFixture.CxmlSecret)),
            TestContext.Current.CancellationToken);

        Assert.True(await Http.EventuallyAsync(async () => await hub.OrderStatusAsync(order) == "delivered", Patience), $"status {await hub.OrderStatusAsync(order)}");
        Assert.True(await Http.EventuallyAsync(async () => await hub.ScalarAsync<string>("SELECT status FROM hub.message WHERE id = @Id", new { Id = poison }) == "parked",
            Patience));
        var error = await hub.ScalarAsync<string>("SELECT last_error FROM hub.message WHERE id = @Id", new { Id = poison });
        Assert.Contains("translate stage failed: JsonException", error, StringComparison.Ordinal);
    }
}
