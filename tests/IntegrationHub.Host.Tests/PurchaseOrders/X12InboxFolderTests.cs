using IntegrationHub.Host.Tests.Fixtures;

namespace IntegrationHub.Host.Tests.PurchaseOrders;

public sealed class X12InboxFolderTests(PipelineFixture hub) : IClassFixture<PipelineFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static int _nextControlNumber = Random.Shared.Next(1000, 900_000_000);

    private string Drop(string partner, string name, string content)
    {
        var folder = Path.Combine(hub.Inbox, partner);
        Directory.CreateDirectory(folder);
        var partial = Path.Combine(folder, "." + name);
        File.WriteAllText(partial, content);
        var path = Path.Combine(folder, name);
        File.Move(partial, path); // written aside, then renamed, as partners are asked to
        return path;
    }

    [Fact]
    public async Task Inbox_StoresDeliversAndMovesToProcessed_WhenAPartnerDropsAFile()
    {
        await hub.ClientAsync();
        var order = Documents.Unique("INBOX-OK");
        hub.StoreAnswers(order, 200, """{"status":"accepted"}""");

        var dropped = Drop("demo-buyer", $"{order}.x12", Documents.Interchange850(Interlocked.Increment(ref _nextControlNumber), order));

        Assert.True(await Http.EventuallyAsync(async () => await hub.OrderStatusAsync(order) == "delivered", Patience), await hub.OrderStatusAsync(order));
        Assert.True(await Http.EventuallyAsync(() => Task.FromResult(File.Exists(Path.Combine(hub.Inbox, "demo-buyer", "processed", $"{order}.x12"))), Patience));
        Assert.False(File.Exists(dropped));
        Assert.Equal(1, hub.StoreCalls(order));
        Assert.Equal(1L, await hub.ScalarAsync<long>(
            "SELECT count(*) FROM hub.message o JOIN hub.message i ON i.id = o.in_reply_to JOIN hub.purchase_order p ON p.message_id = i.id WHERE p.order_number = @Order AND o.document_type = '997'",
            new { Order = order }));
    }

    [Theory]
    [InlineData("not an interchange at all", "does not start with an ISA")]
    [InlineData("EDIPARTNER", "is not demo-buyer's")]
    public async Task Inbox_MovesToFailedWithTheReason_WhenTheFileIsNotThePartnersX12(string content, string reason)
    {
        await hub.ClientAsync();
        var name = Documents.Unique("bad") + ".x12";
        var body = content == "EDIPARTNER"
            ? Documents.Interchange850(Interlocked.Increment(ref _nextControlNumber), "INBOX-X").Replace("*ZZ*DEMOBUYER      *", "*ZZ*EDIPARTNER     *", StringComparison.Ordinal)
            : content;

        Drop("demo-buyer", name, body);

        var failed = Path.Combine(hub.Inbox, "demo-buyer", "failed", name);
        Assert.True(await Http.EventuallyAsync(() => Task.FromResult(File.Exists(failed) && File.Exists(failed + ".problem.txt")), Patience));
        Assert.Contains(reason, await File.ReadAllTextAsync(failed + ".problem.txt", TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
