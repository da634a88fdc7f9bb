using System.Net;
using System.Text;
using IntegrationHub.Formats.Cxml;
using IntegrationHub.Host.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Samples = IntegrationHub.Host.Tests.PurchaseOrders.Documents;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace IntegrationHub.Host.Tests.Features.StoreDocuments;

/// <summary>
/// A 3PL warehouse (the fixture's partner <c>vendor-3pl</c>, <c>role: vendor</c>) sends 856s, 810s and cXML ship notices
/// about the buyers' orders: stored, acknowledged, matched to the order and forwarded to the buyer in its own format
/// where the buyer's partner file lists them under <c>forward:</c>.
/// </summary>
public sealed class VendorDocumentTests(PipelineFixture hub) : IClassFixture<PipelineFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static int _nextControlNumber = Random.Shared.Next(1000, 900_000_000);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static string Sample(string path) => File.ReadAllText(Path.Combine(Samples.RepositoryRoot, "mappings/defaults", path));

    /// <summary>A vendor golden sample made unique: its interchange and group numbers, its order and its document number.</summary>
    private static string VendorX12(string sample, string isa13, string gs06, string order, string number, string id)
    {
        var control = Interlocked.Increment(ref _nextControlNumber);
        return Sample(sample).Replace($"*{isa13}*", $"*{control:D9}*", StringComparison.Ordinal).Replace($"IEA*1*{isa13}", $"IEA*1*{control:D9}", StringComparison.Ordinal)
            .Replace($"*{gs06}*X*", $"*{control}*X*", StringComparison.Ordinal).Replace($"GE*1*{gs06}", $"GE*1*{control}", StringComparison.Ordinal)
            .Replace("PO-4711", order, StringComparison.Ordinal).Replace(number, id, StringComparison.Ordinal);
    }

    private static async Task<string> PostX12Async(HttpClient client, string file)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/x12") { Content = new StringContent(file, Encoding.ASCII, "application/edi-x12") };
        request.Headers.Add("X-Api-Key", PipelineFixture.X12Key);
        request.Headers.Add("Accept", "application/edi-x12");
        using var response = await client.SendAsync(request, Cancel);
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}: {body}");
        return body;
    }

    private Task<bool> StoredAsync(string storeId, string status) => Http.EventuallyAsync(async () => await hub.ScalarAsync<long>(
        "SELECT count(*) FROM hub.store_document WHERE store_id = @Id AND vendor_id = @Vendor AND status = @Status",
        new { Id = storeId, Vendor = PipelineFixture.VendorId, Status = status }) == 1, Patience);

    private Task<bool> DeliveredAsync(string storeId) => Http.EventuallyAsync(async () => await hub.ScalarAsync<string>(
        "SELECT coalesce(max(store_delivery), '') FROM hub.store_document WHERE store_id = @Id", new { Id = storeId }) == "delivered", Patience);

    /// <summary>The shipment or invoice store stub answers posts that name <paramref name="id"/> with this status.</summary>
    private void StoreAccepts(string path, string id, int status, int priority = 5) =>
        hub.Store.Given(Request.Create().WithPath(path).UsingPost().WithBody(new WildcardMatcher($"*{id}*"))).AtPriority(priority)
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody("{}"));

    private void PartnerAcceptsX12(string id) =>
        hub.Partner.Given(Request.Create().WithPath("/edi/inbound").UsingPost().WithBody(new WildcardMatcher($"*{id}*"))).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(200));

    [Fact]
    public async Task Vendor856_IsAcknowledgedStoredOnceAndForwardedToTheBuyerAs856_WhenTheBuyerAsksForShipments()
    {
        var client = await hub.ClientAsync();
        var order = await hub.X12OrderAsync(client);
        var shipmentId = Samples.Unique("V856");
        PartnerAcceptsX12(shipmentId);
        StoreAccepts("/store/shipments", shipmentId, 201);
        var file = VendorX12("x12/856-004010.inbound.samples/sopi.edi", "000000501", "501", order, "SHIP-77", shipmentId);

        var acknowledgment = await PostX12Async(client, file);
        var again = await PostX12Async(client, file);

        Assert.Contains("AK1*SH*", acknowledgment, StringComparison.Ordinal);
        Assert.Equal(acknowledgment, again);
        Assert.True(await StoredAsync($"{PipelineFixture.VendorId}/{shipmentId}", "queued"));
        Assert.True(await hub.PartnerReceivedAsync(shipmentId));
        var forwarded = hub.PartnerBody(shipmentId);
        StorePushes.AssertOneX12Set(forwarded, "856");
        Assert.StartsWith("ISA*00*          *00*          *ZZ*SUPPLIER       *ZZ*EDIPARTNER     *", forwarded, StringComparison.Ordinal);
        Assert.Contains($"PRF*{order}", forwarded, StringComparison.Ordinal);
        Assert.Contains("REF*CN*1Z999AA10123456784", forwarded, StringComparison.Ordinal);
        Assert.Equal(1, await hub.ScalarAsync<long>("SELECT count(*) FROM hub.store_document WHERE store_id = @Id",
            new { Id = $"{PipelineFixture.VendorId}/{shipmentId}" }));
        var (status, view) = await hub.App.CreateAdminClient().GetJsonAsync($"/api/admin/store-documents/shipment/{PipelineFixture.VendorId}/{shipmentId}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(order, view.GetProperty("orderNumber").GetString());
        Assert.True(await DeliveredAsync($"{PipelineFixture.VendorId}/{shipmentId}"));
        var delivered = Assert.Single(hub.Store.LogEntries, e => e.RequestMessage.Path == "/store/shipments" && (e.RequestMessage.Body ?? "").Contains(shipmentId, StringComparison.Ordinal));
        Assert.Equal(PipelineFixture.VendorId, System.Text.Json.JsonDocument.Parse(delivered.RequestMessage.Body!).RootElement.GetProperty("vendorId").GetString());
        Assert.StartsWith("store-document/", delivered.RequestMessage.Headers!["Idempotency-Key"].Single(), StringComparison.Ordinal);
        Assert.False(delivered.RequestMessage.Headers.ContainsKey("Transfer-Encoding"));
        Assert.True(delivered.RequestMessage.Headers.ContainsKey("Content-Length"));
    }

    [Fact]
    public async Task Vendor810_IsForwardedToTheBuyerAs810_WhenTheBuyerAsksForInvoices()
    {
        var client = await hub.ClientAsync();
        var order = await hub.X12OrderAsync(client);
        var invoiceId = Samples.Unique("V810");
        PartnerAcceptsX12(invoiceId);

        var acknowledgment = await PostX12Async(client, VendorX12("x12/810-004010.inbound.samples/basic.edi", "000000201", "201", order, "INV-9001", invoiceId));

        Assert.Contains("AK1*IN*", acknowledgment, StringComparison.Ordinal);
        Assert.True(await StoredAsync($"{PipelineFixture.VendorId}/{invoiceId}", "queued"));
        Assert.True(await hub.PartnerReceivedAsync(invoiceId));
        var forwarded = hub.PartnerBody(invoiceId);
        StorePushes.AssertOneX12Set(forwarded, "810");
        Assert.Contains($"*{invoiceId}*", forwarded, StringComparison.Ordinal);
        Assert.Contains("TDS*10805", forwarded, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Vendor810_IsRetriedAndThenDeliveredToTheInvoiceStore_WhenTheStoreIsDownAtFirst()
    {
        var client = await hub.ClientAsync();
        var order = await hub.X12OrderAsync(client);
        var invoiceId = Samples.Unique("V810D");
        var storeId = $"{PipelineFixture.VendorId}/{invoiceId}";
        StoreAccepts("/store/invoices", invoiceId, 503);

        await PostX12Async(client, VendorX12("x12/810-004010.inbound.samples/basic.edi", "000000201", "201", order, "INV-9001", invoiceId));

        Assert.True(await Http.EventuallyAsync(async () => await hub.ScalarAsync<long>("""
            SELECT count(*) FROM hub.attempt a JOIN hub.store_document d ON d.message_id = a.message_id
            WHERE d.store_id = @Id AND a.target = 'invoice-store' AND a.outcome = 'transient' AND a.http_status = 503
            """, new { Id = storeId }) >= 1, Patience));
        Assert.NotEqual("delivered", await hub.ScalarAsync<string>("SELECT store_delivery FROM hub.store_document WHERE store_id = @Id", new { Id = storeId }));
        StoreAccepts("/store/invoices", invoiceId, 200, priority: 1);
        // Due again after the back-off (or parked after the fixture's four attempts): the recurring job, or an engineer's replay, retries it.
        await hub.ScalarAsync<long>("""
            UPDATE hub.store_document SET store_delivery = 'retrying', store_next_attempt_at = now() WHERE store_id = @Id RETURNING id
            """, new { Id = storeId });
        await hub.App.Services.GetRequiredService<IntegrationHub.Features.StoreDocuments.StoreDeliveryJob>().RunDueAsync(Cancel);

        Assert.True(await DeliveredAsync(storeId));
        Assert.Equal(1, hub.Store.LogEntries.Count(e => e.RequestMessage.Path == "/store/invoices"
            && (e.RequestMessage.Body ?? "").Contains(invoiceId, StringComparison.Ordinal) && e.ResponseMessage.StatusCode is 200));
    }

    [Fact]
    public async Task VendorShipNotice_IsAnswered200AndForwardedAsADtdValidShipNoticeRequest_WhenTheOrderCameInOverCxml()
    {
        var client = await hub.ClientAsync();
        var (order, payloadId) = await hub.CxmlOrderAsync(client);
        var shipmentId = Samples.Unique("VSN");
        hub.PartnerAcceptsCxml(shipmentId);
        var notice = Sample("cxml/ship-notice-request.inbound.samples/two-lines.xml").Replace("never-in-the-shipment", PipelineFixture.CxmlSecret, StringComparison.Ordinal)
            .Replace("1764181000.77@3pl.example", Samples.Unique("vsn") + "@3pl.example", StringComparison.Ordinal)
            .Replace("PO-4711", order, StringComparison.Ordinal).Replace("SHIP-77", shipmentId, StringComparison.Ordinal);

        using (var response = await client.PostAsync("/cxml", Samples.Xml(notice), Cancel))
        {
            var answer = await response.Content.ReadAsStringAsync(Cancel);
            Assert.True(response.StatusCode == HttpStatusCode.OK, answer);
            Assert.Equal(200, Samples.StatusCode(answer));
        }

        Assert.True(await StoredAsync($"{PipelineFixture.VendorId}/{shipmentId}", "queued"));
        Assert.True(await hub.PartnerReceivedAsync(shipmentId));
        var posted = Encoding.UTF8.GetBytes(hub.PartnerBody(shipmentId));
        Assert.Empty(CxmlDtdValidator.Validate(posted));
        var forwarded = CxmlReader.Read(posted).Document!.Body!.Element("ShipNoticeRequest")!;
        Assert.Equal(shipmentId, forwarded.Element("ShipNoticeHeader")!.Attribute("shipmentID"));
        var reference = forwarded.Element("ShipNoticePortion")!.Element("OrderReference")!;
        Assert.Equal(order, reference.Attribute("orderID"));
        Assert.Equal(payloadId, reference.Element("DocumentReference")!.Attribute("payloadID"));
        Assert.DoesNotContain(PipelineFixture.CxmlSecret, Encoding.UTF8.GetString(posted), StringComparison.Ordinal);
    }

    [Fact]
    public async Task VendorInvoice_IsKeptAndNotForwarded_WhenTheBuyerDoesNotAskForInvoices()
    {
        var client = await hub.ClientAsync();
        var (order, _) = await hub.CxmlOrderAsync(client);
        var invoiceId = Samples.Unique("VIN");
        var invoice = SwapSender(Sample("cxml/invoice-detail-request.inbound.samples/standard.xml")
            .Replace("1764180000.9001@dropship.example", Samples.Unique("vin") + "@dropship.example", StringComparison.Ordinal)
            .Replace("PO-4711", order, StringComparison.Ordinal).Replace("INV-9001", invoiceId, StringComparison.Ordinal));

        using (var response = await client.PostAsync("/cxml", Samples.Xml(invoice), Cancel))
            Assert.Equal(200, Samples.StatusCode(await response.Content.ReadAsStringAsync(Cancel)));

        Assert.True(await StoredAsync($"{PipelineFixture.VendorId}/{invoiceId}", "kept"));
        Assert.Equal(0, await hub.ScalarAsync<long>("SELECT count(*) FROM hub.store_document WHERE store_id = @Id AND outbound_id IS NOT NULL",
            new { Id = $"{PipelineFixture.VendorId}/{invoiceId}" }));
    }

    /// <summary>The vendor's acknowledgment of <paramref name="order"/>, once translated: its state (queued, kept, parked) and outbound message.</summary>
    private async Task<(string Status, long? OutboundId)> AcknowledgmentAsync(string order)
    {
        const string Sql = """
            SELECT d.status, d.outbound_id AS OutboundId FROM hub.store_document d JOIN hub.purchase_order o ON o.id = d.purchase_order_id
            WHERE o.order_number = @Order AND d.kind = 'acknowledgment' AND d.vendor_id = @Vendor
            """;
        Assert.True(await Http.EventuallyAsync(async () => (await hub.QueryAsync<(string, long?)>(Sql, new { Order = order, Vendor = PipelineFixture.VendorId })).Count == 1,
            Patience));
        return Assert.Single(await hub.QueryAsync<(string, long?)>(Sql, new { Order = order, Vendor = PipelineFixture.VendorId }));
    }

    private async Task<System.Text.Json.JsonElement> OrderStatusAsync(string order)
    {
        var id = await hub.ScalarAsync<long>("SELECT id FROM hub.purchase_order WHERE order_number = @Order", new { Order = order });
        var (status, view) = await hub.App.CreateAdminClient().GetJsonAsync($"/api/admin/orders/{id}/status");
        Assert.Equal(HttpStatusCode.OK, status);
        return view;
    }

    private static string Vendor855(string order, string acknowledgmentNumber) =>
        VendorX12("x12/855-004010.inbound.samples/partly-backordered.edi", "000000301", "301", order, "SO-88", acknowledgmentNumber);

    [Fact]
    public async Task Vendor855_IsForwardedToAnX12BuyerAs855_WhenTheBuyerAsksForAcknowledgments()
    {
        var client = await hub.ClientAsync();
        var order = await hub.X12OrderAsync(client);
        var acknowledgmentNumber = Samples.Unique("V855");
        PartnerAcceptsX12(acknowledgmentNumber);

        var acknowledgment = await PostX12Async(client, Vendor855(order, acknowledgmentNumber));

        Assert.Contains("AK1*PR*", acknowledgment, StringComparison.Ordinal);
        var (status, outboundId) = await AcknowledgmentAsync(order);
        Assert.Equal("queued", status);
        Assert.NotNull(outboundId);
        Assert.True(await hub.PartnerReceivedAsync(acknowledgmentNumber));
        var forwarded = hub.PartnerBody(acknowledgmentNumber);
        StorePushes.AssertOneX12Set(forwarded, "855");
        Assert.StartsWith("ISA*00*          *00*          *ZZ*SUPPLIER       *ZZ*EDIPARTNER     *", forwarded, StringComparison.Ordinal);
        Assert.Contains($"BAK*00*AC*{order}*", forwarded, StringComparison.Ordinal);
        Assert.Contains($"*{acknowledgmentNumber}", forwarded, StringComparison.Ordinal);
        Assert.Contains("ACK*IB*2*", forwarded, StringComparison.Ordinal);
        // Not the order's own acknowledgment (the store's answer's, which names the order in `acknowledges`): a second message.
        Assert.Equal(0, await hub.ScalarAsync<long>("SELECT count(*) FROM hub.message WHERE id = @Id AND acknowledges IS NOT NULL", new { Id = outboundId }));
        var view = await OrderStatusAsync(order);
        Assert.Equal("acceptedWithChanges", view.GetProperty("acknowledged").GetString());
        Assert.StartsWith($"{PipelineFixture.VendorId}/", Assert.Single(view.GetProperty("acknowledgments").EnumerateArray()).GetString(), StringComparison.Ordinal);
        Assert.Equal(0, hub.Store.LogEntries.Count(e => (e.RequestMessage.Body ?? "").Contains(acknowledgmentNumber, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task VendorConfirmation_IsForwardedAsADtdValidConfirmationRequestReferencingTheBuyersPayloadId_WhenTheOrderCameInOverCxml()
    {
        var client = await hub.ClientAsync();
        var (order, payloadId) = await hub.CxmlOrderAsync(client);
        var acknowledgmentNumber = Samples.Unique("VCR");
        hub.PartnerAcceptsCxml(acknowledgmentNumber);
        var confirmation = Sample("cxml/confirmation-request.inbound.samples/partly-backordered.xml")
            .Replace("AN-DROPSHIP", "AN-3PL", StringComparison.Ordinal).Replace("never-in-the-acknowledgment", PipelineFixture.CxmlSecret, StringComparison.Ordinal)
            .Replace("1764182000.5@dropship.example", Samples.Unique("vcr") + "@3pl.example", StringComparison.Ordinal)
            .Replace("PO-4711", order, StringComparison.Ordinal).Replace("confirmID=\"C-5\"", $"confirmID=\"{acknowledgmentNumber}\"", StringComparison.Ordinal);

        using (var response = await client.PostAsync("/cxml", Samples.Xml(confirmation), Cancel))
        {
            var answer = await response.Content.ReadAsStringAsync(Cancel);
            Assert.True(response.StatusCode == HttpStatusCode.OK, answer);
            Assert.Equal(200, Samples.StatusCode(answer));
        }

        Assert.Equal("queued", (await AcknowledgmentAsync(order)).Status);
        Assert.True(await hub.PartnerReceivedAsync(acknowledgmentNumber));
        var posted = Encoding.UTF8.GetBytes(hub.PartnerBody(acknowledgmentNumber));
        Assert.Empty(CxmlDtdValidator.Validate(posted));
        var forwarded = CxmlReader.Read(posted).Document!.Body!.Element("ConfirmationRequest")!;
        Assert.Equal(acknowledgmentNumber, forwarded.Element("ConfirmationHeader")!.Attribute("confirmID"));
        var reference = forwarded.Element("OrderReference")!;
        Assert.Equal(order, reference.Attribute("orderID"));
        Assert.Equal(payloadId, reference.Element("DocumentReference")!.Attribute("payloadID"));
        Assert.DoesNotContain(PipelineFixture.CxmlSecret, Encoding.UTF8.GetString(posted), StringComparison.Ordinal);
        Assert.Equal("acceptedWithChanges", (await OrderStatusAsync(order)).GetProperty("acknowledged").GetString());
    }

    [Fact]
    public async Task Vendor855_IsKeptAndNotForwarded_WhenTheBuyerDoesNotAskForAcknowledgments()
    {
        var client = await hub.ClientAsync();
        var order = await hub.X12OrderAsync(client, sender: "EDITA1"); // edi-ta1's partner file has no forward:
        var acknowledgmentNumber = Samples.Unique("V855K");

        await PostX12Async(client, Vendor855(order, acknowledgmentNumber));

        Assert.Equal(("kept", (long?)null), await AcknowledgmentAsync(order));
        Assert.Equal(0, await hub.ScalarAsync<long>("SELECT count(*) FROM hub.message WHERE direction = 'out' AND convert_from(raw, 'UTF8') LIKE @Like",
            new { Like = $"%{acknowledgmentNumber}%" }));
        Assert.Equal("acceptedWithChanges", (await OrderStatusAsync(order)).GetProperty("acknowledged").GetString());
    }

    [Fact]
    public async Task ParkedStoreDelivery_IsDeliveredOnceWithTheSameIdempotencyKey_WhenReplayedAfterTheStoreComesBack()
    {
        var client = await hub.ClientAsync();
        var admin = hub.App.CreateAdminClient();
        var order = await hub.X12OrderAsync(client);
        var invoiceId = Samples.Unique("V810P");
        var storeId = $"{PipelineFixture.VendorId}/{invoiceId}";
        StoreAccepts("/store/invoices", invoiceId, 422); // refused for good: parked at once
        await PostX12Async(client, VendorX12("x12/810-004010.inbound.samples/basic.edi", "000000201", "201", order, "INV-9001", invoiceId));
        Assert.True(await Http.EventuallyAsync(async () => await hub.ScalarAsync<string>(
            "SELECT coalesce(max(store_delivery), '') FROM hub.store_document WHERE store_id = @Id", new { Id = storeId }) == "parked", Patience));
        var (_, parked) = await admin.GetJsonAsync($"/api/admin/store-documents/invoice/{storeId}");
        Assert.Equal(("parked", 1), (parked.GetProperty("storeDelivery").GetString(), parked.GetProperty("storeAttempts").GetInt32()));
        Assert.Contains("422", parked.GetProperty("storeLastError").GetString(), StringComparison.Ordinal);
        StoreAccepts("/store/invoices", invoiceId, 201, priority: 1);

        var (status, replayed) = await admin.PostJsonAsync($"/api/admin/store-documents/invoice/{storeId}/replay");

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal("retrying", replayed.GetProperty("storeDelivery").GetString());
        Assert.True(await DeliveredAsync(storeId));
        var calls = hub.Store.LogEntries.Where(e => e.RequestMessage.Path == "/store/invoices" && (e.RequestMessage.Body ?? "").Contains(invoiceId, StringComparison.Ordinal))
            .ToList();
        Assert.Equal(1, calls.Count(e => e.ResponseMessage.StatusCode is 201));
        Assert.Equal(replayed.GetProperty("idempotencyKey").GetString(), Assert.Single(calls.Select(e => e.RequestMessage.Headers!["Idempotency-Key"].Single()).Distinct()));
        Assert.Equal(2, await hub.ScalarAsync<long>("""
            SELECT count(*) FROM hub.attempt a JOIN hub.store_document d ON d.message_id = a.message_id WHERE d.store_id = @Id AND a.target = 'invoice-store'
            """, new { Id = storeId }));
        var (again, problem) = await admin.PostJsonAsync($"/api/admin/store-documents/invoice/{storeId}/replay");
        Assert.Equal(HttpStatusCode.Conflict, again);
        Assert.Contains("delivered, not parked", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForwardParkedOnTheWayToTheBuyer_IsSentAgain_WhenItsOutboundMessageIsReplayed()
    {
        var client = await hub.ClientAsync();
        var admin = hub.App.CreateAdminClient();
        var order = await hub.X12OrderAsync(client);
        var shipmentId = Samples.Unique("V856R");
        StoreAccepts("/store/shipments", shipmentId, 201);
        hub.Partner.Given(Request.Create().WithPath("/edi/inbound").UsingPost().WithBody(new WildcardMatcher($"*{shipmentId}*"))).AtPriority(2)
            .RespondWith(Response.Create().WithStatusCode(400)); // refused for good: the forward parks at once
        await PostX12Async(client, VendorX12("x12/856-004010.inbound.samples/sopi.edi", "000000501", "501", order, "SHIP-77", shipmentId));
        Assert.True(await StoredAsync($"{PipelineFixture.VendorId}/{shipmentId}", "queued"));
        var outboundId = await hub.ScalarAsync<long>("SELECT outbound_id FROM hub.store_document WHERE store_id = @Id",
            new { Id = $"{PipelineFixture.VendorId}/{shipmentId}" });
        Assert.True(await Http.EventuallyAsync(async () => await hub.ScalarAsync<string>("SELECT status FROM hub.message WHERE id = @Id", new { Id = outboundId }) == "parked",
            Patience));
        PartnerAcceptsX12(shipmentId);

        var (status, _) = await admin.PostJsonAsync($"/api/admin/messages/{outboundId}/replay");

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.True(await hub.PartnerReceivedAsync(shipmentId));
        var (_, view) = await admin.GetJsonAsync($"/api/admin/store-documents/shipment/{PipelineFixture.VendorId}/{shipmentId}");
        Assert.True(await Http.EventuallyAsync(async () => await hub.ScalarAsync<string>("SELECT status FROM hub.message WHERE id = @Id", new { Id = outboundId }) == "sent",
            Patience));
        Assert.Equal(outboundId, view.GetProperty("outboundId").GetInt64());
        Assert.Equal(1, hub.Partner.LogEntries.Count(e => (e.RequestMessage.Body ?? "").Contains(shipmentId, StringComparison.Ordinal) && e.ResponseMessage.StatusCode is 200));
    }

    [Fact]
    public async Task StoreDeliveryReplay_IsRefused_WhenNothingIsParked()
    {
        var client = await hub.ClientAsync();
        var admin = hub.App.CreateAdminClient();
        var order = await hub.X12OrderAsync(client);
        var pushedId = Samples.Unique("PUSHED");
        Assert.Equal(HttpStatusCode.Accepted, (await StorePushes.PushAsync(client, "/api/stores/invoices", StorePushes.Invoice(order, pushedId))).Status);

        var (unknown, missing) = await admin.PostJsonAsync($"/api/admin/store-documents/invoice/{PipelineFixture.VendorId}/never-received/replay");
        var (pushed, own) = await admin.PostJsonAsync($"/api/admin/store-documents/invoice/{pushedId}/replay");
        var (noSuffix, _) = await admin.PostJsonAsync($"/api/admin/store-documents/invoice/{pushedId}");

        Assert.Equal(HttpStatusCode.NotFound, unknown);
        Assert.Contains("never-received", missing.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, pushed);
        Assert.Contains("not delivered to a store", own.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, noSuffix);
        using var anonymous = await hub.ClientAsync();
        using var refused = await anonymous.PostAsync($"/api/admin/store-documents/invoice/{pushedId}/replay", null, Cancel);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task VendorShipmentForAnUnknownOrder_IsStoredAndForwarded_WhenItsMessageIsReplayedOnceTheOrderExists()
    {
        var client = await hub.ClientAsync();
        var order = Samples.Unique("LATE");
        var shipmentId = Samples.Unique("V856L");
        PartnerAcceptsX12(shipmentId);
        StoreAccepts("/store/shipments", shipmentId, 201);
        await PostX12Async(client, VendorX12("x12/856-004010.inbound.samples/sopi.edi", "000000501", "501", order, "SHIP-77", shipmentId));
        const string Parked = """
            SELECT coalesce(max(id), 0) FROM hub.message
            WHERE direction = 'in' AND partner_id = @Vendor AND status = 'parked' AND diagnostics::text LIKE '%pipeline.order.unknown%' AND convert_from(raw, 'UTF8') LIKE @Like
            """;
        var parked = new { Vendor = PipelineFixture.VendorId, Like = $"%{shipmentId}%" };
        Assert.True(await Http.EventuallyAsync(async () => await hub.ScalarAsync<long>(Parked, parked) > 0, Patience));
        var messageId = await hub.ScalarAsync<long>(Parked, parked);
        await hub.X12OrderAsync(client, number: order);

        var (status, _) = await hub.App.CreateAdminClient().PostJsonAsync($"/api/admin/messages/{messageId}/replay");

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.True(await StoredAsync($"{PipelineFixture.VendorId}/{shipmentId}", "queued"));
        Assert.True(await hub.PartnerReceivedAsync(shipmentId));
        Assert.Contains($"PRF*{order}", hub.PartnerBody(shipmentId), StringComparison.Ordinal);
        Assert.True(await DeliveredAsync($"{PipelineFixture.VendorId}/{shipmentId}"));
        Assert.Equal("translated", await hub.ScalarAsync<string>("SELECT status FROM hub.message WHERE id = @Id", new { Id = messageId }));
        Assert.Equal(0, await hub.ScalarAsync<long>("SELECT count(*) FROM hub.message WHERE id = @Id AND diagnostics::text LIKE '%pipeline.order.unknown%'",
            new { Id = messageId }));
    }

    [Fact]
    public async Task ShipNoticeFromABuyer_IsRefusedWith403()
    {
        var client = await hub.ClientAsync();
        var notice = Sample("cxml/ship-notice-request.inbound.samples/two-lines.xml")
            .Replace("<Identity>AN-3PL</Identity>", $"<Identity>{PipelineFixture.CxmlPartnerIdentity}</Identity>", StringComparison.Ordinal)
            .Replace("never-in-the-shipment", PipelineFixture.CxmlSecret, StringComparison.Ordinal)
            .Replace("1764181000.77@3pl.example", Samples.Unique("buyer-sn") + "@buyer.example", StringComparison.Ordinal);

        using var response = await client.PostAsync("/cxml", Samples.Xml(notice), Cancel);

        var answer = await response.Content.ReadAsStringAsync(Cancel);
        Assert.Equal(403, Samples.StatusCode(answer));
        Assert.Contains("vendors only", answer, StringComparison.Ordinal);
    }

    // The invoice sample's sender credentials become the test vendor's (identity AN-3PL with the test secret).
    private static string SwapSender(string cxml)
    {
        var header = cxml[cxml.IndexOf("<Header>", StringComparison.Ordinal)..(cxml.IndexOf("</Header>", StringComparison.Ordinal) + "</Header>".Length)];
        return cxml.Replace(header, $"""
            <Header>
                <From><Credential domain="NetworkID"><Identity>AN-3PL</Identity></Credential></From>
                <To><Credential domain="DUNS"><Identity>123456789</Identity></Credential></To>
                <Sender><Credential domain="NetworkID"><Identity>AN-3PL</Identity><SharedSecret>{PipelineFixture.CxmlSecret}</SharedSecret></Credential><UserAgent>3PL</UserAgent></Sender>
              </Header>
            """, StringComparison.Ordinal);
    }
}
