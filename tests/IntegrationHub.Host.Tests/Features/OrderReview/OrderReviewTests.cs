using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using IntegrationHub.Features.Punchout;
using IntegrationHub.Host.Tests.Features.Punchout;
using IntegrationHub.Host.Tests.Fixtures;
using TestDocuments = IntegrationHub.Host.Tests.PurchaseOrders.Documents;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Host.Tests.Features.OrderReview;

/// <summary>
/// Orders linked to the punchout carts they came from and reconciled in the delivery job: a demo-buyer cart goes through the hosted
/// catalog and back (cXML), then the buyer orders (cXML OrderRequest or X12 850) and the store gets the order with its review.
/// </summary>
public sealed class OrderReviewTests(PipelineFixture hub) : IClassFixture<PipelineFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private sealed record Line(string Part, string? Auxiliary, decimal Quantity, string Uom, decimal Price);

    private sealed record Flag(string LineNumber, string Kind, string Source, string? Expected, string? Actual);

    /// <summary>Opens a cXML punchout session with a fresh BuyerCookie, fills the cart, transfers it; returns the cookie and the returned lines' auxiliary ids.</summary>
    private async Task<(string Cookie, IReadOnlyList<(string Part, string? Auxiliary)> Returned)> TransferAsync(params (string Part, string Auxiliary, int Quantity)[] items)
    {
        await hub.ClientAsync();
        var database = hub.App.Services.GetRequiredService<IntegrationHub.Persistence.HubDatabase>();
        await DemoCatalog.SeedAsync(database.DataSource, Cancel);
        var client = hub.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var cookie = TestDocuments.Unique("cookie");
        var setup = await PunchoutFixture.PostCxmlAsync(client, PunchoutFixture.SetupRequest(secret: PipelineFixture.CxmlSecret, cookie: cookie));
        var token = await PunchoutFixture.StartSessionAsync(client, PunchoutFixture.StartPage(setup));
        foreach (var (part, auxiliary, quantity) in items)
        {
            var product = await hub.ScalarAsync<long>("SELECT id FROM hub.catalog_products WHERE supplier_part_id = @Part AND supplier_part_auxiliary_id = @Auxiliary",
                new { Part = part, Auxiliary = auxiliary });
            using var added = await PunchoutFixture.PostAsync(client, token, "cart/add", ("product", product.ToString(CultureInfo.InvariantCulture)),
                ("quantity", quantity.ToString(CultureInfo.InvariantCulture)));
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        }
        using var transfer = await PunchoutFixture.PostAsync(client, token, "transfer");
        Assert.Equal(HttpStatusCode.OK, transfer.StatusCode);
        var cart = IntegrationHub.Formats.Cxml.CxmlReader.Read(Convert.FromBase64String(
            Assert.Single(PunchoutFixture.HiddenFields(await transfer.Content.ReadAsStringAsync(Cancel))).Value)).Document!;
        var returned = cart.Payload!.ElementsNamed("ItemIn").Select(i => i.Element("ItemID")!)
            .Select(i => (i.Element("SupplierPartID")!.Text, i.Element("SupplierPartAuxiliaryID")?.Text)).ToList();
        return (cookie, returned);
    }

    /// <summary>A demo-buyer OrderRequest in EUR with these lines (from the map's golden sample), its PunchOutSessionID Extrinsic set or removed.</summary>
    private static string OrderRequest(string orderNumber, string? session, params Line[] lines)
    {
        var sample = TestDocuments.OrderRequest(TestDocuments.Unique("pl") + "@buyer", orderNumber, PipelineFixture.CxmlSecret).Replace("USD", "EUR", StringComparison.Ordinal);
        var items = string.Concat(lines.Select((l, i) => $"""
            <ItemOut quantity="{l.Quantity.ToString(CultureInfo.InvariantCulture)}" lineNumber="{i + 1}">
              <ItemID><SupplierPartID>{l.Part}</SupplierPartID>{(l.Auxiliary is null ? "" : $"<SupplierPartAuxiliaryID>{l.Auxiliary}</SupplierPartAuxiliaryID>")}</ItemID>
              <ItemDetail>
                <UnitPrice><Money currency="EUR">{l.Price.ToString(CultureInfo.InvariantCulture)}</Money></UnitPrice>
                <Description xml:lang="en">{l.Part}</Description>
                <UnitOfMeasure>{l.Uom}</UnitOfMeasure>
              </ItemDetail>
            </ItemOut>
            """));
        var start = sample.IndexOf("<ItemOut", StringComparison.Ordinal);
        var end = sample.LastIndexOf("</ItemOut>", StringComparison.Ordinal) + "</ItemOut>".Length;
        return (sample[..start] + items + sample[end..]).Replace("<Extrinsic name=\"PunchOutSessionID\">ps-0001</Extrinsic>",
            session is null ? "" : $"<Extrinsic name=\"PunchOutSessionID\">{session}</Extrinsic>", StringComparison.Ordinal);
    }

    private async Task<long> OrderAsync(string document, string orderNumber)
    {
        hub.StoreAnswers(orderNumber, 200, """{"status":"accepted"}""");
        using var response = await (await hub.ClientAsync()).PostAsync("/cxml", TestDocuments.Xml(document), Cancel);
        Assert.Equal(200, TestDocuments.StatusCode(await response.Content.ReadAsStringAsync(Cancel)));
        return await DeliveredAsync(orderNumber);
    }

    private async Task<long> DeliveredAsync(string orderNumber)
    {
        Assert.True(await Http.EventuallyAsync(async () => await hub.OrderStatusAsync(orderNumber) == "delivered", Patience), $"status {await hub.OrderStatusAsync(orderNumber)}");
        return await hub.ScalarAsync<long>("SELECT id FROM hub.purchase_order WHERE order_number = @Order", new { Order = orderNumber });
    }

    private JsonElement StoreBody(string orderNumber, int call = 0) =>
        JsonDocument.Parse(hub.Store.LogEntries.Where(e => (e.RequestMessage.Body ?? "").Contains($"\"{orderNumber}\"", StringComparison.Ordinal))
            .ElementAt(call).RequestMessage.Body!).RootElement.Clone();

    private Task<IReadOnlyList<Flag>> FlagsAsync(long order) =>
        hub.QueryAsync<Flag>("SELECT line_number AS LineNumber, kind, source, expected, actual FROM hub.order_review_flag WHERE purchase_order_id = @Id ORDER BY line_index, id",
            new { Id = order });

    private Task<IReadOnlyList<(string LineNumber, int CartLine, string LinkedBy)>> LinksAsync(long order) =>
        hub.QueryAsync<(string, int, string)>("SELECT line_number, cart_line_number, linked_by FROM hub.order_line_link WHERE purchase_order_id = @Id ORDER BY line_index",
            new { Id = order });

    private Task<string> SessionOfCookieAsync(string cookie) =>
        hub.ScalarAsync<string>("SELECT id::text FROM hub.punchout_sessions WHERE buyer_cookie = @Cookie", new { Cookie = cookie });

    [Fact]
    public async Task Delivery_LinksTheOrderAndFlagsNothing_WhenTheBuyerOrdersTheCartAtItsPrices()
    {
        var (cookie, returned) = await TransferAsync(("PEN-100-BL", "", 60), ("PAP-A4-80", "BOX5", 2));
        // Each returned line carries the hub's reference: the catalog's auxiliary id (BOX5) stays in front of it.
        Assert.Matches("^ih-[0-9a-f]{16}$", returned[0].Auxiliary);
        Assert.Matches("^BOX5/ih-[0-9a-f]{16}$", returned[1].Auxiliary);
        var order = TestDocuments.Unique("PO-RC-OK");

        var id = await OrderAsync(OrderRequest(order, null, new Line("PEN-100-BL", returned[0].Auxiliary, 60, "EA", 0.85m),
            new Line("PAP-A4-80", returned[1].Auxiliary, 2, "BX", 17.50m)), order);

        Assert.Equal(await SessionOfCookieAsync(cookie), await hub.ScalarAsync<string>("SELECT punchout_session_id::text FROM hub.purchase_order WHERE id = @Id", new { Id = id }));
        Assert.Equal([("1", 1, "auxiliaryId"), ("2", 2, "auxiliaryId")], await LinksAsync(id));
        Assert.Empty(await FlagsAsync(id));
        Assert.False(StoreBody(order).TryGetProperty("review", out _));
    }

    [Fact]
    public async Task Delivery_FlagsThePriceTheQuantityAndTheUnknownLine_AndDeliversTheOrderOnceWithThem()
    {
        var (_, returned) = await TransferAsync(("PEN-100-BL", "", 60), ("PAP-A4-80", "BOX5", 2));
        var order = TestDocuments.Unique("PO-RC-DIFF");
        var message = OrderRequest(order, null, new Line("PEN-100-BL", returned[0].Auxiliary, 60, "EA", 0.80m),
            new Line("PAP-A4-80", returned[1].Auxiliary, 3, "BX", 17.50m), new Line("GGL-CLR", null, 1, "EA", 12.50m));

        var id = await OrderAsync(message, order);

        Flag[] expected =
        [
            new("1", "unitPrice", "cart", "0.85", "0.8"),
            new("1", "unitPrice", "priceList", "0.85", "0.8"),
            new("2", "quantity", "cart", "2", "3"),
            new("3", "notInCart", "cart", null, "GGL-CLR"),
        ];
        Assert.Equal(expected, await FlagsAsync(id));
        var review = StoreBody(order).GetProperty("review").EnumerateArray()
            .Select(f => new Flag(f.GetProperty("lineNumber").GetString()!, f.GetProperty("kind").GetString()!, f.GetProperty("source").GetString()!,
                f.TryGetProperty("expected", out var e) ? e.GetString() : null, f.GetProperty("actual").GetString()))
            .ToList();
        Assert.Equal(expected, review);

        // The admin API lists the order for review, and shows its flags and session on the message.
        var admin = hub.App.CreateAdminClient();
        var (status, list) = await admin.GetJsonAsync("/api/admin/orders/review?partner=demo-buyer&limit=500");
        Assert.Equal(HttpStatusCode.OK, status);
        var listed = Assert.Single(list.EnumerateArray(), o => o.GetProperty("id").GetInt64() == id);
        Assert.Equal(4, listed.GetProperty("flags").GetArrayLength());
        var (_, other) = await admin.GetJsonAsync("/api/admin/orders/review?partner=edi-partner");
        Assert.DoesNotContain(other.EnumerateArray(), o => o.GetProperty("id").GetInt64() == id);
        var messageId = listed.GetProperty("messageId").GetInt64();
        var (_, detail) = await admin.GetJsonAsync($"/api/admin/messages/{messageId}");
        var view = detail.GetProperty("orders")[0];
        Assert.Equal(4, view.GetProperty("review").GetArrayLength());
        Assert.Equal(JsonValueKind.String, view.GetProperty("punchoutSession").ValueKind);
        using (var anonymous = await hub.App.CreateClient().GetAsync("/api/admin/orders/review", Cancel))
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        // Delivered again (parked and replayed): the same review goes to the store, and no flag is written twice.
        await hub.ScalarAsync<int>("UPDATE hub.purchase_order SET status = 'parked' WHERE id = @Id RETURNING 1", new { Id = id });
        using (var replay = await admin.PostAsync($"/api/admin/messages/{messageId}/replay", null, Cancel))
            Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        Assert.True(await Http.EventuallyAsync(async () => hub.StoreCalls(order) == 2 && await hub.OrderStatusAsync(order) == "delivered", Patience));
        Assert.Equal(expected, await FlagsAsync(id));
        Assert.Equal(StoreBody(order, 0).GetProperty("review").GetRawText(), StoreBody(order, 1).GetProperty("review").GetRawText());

        // Resolving closes the flags: the order leaves the list.
        using (var resolve = await admin.PostAsJsonAsync($"/api/admin/orders/{id}/review/resolve", new { note = "Agreed price 0.80 by phone" }, Cancel))
        {
            Assert.Equal(HttpStatusCode.OK, resolve.StatusCode);
            Assert.Equal(4, (await resolve.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("flags").GetInt32());
        }
        var (_, after) = await admin.GetJsonAsync("/api/admin/orders/review?partner=demo-buyer&limit=500");
        Assert.DoesNotContain(after.EnumerateArray(), o => o.GetProperty("id").GetInt64() == id);
    }

    [Fact]
    public async Task Delivery_LinksByTheSessionReference_WhenAnX12OrderNamesTheBuyerCookieInRefZZ()
    {
        var (cookie, _) = await TransferAsync(("PEN-100-BL", "", 60), ("PAP-A4-80", "BOX5", 2));
        var order = TestDocuments.Unique("PO-RC-850");
        hub.StoreAnswers(order, 200, """{"status":"accepted"}""");
        var edi = TestDocuments.Interchange850(TestDocuments.NextControlNumber(), order)
            .Replace("CUR*BY*USD~", "CUR*BY*EUR~", StringComparison.Ordinal)
            .Replace("REF*DP*42~", $"REF*ZZ*{cookie}~", StringComparison.Ordinal)
            .Replace("PO1*1*10*BX*6.05**VP*GLV-100*BP*ACME-77*UK*00012345678905~", "PO1*1*60*EA*0.85**VP*PEN-100-BL~", StringComparison.Ordinal)
            .Replace("PO1*2*3*PC*11**VN*MSK-7~", "PO1*2*2*BX*17.5**VP*PAP-A4-80~", StringComparison.Ordinal)
            .Replace("CTT*2*13~", "CTT*2*62~", StringComparison.Ordinal);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/x12") { Content = new StringContent(edi, Encoding.ASCII, "application/edi-x12") };
        request.Headers.Add("X-Api-Key", PipelineFixture.X12Key);

        using var response = await (await hub.ClientAsync()).SendAsync(request, Cancel);

        Assert.True(response.IsSuccessStatusCode, $"HTTP {(int)response.StatusCode}");
        var id = await DeliveredAsync(order);
        Assert.Equal([("1", 1, "sessionReference"), ("2", 2, "sessionReference")], await LinksAsync(id));
        Assert.Empty(await FlagsAsync(id));
        Assert.Equal(await SessionOfCookieAsync(cookie), await hub.ScalarAsync<string>("SELECT punchout_session_id::text FROM hub.purchase_order WHERE id = @Id", new { Id = id }));
    }

    [Fact]
    public async Task Delivery_LinksByTheRecentCartWithThePart_WhenTheOrderNamesNothing()
    {
        await TransferAsync(("NTB-A5-DOT", "", 4));
        var order = TestDocuments.Unique("PO-RC-RECENT");

        var id = await OrderAsync(OrderRequest(order, null, new Line("NTB-A5-DOT", null, 4, "EA", 8.40m)), order);

        Assert.Equal([("1", 1, "recentSession")], await LinksAsync(id));
        Assert.Empty(await FlagsAsync(id));
    }

    [Fact]
    public async Task Delivery_RecordsNoLinkAndNoFlags_WhenTheOrderDidNotComeFromAPunchout()
    {
        await hub.ClientAsync();
        var order = TestDocuments.Unique("PO-RC-NONE");

        var id = await OrderAsync(TestDocuments.OrderRequest(TestDocuments.Unique("pl") + "@buyer", order, PipelineFixture.CxmlSecret), order);

        var (session, reconciled) = (await hub.QueryAsync<(string?, bool)>(
            "SELECT punchout_session_id::text, reconciled_at IS NOT NULL FROM hub.purchase_order WHERE id = @Id", new { Id = id })).Single();
        Assert.Null(session);
        Assert.True(reconciled);
        Assert.Empty(await LinksAsync(id));
        Assert.Empty(await FlagsAsync(id));
        Assert.False(StoreBody(order).TryGetProperty("review", out _));
    }
}
