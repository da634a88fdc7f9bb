using System.Net;
using System.Text.Json;
using IntegrationHub.Host.Tests.Fixtures;
using IntegrationHub.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Samples = IntegrationHub.Host.Tests.PurchaseOrders.Documents;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace IntegrationHub.Host.Tests.Features.StoreDocuments;

/// <summary>
/// A store document its partner's outbound map could not write is parked; once the map is fixed, POST …/compose writes
/// it again from the stored document and queues one outbound message. The tests of this class break edi-partner's 810
/// and 856 maps in their own copy of the mappings (a fixture of their own), and put them back before they end.
/// </summary>
public sealed class StoreDocumentComposeTests(PipelineFixture hub) : IClassFixture<PipelineFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private string PartnerMap(string name) => Path.Combine(hub.Mappings, "partners", "edi-partner", "maps", name + ".outbound.map.yaml");

    // edi-partner's own map for the document, extending the default and writing a value longer than its element takes.
    private void Break(string document, string segment, string element, string value)
    {
        var path = PartnerMap($"{document}-004010");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, $"""
            map:
              extends: x12/{document}-004010.outbound
              description: Broken for a test
            fields:
              {segment}:
                {element}: "'{value}'"
            """);
        Assert.True(hub.App.Services.GetRequiredService<MappingsProvider>().Reload(), "The broken map is a valid map.");
    }

    private void Fix(string document)
    {
        File.Delete(PartnerMap($"{document}-004010"));
        Assert.True(hub.App.Services.GetRequiredService<MappingsProvider>().Reload());
    }

    private Task<long> OutboundsNaming(string id, string document) => hub.ScalarAsync<long>("""
        SELECT count(*) FROM hub.message WHERE direction = 'out' AND document_type = @Document AND convert_from(raw, 'UTF8') LIKE @Like
        """, new { Document = document, Like = $"%{id}%" });

    // The 810 golden sample's invoice (the cXML one names parties an 810 has no codes for), against the test's order.
    private static string X12Invoice(string order, string invoiceId) =>
        File.ReadAllText(Path.Combine(Samples.RepositoryRoot, "mappings/defaults/x12/810-004010.outbound.samples/basic.json"))
            .Replace("INV-9001", invoiceId, StringComparison.Ordinal).Replace("PO-4711", order, StringComparison.Ordinal);

    // A started hub, its admin client, and an X12 order from edi-partner, whose stub takes the documents that name id.
    private async Task<(HttpClient Client, HttpClient Admin, string Order)> StartAsync(string id)
    {
        var client = await hub.ClientAsync();
        var order = await hub.X12OrderAsync(client);
        hub.Partner.Given(Request.Create().WithPath("/edi/inbound").UsingPost().WithBody(new WildcardMatcher($"*{id}*"))).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(200));
        return (client, hub.App.CreateAdminClient(), order);
    }

    // Pushes a document the broken map cannot write: stored, parked, the map's reason given.
    private static async Task<JsonElement> PushParkedAsync(HttpClient client, string path, string json)
    {
        var (pushed, parked) = await StorePushes.PushAsync(client, path, json);
        Assert.True(pushed == HttpStatusCode.Accepted, parked.ToString());
        Assert.Equal("parked", parked.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, parked.GetProperty("outboundId").ValueKind);
        Assert.Contains("map.value.too-long", parked.GetProperty("diagnostics").GetProperty("map").EnumerateArray().Select(d => d.GetProperty("code").GetString()));
        return parked;
    }

    [Fact]
    public async Task ParkedInvoice_IsComposedAgainAndSentOnce_WhenItsMapIsFixed_AndStaysParkedWithNewDiagnosticsWhileItFails()
    {
        var invoiceId = Samples.Unique("INVC");
        var (client, admin, order) = await StartAsync(invoiceId);
        const string first = "FIRST-VALUE-FAR-TOO-LONG-FOR-BIG02", second = "SECOND-VALUE-FAR-TOO-LONG-FOR-BIG02";
        Break("810", "BIG", "BIG02", first);
        try
        {
            var parked = await PushParkedAsync(client, "/api/stores/invoices", X12Invoice(order, invoiceId));
            Assert.Contains(first, parked.GetProperty("diagnostics").GetProperty("map").ToString(), StringComparison.Ordinal);

            // Still broken (another way): it stays parked, with what the map says now.
            Break("810", "BIG", "BIG02", second);
            var (failing, stillParked) = await admin.PostJsonAsync($"/api/admin/store-documents/invoice/{invoiceId}/compose");
            Assert.True(failing == HttpStatusCode.UnprocessableEntity, stillParked.ToString());
            Assert.Equal("still-not-written", stillParked.GetProperty("outcome").GetString());
            Assert.Equal("parked", stillParked.GetProperty("status").GetString());
            Assert.Equal(JsonValueKind.Null, stillParked.GetProperty("outboundId").ValueKind);
            Assert.Contains(second, stillParked.GetProperty("diagnostics").GetProperty("map").ToString(), StringComparison.Ordinal);
            var (_, stored) = await admin.GetJsonAsync($"/api/admin/store-documents/invoice/{invoiceId}");
            Assert.Equal("parked", stored.GetProperty("status").GetString());
            var storedMap = stored.GetProperty("diagnostics").GetProperty("map").ToString();
            Assert.Contains(second, storedMap, StringComparison.Ordinal);
            Assert.DoesNotContain(first, storedMap, StringComparison.Ordinal);
        }
        finally
        {
            Fix("810");
        }

        // Fixed: two engineers compose it at once; one 810 is queued, the other call finds it written.
        var answers = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
            admin.PostJsonAsync($"/api/admin/store-documents/invoice/{invoiceId}/compose"), Cancel)));

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Conflict], answers.Select(a => a.Status).Order());
        var composed = answers.Single(a => a.Status == HttpStatusCode.Accepted).Body;
        Assert.Equal("composed", composed.GetProperty("outcome").GetString());
        Assert.Equal("queued", composed.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, composed.GetProperty("diagnostics").GetProperty("map").ValueKind);
        var outboundId = composed.GetProperty("outboundId").GetInt64();
        Assert.True(await hub.PartnerReceivedAsync(invoiceId));
        StorePushes.AssertOneX12Set(hub.PartnerBody(invoiceId), "810");
        Assert.Contains($"BIG*", hub.PartnerBody(invoiceId), StringComparison.Ordinal);
        Assert.Contains($"*{invoiceId}*", hub.PartnerBody(invoiceId), StringComparison.Ordinal);
        var (_, view) = await admin.GetJsonAsync($"/api/admin/store-documents/invoice/{invoiceId}");
        Assert.Equal("queued", view.GetProperty("status").GetString());
        Assert.Equal(outboundId, view.GetProperty("outboundId").GetInt64());

        var (again, problem) = await admin.PostJsonAsync($"/api/admin/store-documents/invoice/{invoiceId}/compose");
        Assert.True(again == HttpStatusCode.Conflict, problem.ToString());
        Assert.Contains("queued, not parked", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, await OutboundsNaming(invoiceId, "810"));
        Assert.Equal(1, hub.Partner.LogEntries.Count(e => (e.RequestMessage.Body ?? "").Contains(invoiceId, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ParkedShipment_KeepsTheSsccLabelsItWasGiven_WhenComposedAgain()
    {
        var shipmentId = Samples.Unique("SHC");
        var (client, admin, order) = await StartAsync(shipmentId);
        // The store names its carton by its own reference: the hub labels it before the map runs.
        var json = StorePushes.Shipment(order, shipmentId).Replace("00012345600000000017", "CARTON-1", StringComparison.Ordinal);
        string label;
        long serialsAfterPush;
        Break("856", "BSN", "BSN02", "A-SHIPMENT-ID-FAR-TOO-LONG-FOR-BSN02-OF-THE-856");
        try
        {
            var parked = await PushParkedAsync(client, "/api/stores/shipments", json);
            label = Assert.Single(parked.GetProperty("diagnostics").GetProperty("labels").EnumerateArray()).GetString()!;
            Assert.True(IntegrationHub.Canonical.Sscc.IsValid(label), label);
            serialsAfterPush = await hub.ScalarAsync<long>("SELECT next_value FROM hub.sscc_serial WHERE company_prefix = @Prefix",
                new { Prefix = PipelineFixture.SsccCompanyPrefix });

            var (failing, stillParked) = await admin.PostJsonAsync($"/api/admin/store-documents/shipment/{shipmentId}/compose");
            Assert.True(failing == HttpStatusCode.UnprocessableEntity, stillParked.ToString());
            Assert.Equal([label], stillParked.GetProperty("diagnostics").GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
        }
        finally
        {
            Fix("856");
        }

        var (status, composed) = await admin.PostJsonAsync($"/api/admin/store-documents/shipment/{shipmentId}/compose");

        Assert.True(status == HttpStatusCode.Accepted, composed.ToString());
        Assert.Equal("queued", composed.GetProperty("status").GetString());
        Assert.Equal([label], composed.GetProperty("diagnostics").GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal(serialsAfterPush, await hub.ScalarAsync<long>("SELECT next_value FROM hub.sscc_serial WHERE company_prefix = @Prefix",
            new { Prefix = PipelineFixture.SsccCompanyPrefix })); // no serial reference was taken again
        Assert.True(await hub.PartnerReceivedAsync(shipmentId));
        var posted = hub.PartnerBody(shipmentId);
        StorePushes.AssertOneX12Set(posted, "856");
        Assert.Contains($"MAN*GM*{label}", posted, StringComparison.Ordinal);
        Assert.Equal(1, await OutboundsNaming(shipmentId, "856"));
    }

    [Fact]
    public async Task Compose_Answers404ForAnUnknownDocument_And409ForOneThatWasWritten()
    {
        var invoiceId = Samples.Unique("INVQ");
        var (client, admin, order) = await StartAsync(invoiceId);
        var (pushed, queued) = await StorePushes.PushAsync(client, "/api/stores/invoices", X12Invoice(order, invoiceId));
        Assert.True(pushed == HttpStatusCode.Accepted, queued.ToString());
        Assert.True(queued.GetProperty("status").GetString() == "queued", queued.ToString());

        var (written, problem) = await admin.PostJsonAsync($"/api/admin/store-documents/invoice/{invoiceId}/compose");
        var (unknown, _) = await admin.PostJsonAsync($"/api/admin/store-documents/invoice/{Samples.Unique("NEVER")}/compose");
        var (noAction, _) = await admin.PostJsonAsync($"/api/admin/store-documents/invoice/{invoiceId}/recompose-please");

        Assert.True(written == HttpStatusCode.Conflict, problem.ToString());
        Assert.Equal(HttpStatusCode.NotFound, unknown);
        Assert.Equal(HttpStatusCode.NotFound, noAction);
        Assert.Equal(1, await OutboundsNaming(invoiceId, "810"));
    }
}
