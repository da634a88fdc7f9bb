using System.Net;
using IntegrationHub.Host.Tests.Features.StoreDocuments;
using IntegrationHub.Host.Tests.Fixtures;
using Samples = IntegrationHub.Host.Tests.PurchaseOrders.Documents;

namespace IntegrationHub.Host.Tests.Features.OrderStatus;

public sealed class OrderStatusTests(PipelineFixture hub) : IClassFixture<PipelineFixture>
{
    private Task<long> OrderIdAsync(string order) =>
        hub.ScalarAsync<long>("SELECT id FROM hub.purchase_order WHERE order_number = @Order", new { Order = order });

    [Fact]
    public async Task OrderStatus_ShowsPartShippedAndFullyInvoiced_WhenOneLineShippedShortAndTheInvoiceCoversAll()
    {
        var client = await hub.ClientAsync();
        var order = await hub.X12OrderAsync(client);
        var id = await OrderIdAsync(order);
        Assert.True(await Http.EventuallyAsync(async () => await hub.ScalarAsync<string>(
            "SELECT coalesce(store_answer, '') FROM hub.purchase_order WHERE id = @Id", new { Id = id }) == "accepted", TimeSpan.FromSeconds(60)));
        var admin = hub.App.CreateAdminClient();
        var (_, before) = await admin.GetJsonAsync($"/api/admin/orders/{id}/status");
        Assert.Equal("none", before.GetProperty("shipped").GetString());

        var shipment = StorePushes.Shipment(order, Samples.Unique("OS")).Replace("\"quantity\": 3", "\"quantity\": 1", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, (await StorePushes.PushAsync(client, "/api/stores/shipments", shipment)).Status);
        var invoiceId = Samples.Unique("OI");
        Assert.Equal(HttpStatusCode.Accepted, (await StorePushes.PushAsync(client, "/api/stores/invoices", StorePushes.Invoice(order, invoiceId))).Status);

        var (status, view) = await admin.GetJsonAsync($"/api/admin/orders/{id}/status");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(order, view.GetProperty("orderNumber").GetString());
        Assert.Equal("accepted", view.GetProperty("storeAnswer").GetString());
        Assert.Equal("partial", view.GetProperty("shipped").GetString());
        Assert.Equal("full", view.GetProperty("invoiced").GetString());
        var lines = view.GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal([10m, 1m], lines.Select(l => l.GetProperty("shipped").GetDecimal()));
        Assert.Equal([10m, 3m], lines.Select(l => l.GetProperty("invoiced").GetDecimal()));
        Assert.Equal([invoiceId], view.GetProperty("invoices").EnumerateArray().Select(i => i.GetString()));
    }

    [Fact]
    public async Task OrderStatus_Answers404_WhenTheOrderIsUnknown()
    {
        await hub.ClientAsync();

        var (status, _) = await hub.App.CreateAdminClient().GetJsonAsync("/api/admin/orders/987654321/status");

        Assert.Equal(HttpStatusCode.NotFound, status);
    }
}
