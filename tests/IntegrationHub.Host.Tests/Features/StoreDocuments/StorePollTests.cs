using System.Net;
using System.Text;
using System.Text.Json;
using IntegrationHub.Features.StoreDocuments;
using IntegrationHub.Formats.Cxml;
using IntegrationHub.Host.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Samples = IntegrationHub.Host.Tests.PurchaseOrders.Documents;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace IntegrationHub.Host.Tests.Features.StoreDocuments;

/// <summary>
/// The hub polls the shipment and invoice stores (WireMock.Net) page by page from a stored cursor and feeds each record
/// into the push's intake. Each test starts the store's cursor at a value of its own, so its page stubs are its own.
/// </summary>
public sealed class StorePollTests(PipelineFixture hub) : IClassFixture<PipelineFixture>
{

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<string> StartCursorAsync(string kind)
    {
        var cursor = Samples.Unique("cursor");
        await hub.App.Services.GetRequiredService<Npgsql.NpgsqlDataSource>().CreateCommand($"""
            INSERT INTO hub.store_poll_state (kind, cursor, updated_at) VALUES ('{kind}', '{cursor}', now())
            ON CONFLICT (kind) DO UPDATE SET cursor = excluded.cursor
            """).ExecuteNonQueryAsync(Cancel);
        return cursor;
    }

    /// <summary>The store answers a request after <paramref name="cursor"/> with these records (JSON texts) and the next cursor.</summary>
    private void Page(string records, string cursor, string? next, bool hasMore, int status = 200, string? body = null)
    {
        var page = body ?? $$"""{ "records": [{{records}}], "nextCursor": {{(next is null ? "null" : $"\"{next}\"")}}, "hasMore": {{(hasMore ? "true" : "false")}} }""";
        hub.Store.Given(Request.Create().WithPath($"/store/{StorePath}").UsingGet().WithParam("updatedSince", cursor))
            .AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(page));
    }

    /// <summary>The store the next <see cref="Page"/> stubs: <c>shipments</c> or <c>invoices</c>.</summary>
    private string StorePath { get; set; } = "shipments";

    private Task<StorePollOutcome> PollAsync(string kind) => hub.App.Services.GetRequiredService<StorePollJob>().PollAsync(kind, Cancel);

    private Task<string?> CursorAsync(string kind) =>
        hub.ScalarAsync<string?>("SELECT coalesce(cursor, '') FROM hub.store_poll_state WHERE kind = @Kind", new { Kind = kind });

    private async Task<(int Pages, int Received, int Duplicates, int Skipped, string Diagnostics, string? Error)> RunAsync(long id) =>
        Assert.Single(await hub.QueryAsync<(int, int, int, int, string, string?)>(
            "SELECT pages, received, duplicates, skipped, diagnostics::text, error FROM hub.store_poll_runs WHERE id = @Id", new { Id = id }));

    private Task<long> DocumentsAsync(string storeId) =>
        hub.ScalarAsync<long>("SELECT count(*) FROM hub.store_document WHERE store_id = @Id", new { Id = storeId });

    private Task<long> OutboundAsync(string storeId) => hub.ScalarAsync<long>("""
        SELECT count(*) FROM hub.message m JOIN hub.store_document d ON d.outbound_id = m.id WHERE d.store_id = @Id
        """, new { Id = storeId });

    private static string Compact(string json) => JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement);

    [Fact]
    public async Task Poll_ReceivesEveryPageAndStoresTheLastCursor_SkippingBadRecordsWithDiagnostics()
    {
        var client = await hub.ClientAsync();
        var order = await hub.X12OrderAsync(client);
        var (first, second, unknown) = (Samples.Unique("PS1"), Samples.Unique("PS2"), Samples.Unique("PS3"));
        hub.Partner.Given(Request.Create().WithPath("/edi/inbound").UsingPost().WithBody(new WildcardMatcher($"*{first}*"))).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(200));
        var start = await StartCursorAsync("shipment");
        var (middle, end) = (start + "-2", start + "-3");
        Page($$"""{{Compact(StorePushes.Shipment(order, first))}}, { "purpose": "original" }""", start, middle, hasMore: true);
        Page($"{Compact(StorePushes.Shipment(order, second))}, {Compact(StorePushes.Shipment(Samples.Unique("NOPE"), unknown))}", middle, end, hasMore: false);

        var outcome = await PollAsync("shipment");

        Assert.Equal("succeeded", outcome.Status);
        var run = await RunAsync(outcome.RunId!.Value);
        Assert.Equal((2, 2, 0, 2), (run.Pages, run.Received, run.Duplicates, run.Skipped));
        Assert.Contains("Not a canonical shipment", run.Diagnostics, StringComparison.Ordinal);
        Assert.Contains("No order", run.Diagnostics, StringComparison.Ordinal);
        Assert.Contains(unknown, run.Diagnostics, StringComparison.Ordinal);
        Assert.Equal(end, await CursorAsync("shipment"));
        Assert.Equal(1, await DocumentsAsync(first));
        Assert.Equal(1, await DocumentsAsync(second));
        Assert.Equal(0, await DocumentsAsync(unknown));
        Assert.True(await hub.PartnerReceivedAsync(first));
        StorePushes.AssertOneX12Set(hub.PartnerBody(first), "856");
        Assert.Contains($"PRF*{order}", hub.PartnerBody(first), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Poll_IgnoresDuplicatesAndRecordsAChangedBody_WhenTheStorePushedOrSentTheRecordBefore()
    {
        var client = await hub.ClientAsync();
        var order = await hub.X12OrderAsync(client);
        var (pushed, changed) = (Samples.Unique("PD1"), Samples.Unique("PD2"));
        Assert.Equal(HttpStatusCode.Accepted, (await StorePushes.PushAsync(client, "/api/stores/shipments", StorePushes.Shipment(order, pushed))).Status);
        Assert.Equal(HttpStatusCode.Accepted, (await StorePushes.PushAsync(client, "/api/stores/shipments", StorePushes.Shipment(order, changed))).Status);
        var start = await StartCursorAsync("shipment");
        Page($"""
            {Compact(StorePushes.Shipment(order, pushed))}, {Compact(StorePushes.Shipment(order, pushed))},
            {Compact(StorePushes.Shipment(order, changed).Replace("\"quantity\": 10", "\"quantity\": 9", StringComparison.Ordinal))}
            """, start, start + "-2", hasMore: false);

        var outcome = await PollAsync("shipment");

        var run = await RunAsync(outcome.RunId!.Value);
        Assert.Equal((1, 0, 2, 1), (run.Pages, run.Received, run.Duplicates, run.Skipped));
        Assert.Contains("another document", run.Diagnostics, StringComparison.Ordinal);
        Assert.Contains(changed, run.Diagnostics, StringComparison.Ordinal);
        Assert.Equal(1, await OutboundAsync(pushed));
        Assert.Equal(1, await OutboundAsync(changed));
        Assert.Equal(10m, await hub.ScalarAsync<decimal>(
            "SELECT (canonical #>> '{contents,0,quantity}')::numeric FROM hub.store_document WHERE store_id = @Id", new { Id = changed }));
        // The admin API shows the run with its counts under the shipment store, and not under the invoice store.
        var admin = hub.App.CreateAdminClient();
        var (_, shipmentRuns) = await admin.GetJsonAsync("/api/admin/store-polls/shipments/runs");
        var shown = Assert.Single(shipmentRuns.EnumerateArray(), r => r.GetProperty("id").GetInt64() == outcome.RunId);
        Assert.Equal((1, 0, 2, 1), (shown.GetProperty("pages").GetInt32(), shown.GetProperty("received").GetInt32(), shown.GetProperty("duplicates").GetInt32(),
            shown.GetProperty("skipped").GetInt32()));
        Assert.Contains(changed, shown.GetProperty("diagnostics").ToString(), StringComparison.Ordinal);
        var (_, invoiceRuns) = await admin.GetJsonAsync("/api/admin/store-polls/invoices/runs");
        Assert.DoesNotContain(invoiceRuns.EnumerateArray(), r => r.GetProperty("id").GetInt64() == outcome.RunId);
    }

    [Fact]
    public async Task Poll_KeepsTheCursorBeforeTheFailedPageAndResumesThere_WhenTheStoreFailsMidPoll()
    {
        var client = await hub.ClientAsync();
        var order = await hub.X12OrderAsync(client);
        var (before, after) = (Samples.Unique("PO1"), Samples.Unique("PO2"));
        var start = await StartCursorAsync("shipment");
        Page(Compact(StorePushes.Shipment(order, before)), start, start + "-2", hasMore: true);
        Page("", start + "-2", null, hasMore: false, status: 503, body: """{"error":"maintenance"}""");

        var failed = await PollAsync("shipment");

        Assert.Equal("failed", failed.Status);
        var failedRun = await RunAsync(failed.RunId!.Value);
        Assert.Equal((1, 1), (failedRun.Pages, failedRun.Received));
        Assert.Contains("503", failedRun.Error, StringComparison.Ordinal);
        Assert.Equal(start + "-2", await CursorAsync("shipment"));

        Page(Compact(StorePushes.Shipment(order, after)), start + "-2", start + "-3", hasMore: false);
        var recovered = await PollAsync("shipment");

        Assert.Equal("succeeded", recovered.Status);
        var recoveredRun = await RunAsync(recovered.RunId!.Value);
        Assert.Equal((1, 1, 0), (recoveredRun.Pages, recoveredRun.Received, recoveredRun.Duplicates));
        Assert.Equal(start + "-3", await CursorAsync("shipment"));
        Assert.Equal(1, await DocumentsAsync(before));
        Assert.Equal(1, await DocumentsAsync(after));
    }

    [Fact]
    public async Task Poll_DoesNothing_WhenAnotherProcessIsPollingTheSameStore()
    {
        _ = await hub.ClientAsync();
        await using var other = await hub.App.Services.GetRequiredService<Npgsql.NpgsqlDataSource>().OpenConnectionAsync(Cancel);
        await using (var take = other.CreateCommand()) { take.CommandText = $"SELECT pg_advisory_lock({StorePollJob.InvoiceLockKey})"; await take.ExecuteNonQueryAsync(Cancel); }

        var outcome = await PollAsync("invoice");

        Assert.Equal(new StorePollOutcome(null, "busy"), outcome);
    }

    [Fact]
    public async Task PollInvoices_PostsADtdValidInvoiceDetailRequest_WhenTheOrderCameInOverCxml()
    {
        var client = await hub.ClientAsync();
        var (order, payloadId) = await hub.CxmlOrderAsync(client);
        var invoiceId = Samples.Unique("PIN");
        hub.PartnerAcceptsCxml(invoiceId);
        StorePath = "invoices";
        var start = await StartCursorAsync("invoice");
        Page(Compact(StorePushes.Invoice(order, invoiceId)), start, start + "-2", hasMore: false);

        var outcome = await PollAsync("invoice");

        Assert.Equal("succeeded", outcome.Status);
        Assert.True(await hub.PartnerReceivedAsync(invoiceId));
        var posted = Encoding.UTF8.GetBytes(hub.PartnerBody(invoiceId));
        Assert.Empty(CxmlDtdValidator.Validate(posted));
        var invoice = CxmlReader.Read(posted).Document!.Body!.Element("InvoiceDetailRequest")!;
        var reference = invoice.Element("InvoiceDetailOrder")!.Element("InvoiceDetailOrderInfo")!.Element("OrderReference")!;
        Assert.Equal(order, reference.Attribute("orderID"));
        Assert.Equal(payloadId, reference.Element("DocumentReference")!.Attribute("payloadID"));
    }

    [Fact]
    public async Task Schedule_RegistersTheConfiguredPollAndTheDeliverySweep_AndSkipsAPollWhoseCronIsBroken()
    {
        _ = await hub.ClientAsync();
        var storage = hub.App.Services.GetRequiredService<Hangfire.JobStorage>();
        List<Hangfire.Storage.RecurringJobDto> Jobs()
        {
            using var connection = storage.GetConnection();
            return Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(connection);
        }

        Assert.True(await Http.EventuallyAsync(() => Task.FromResult(Jobs().Any(j => j.Id == StoreDeliveryJob.RecurringJobId)), Patience));
        var jobs = Jobs();
        Assert.Equal("0 0 1 1 *", Assert.Single(jobs, j => j.Id == StorePollSchedule.ShipmentsJobId).Cron);
        Assert.DoesNotContain(jobs, j => j.Id == StorePollSchedule.InvoicesJobId);
    }
}
