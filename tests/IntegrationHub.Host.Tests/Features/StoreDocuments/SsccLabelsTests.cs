using System.Net;
using System.Text;
using IntegrationHub.Canonical;
using IntegrationHub.Features.StoreDocuments;
using IntegrationHub.Host.Tests.Fixtures;
using IntegrationHub.Mapping;
using IntegrationHub.Partners;
using IntegrationHub.Translation;
using Npgsql;
using Samples = IntegrationHub.Host.Tests.PurchaseOrders.Documents;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace IntegrationHub.Host.Tests.Features.StoreDocuments;

public sealed class SsccLabelsTests(PipelineFixture hub) : IClassFixture<PipelineFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static Shipment Unlabelled(int packages) => new()
    {
        ShipmentId = "S", ShipDate = new Moment(new DateOnly(2026, 12, 1)), Packages = [.. Enumerable.Range(0, packages).Select(_ => new Package())],
    };

    // A company prefix of its own per test, so the counters other tests move do not matter.
    private static string FreshPrefix() => "9" + Random.Shared.NextInt64(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async Task<(IReadOnlyList<string> Labels, string? Problem)> LabelAsync(string prefix, int packages, bool commit = true, int extension = 0)
    {
        await using var connection = new NpgsqlConnection(hub.ConnectionString);
        await connection.OpenAsync(Cancel);
        await using var transaction = await connection.BeginTransactionAsync(Cancel);
        var (labelled, problem) = await SsccLabels.LabelAsync(transaction, Unlabelled(packages), null,
            new SsccOptions { CompanyPrefix = prefix, ExtensionDigit = extension }, Cancel);
        if (commit) await transaction.CommitAsync(Cancel);
        else await transaction.RollbackAsync(Cancel);
        return ([.. labelled.Packages.Select(p => p.Sscc!)], problem);
    }

    [Fact]
    public async Task LabelAsync_HandsOutNoNumberTwice_WhenManyTransactionsAllocateAtOnce()
    {
        await hub.ClientAsync(); // migrated
        var prefix = FreshPrefix();

        var batches = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => LabelAsync(prefix, 1 + i % 3), Cancel)));

        var labels = batches.SelectMany(b => b.Labels).ToList();
        Assert.All(batches, b => Assert.Null(b.Problem));
        Assert.Equal(labels.Count, labels.Distinct().Count());
        Assert.All(labels, l => Assert.True(Sscc.IsValid(l), l));
        Assert.All(labels, l => Assert.StartsWith("000" + prefix, l, StringComparison.Ordinal));
        // The counter moved by exactly what was handed out: serials 1 … n, none skipped.
        Assert.Equal(Enumerable.Range(1, labels.Count).Select(s => Sscc.Compose(0, prefix, s)).Order(StringComparer.Ordinal), labels.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task LabelAsync_NeverHandsOutACommittedNumberAgain_WhenATransactionRollsBackInBetween()
    {
        await hub.ClientAsync();
        var prefix = FreshPrefix();

        var first = await LabelAsync(prefix, 2);
        await LabelAsync(prefix, 5, commit: false); // a crash before commit: nothing of it was sent
        var second = await LabelAsync(prefix, 2);

        Assert.Empty(first.Labels.Intersect(second.Labels));
        Assert.Equal([Sscc.Compose(0, prefix, 3), Sscc.Compose(0, prefix, 4)], second.Labels);
    }

    [Fact]
    public async Task LabelAsync_Refuses_WhenThePrefixHasNoSerialsLeft()
    {
        await hub.ClientAsync();
        var prefix = "9" + Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture) + "123"; // 12 digits: 9,999 serials
        await using (var connection = new NpgsqlConnection(hub.ConnectionString))
        {
            await connection.OpenAsync(Cancel);
            await using var set = new NpgsqlCommand("INSERT INTO hub.sscc_serial VALUES (@p, 0, 9999)", connection);
            set.Parameters.AddWithValue("p", prefix);
            await set.ExecuteNonQueryAsync(Cancel);
        }

        Assert.Null((await LabelAsync(prefix, 1)).Problem); // serial 9,999 is the last
        Assert.Contains("used up", (await LabelAsync(prefix, 1)).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PushShipment_LabelsUnlabelledPackagesInThe856_AndTheLabelsReadBackThroughOurReader()
    {
        var client = await hub.ClientAsync();
        var order = await hub.X12OrderAsync(client);
        var shipmentId = Samples.Unique("SSCC");
        hub.Partner.Given(Request.Create().WithPath("/edi/inbound").UsingPost().WithBody(new WildcardMatcher($"*{shipmentId}*"))).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(200));
        // The store names its carton by its own reference; the hub labels it and points the contents at the label.
        var json = StorePushes.Shipment(order, shipmentId).Replace("00012345600000000017", "CARTON-1", StringComparison.Ordinal);

        var (status, answer) = await StorePushes.PushAsync(client, "/api/stores/shipments", json);

        Assert.True(status == HttpStatusCode.Accepted, answer.ToString());
        Assert.Equal("queued", answer.GetProperty("status").GetString());
        Assert.True(await Http.EventuallyAsync(() => Task.FromResult(hub.Partner.LogEntries.Any(e =>
            (e.RequestMessage.Body ?? "").Contains(shipmentId, StringComparison.Ordinal))), Patience));
        var posted = hub.Partner.LogEntries.First(e => (e.RequestMessage.Body ?? "").Contains(shipmentId, StringComparison.Ordinal)).RequestMessage.Body!;
        var tree = Assert.Single(FormatTrees.ReadAll("x12", Encoding.ASCII.GetBytes(posted)));
        var library = FormatSchemas.Load(hub.Mappings);
        var (document, found) = library.Find("x12", "856", "004010", MapDirection.Inbound, "edi-partner")!.Run(tree.Tree!);
        Assert.DoesNotContain(found, d => d.Severity == IntegrationHub.Documents.Severity.Error);
        var shipment = Assert.IsType<Shipment>(document);
        var label = Assert.Single(shipment.Packages).Sscc;
        Assert.True(Sscc.IsValid(label), label);
        Assert.StartsWith("000" + PipelineFixture.SsccCompanyPrefix, label, StringComparison.Ordinal);
        Assert.All(shipment.Contents, c => Assert.Equal(label, c.PackageSscc));
    }
}
