using System.Text.Json;
using Dapper;
using IntegrationHub.Features.CatalogSync;
using IntegrationHub.Features.Punchout;

namespace IntegrationHub.Host.Tests.Features.CatalogSync;

public sealed class CatalogSyncJobTests(CatalogSyncFixture hub) : IClassFixture<CatalogSyncFixture>, IAsyncLifetime
{
    public ValueTask InitializeAsync() => new(hub.ResetAsync());

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static object Product(string id, string description, decimal price, string? category = null) => new
    {
        supplierPartId = id, description, uom = "EA", unitPrice = price, currency = "EUR", categoryId = category,
    };

    private static object Changes(string? next, bool hasMore, object[]? products = null, object[]? categories = null, object[]? priceLists = null,
        object[]? availability = null, object? deleted = null) =>
        new { categories, products, priceLists, availability, deleted, nextCursor = next, hasMore };

    private async Task<List<(string Part, string Description, decimal Price)>> ProductsAsync()
    {
        await using var connection = await hub.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        return [.. await connection.QueryAsync<(string, string, decimal)>(new CommandDefinition(
            "SELECT supplier_part_id, description, unit_price FROM hub.catalog_products ORDER BY supplier_part_id"))];
    }

    private async Task<T?> ScalarAsync<T>(string sql)
    {
        await using var connection = await hub.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        return await connection.ExecuteScalarAsync<T>(new CommandDefinition(sql));
    }

    private void ThreePages()
    {
        hub.Page(null, Changes("c1", true, categories: [new { id = "tools", name = "Tools" }, new { id = "tools-hand", parentId = "tools", name = "Hand tools" }],
            products: [Product("WR-1", "Torque wrench 1/2 inch", 89.50m, "tools-hand"), Product("WR-2", "Torque wrench 3/8 inch", 74m, "tools-hand")]));
        hub.Page("c1", Changes("c2", true, products: [Product("SD-1", "Screwdriver set, 6 pieces", 19.90m, "tools-hand")],
            availability: [new { supplierPartId = "WR-1", onHand = 12 }]));
        hub.Page("c2", Changes("c3", false, priceLists: [new
        {
            buyerOrg = "acme", name = "ACME framework", prices = new[]
            {
                new { supplierPartId = "WR-1", minQuantity = 1m, unitPrice = 80m }, new { supplierPartId = "WR-1", minQuantity = 10m, unitPrice = 72.5m },
            },
        }]));
    }

    [Fact]
    public async Task Sync_UpsertsEveryPageAndStoresTheLastCursor_WhenTheStoreHasSeveralPages()
    {
        ThreePages();

        var outcome = await hub.SyncAsync();

        Assert.Equal("succeeded", outcome.Status);
        Assert.Equal([("SD-1", "Screwdriver set, 6 pieces", 19.90m), ("WR-1", "Torque wrench 1/2 inch", 89.50m), ("WR-2", "Torque wrench 3/8 inch", 74m)],
            await ProductsAsync());
        Assert.Equal("c3", await ScalarAsync<string>("SELECT cursor FROM hub.catalog_sync_state"));
        Assert.Equal("tools", await ScalarAsync<string>("SELECT parent_id FROM hub.catalog_categories WHERE id = 'tools-hand'"));
        Assert.Equal(12m, await ScalarAsync<decimal>("SELECT a.on_hand FROM hub.catalog_availability a JOIN hub.catalog_products p ON p.id = a.product_id WHERE p.supplier_part_id = 'WR-1'"));
        Assert.Equal(2L, await ScalarAsync<long>("SELECT count(*) FROM hub.catalog_prices"));
        Assert.Equal(3, await ScalarAsync<int>($"SELECT pages FROM hub.catalog_sync_runs WHERE id = {outcome.RunId}"));
        Assert.Equal(1, hub.PageCalls(null));
    }

    [Fact]
    public async Task Sync_AppliesChangesAndDeletionsSinceTheCursor_WhenRunAgain()
    {
        ThreePages();
        await hub.SyncAsync();
        hub.Page("c3", Changes("c4", false, products: [Product("WR-2", "Torque wrench 3/8 inch, with case", 79m, "tools-hand")],
            deleted: new { products = new[] { new { supplierPartId = "SD-1" } }, priceLists = new[] { new { buyerOrg = "acme" } } }));

        var outcome = await hub.SyncAsync();

        Assert.Equal("succeeded", outcome.Status);
        Assert.Equal([("WR-1", "Torque wrench 1/2 inch", 89.50m), ("WR-2", "Torque wrench 3/8 inch, with case", 79m)], await ProductsAsync());
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM hub.catalog_price_lists"));
        Assert.Equal("c4", await ScalarAsync<string>("SELECT cursor FROM hub.catalog_sync_state"));
        Assert.Equal(2, await ScalarAsync<int>($"SELECT deleted FROM hub.catalog_sync_runs WHERE id = {outcome.RunId}"));
        Assert.Equal(1, hub.PageCalls(null)); // the second run started at the cursor, not from the beginning
    }

    [Fact]
    public async Task Sync_KeepsTheCursorBeforeTheFailedPage_WhenTheStoreFailsMidSync()
    {
        hub.Page(null, Changes("c1", true, products: [Product("WR-1", "Torque wrench 1/2 inch", 89.50m)]));
        hub.Page("c1", "store is down", status: 503);

        var failed = await hub.SyncAsync();

        Assert.Equal("failed", failed.Status);
        Assert.Equal("c1", await ScalarAsync<string>("SELECT cursor FROM hub.catalog_sync_state"));
        Assert.Contains("503", await ScalarAsync<string>($"SELECT error FROM hub.catalog_sync_runs WHERE id = {failed.RunId}"));
        Assert.Single(await ProductsAsync());

        hub.Page("c1", Changes("c2", false, products: [Product("WR-2", "Torque wrench 3/8 inch", 74m)]));
        var recovered = await hub.SyncAsync();

        Assert.Equal("succeeded", recovered.Status);
        Assert.Equal(["WR-1", "WR-2"], (await ProductsAsync()).Select(p => p.Part));
        Assert.Equal("c2", await ScalarAsync<string>("SELECT cursor FROM hub.catalog_sync_state"));
        Assert.Equal(1, hub.PageCalls(null)); // the committed first page was not fetched again
    }

    [Fact]
    public async Task Sync_SkipsBadRecordsWithDiagnostics_WhenTheStoreSendsThem()
    {
        hub.Page(null, Changes("c1", false,
            products: [Product("OK-1", "Good product", 5m), new { description = "No id", uom = "EA", unitPrice = 1m, currency = "EUR" }, Product("NEG-1", "Negative", -1m)],
            priceLists: [new { buyerOrg = "acme", prices = new[] { new { supplierPartId = "OK-1", minQuantity = 1m, unitPrice = -2m } } }]));

        var outcome = await hub.SyncAsync();

        Assert.Equal("succeeded", outcome.Status);
        Assert.Equal(["OK-1"], (await ProductsAsync()).Select(p => p.Part));
        Assert.Equal(3, await ScalarAsync<int>($"SELECT skipped FROM hub.catalog_sync_runs WHERE id = {outcome.RunId}"));
        var diagnostics = JsonDocument.Parse(await ScalarAsync<string>($"SELECT diagnostics::text FROM hub.catalog_sync_runs WHERE id = {outcome.RunId}") ?? "[]")
            .RootElement.EnumerateArray().Select(d => (d.GetProperty("kind").GetString(), d.GetProperty("key").GetString(), d.GetProperty("reason").GetString()));
        Assert.Equal([("product", null, "no supplier part id"), ("product", "NEG-1", "negative price"), ("price", "acme:OK-1", "negative price")], diagnostics);
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM hub.catalog_prices"));
    }

    [Fact]
    public async Task Sync_RollsBackTheWholePageAndKeepsTheCursor_WhenTheDatabaseRefusesOneOfItsRows()
    {
        hub.Page(null, Changes("c1", true, products: [Product("WR-1", "Torque wrench 1/2 inch", 89.50m)]));
        // A parent the catalog does not know breaks the categories' foreign key: nothing of the page may stay.
        hub.Page("c1", Changes("c2", false, categories: [new { id = "orphan", parentId = "nowhere", name = "Orphan" }],
            products: [Product("WR-2", "Torque wrench 3/8 inch", 74m), Product("WR-3", "Torque wrench 1/4 inch", 61m)]));

        var outcome = await hub.SyncAsync();

        Assert.Equal("failed", outcome.Status);
        Assert.Equal(["WR-1"], (await ProductsAsync()).Select(p => p.Part));
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM hub.catalog_categories"));
        Assert.Equal("c1", await ScalarAsync<string>("SELECT cursor FROM hub.catalog_sync_state"));
        Assert.Equal(1, await ScalarAsync<int>($"SELECT pages FROM hub.catalog_sync_runs WHERE id = {outcome.RunId}"));
        Assert.StartsWith("Page 2 could not be written", await ScalarAsync<string>($"SELECT error FROM hub.catalog_sync_runs WHERE id = {outcome.RunId}"));
    }

    [Fact]
    public async Task Sync_KeepsTheLastOfARepeatedRecordAndCountsItOnce_WhenAPageRepeatsIt()
    {
        hub.Page(null, Changes("c1", false,
            products: [Product("WR-1", "Torque wrench, old text", 80m), Product("WR-2", "Torque wrench 3/8 inch", 74m), Product("WR-1", "Torque wrench 1/2 inch", 89.50m)],
            availability: [new { supplierPartId = "WR-1", onHand = 3 }, new { supplierPartId = "WR-1", onHand = 12 }],
            priceLists: [new
            {
                buyerOrg = "acme", name = "ACME", prices = new[]
                {
                    new { supplierPartId = "WR-1", minQuantity = 1m, unitPrice = 81m }, new { supplierPartId = "WR-1", minQuantity = 1m, unitPrice = 80m },
                },
            }]));

        var outcome = await hub.SyncAsync();

        Assert.Equal("succeeded", outcome.Status);
        Assert.Equal([("WR-1", "Torque wrench 1/2 inch", 89.50m), ("WR-2", "Torque wrench 3/8 inch", 74m)], await ProductsAsync());
        Assert.Equal(12m, await ScalarAsync<decimal>("SELECT on_hand FROM hub.catalog_availability"));
        Assert.Equal(80m, await ScalarAsync<decimal>("SELECT unit_price FROM hub.catalog_prices"));
        // Two products, one availability, one price list, one price.
        Assert.Equal(5, await ScalarAsync<int>($"SELECT upserted FROM hub.catalog_sync_runs WHERE id = {outcome.RunId}"));
    }

    [Fact]
    public async Task Sync_ReplacesAProductsBreaksInAListWhole_WhenAPageSendsItsPricesAgain()
    {
        ThreePages();
        await hub.SyncAsync();
        // WR-1 loses its break at 10; a second record of the same list adds WR-2 without touching WR-1.
        hub.Page("c3", Changes("c4", false, products: [Product("WR-2", "Torque wrench 3/8 inch", 74m)], priceLists:
        [
            new { buyerOrg = "acme", name = "ACME framework", prices = new[] { new { supplierPartId = "WR-1", minQuantity = 1m, unitPrice = 78m } } },
            new { buyerOrg = "acme", name = "ACME 2027", prices = new[] { new { supplierPartId = "WR-2", minQuantity = 5m, unitPrice = 70m } } },
        ]));

        var outcome = await hub.SyncAsync();

        Assert.Equal("succeeded", outcome.Status);
        await using var connection = await hub.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        var prices = await connection.QueryAsync<(string, decimal, decimal)>(new CommandDefinition("""
            SELECT p.supplier_part_id, cp.min_quantity, cp.unit_price FROM hub.catalog_prices cp JOIN hub.catalog_products p ON p.id = cp.product_id
            ORDER BY 1, 2
            """));
        Assert.Equal([("WR-1", 1m, 78m), ("WR-2", 5m, 70m)], prices);
        Assert.Equal("ACME 2027", await ScalarAsync<string>("SELECT name FROM hub.catalog_price_lists"));
    }

    [Fact]
    public async Task Search_FindsASyncedProductWithItsBuyerPrice_AfterSync()
    {
        ThreePages();
        await hub.SyncAsync();
        var catalog = new CatalogStore(hub.DataSource);

        var found = await catalog.SearchAsync("torque wrench", new Buyer("acme", null), 10m, TestContext.Current.CancellationToken);
        var other = await catalog.SearchAsync("torque wrench", new Buyer("someone-else", null), 10m, TestContext.Current.CancellationToken);

        Assert.Equal(72.5m, found.Single(p => p.SupplierPartId == "WR-1").BuyerPrice);
        Assert.Equal(89.50m, other.Single(p => p.SupplierPartId == "WR-1").BuyerPrice);
        Assert.Equal(2, found.Count);
    }

    [Fact]
    public async Task Sync_DoesNothing_WhenAnotherProcessHoldsTheSyncLock()
    {
        ThreePages();
        await using var other = await hub.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await other.ExecuteAsync(new CommandDefinition($"SELECT pg_advisory_lock({CatalogSyncJob.LockKey})"));

        var busy = await hub.SyncAsync();
        await other.ExecuteAsync(new CommandDefinition($"SELECT pg_advisory_unlock({CatalogSyncJob.LockKey})"));
        var after = await hub.SyncAsync();

        Assert.Equal(new CatalogSyncOutcome(null, "busy"), busy);
        Assert.Equal("succeeded", after.Status);
        Assert.Equal(1, hub.PageCalls(null)); // the blocked run never called the store
    }
}
