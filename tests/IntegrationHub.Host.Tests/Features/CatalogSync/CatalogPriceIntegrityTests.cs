using System.Text.Json;
using Dapper;
using Npgsql;

namespace IntegrationHub.Host.Tests.Features.CatalogSync;

/// <summary>
/// What the two foreign keys of <c>catalog_prices</c> guaranteed, now kept by statement-level triggers (migration 0014)
/// and by the page writer: prices go with their product or list, a price never names a missing product or list, and a
/// concurrent delete of a product waits for the writer of its prices.
/// </summary>
public sealed class CatalogPriceIntegrityTests(CatalogSyncFixture hub) : IClassFixture<CatalogSyncFixture>, IAsyncLifetime
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => new(hub.ResetAsync());

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static object Product(string id) => new { supplierPartId = id, description = $"Product {id}", uom = "EA", unitPrice = 10m, currency = "EUR" };

    private static object Price(string part, decimal minQuantity, decimal unitPrice) => new { supplierPartId = part, minQuantity, unitPrice };

    private static object Page(string next, object[]? products = null, object[]? priceLists = null, object? deleted = null) =>
        new { products, priceLists, deleted, nextCursor = next, hasMore = false };

    private async Task<List<(string Org, string Part, decimal MinQuantity, decimal UnitPrice)>> PricesAsync()
    {
        await using var connection = await hub.DataSource.OpenConnectionAsync(Cancel);
        return [.. await connection.QueryAsync<(string, string, decimal, decimal)>(new CommandDefinition("""
            SELECT l.buyer_org, p.supplier_part_id, cp.min_quantity, cp.unit_price
            FROM hub.catalog_prices cp JOIN hub.catalog_products p ON p.id = cp.product_id JOIN hub.catalog_price_lists l ON l.id = cp.price_list_id
            ORDER BY 1, 2, 3
            """, cancellationToken: Cancel))];
    }

    private async Task<long> PriceRowsAsync()
    {
        await using var connection = await hub.DataSource.OpenConnectionAsync(Cancel);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT count(*) FROM hub.catalog_prices", cancellationToken: Cancel));
    }

    private async Task TwoProductsTwoListsAsync()
    {
        hub.Page(null, Page("c1", products: [Product("WR-1"), Product("WR-2")], priceLists:
        [
            new { buyerOrg = "acme", prices = new[] { Price("WR-1", 1m, 9m), Price("WR-1", 10m, 8m), Price("WR-2", 1m, 7m) } },
            new { buyerOrg = "globex", prices = new[] { Price("WR-1", 1m, 9.5m), Price("WR-2", 1m, 7.5m) } },
        ]));
        Assert.Equal("succeeded", (await hub.SyncAsync()).Status);
        Assert.Equal(5L, await PriceRowsAsync());
    }

    [Fact]
    public async Task Sync_DeletesTheProductsPricesInEveryList_WhenTheStoreDeletesTheProduct()
    {
        await TwoProductsTwoListsAsync();
        hub.Page("c1", Page("c2", deleted: new { products = new[] { new { supplierPartId = "WR-1" } } }));

        Assert.Equal("succeeded", (await hub.SyncAsync()).Status);

        Assert.Equal([("acme", "WR-2", 1m, 7m), ("globex", "WR-2", 1m, 7.5m)], await PricesAsync());
        Assert.Equal(2L, await PriceRowsAsync()); // none left behind without their product
    }

    [Fact]
    public async Task Sync_DeletesOnlyThatListsPrices_WhenTheStoreDeletesAPriceList()
    {
        await TwoProductsTwoListsAsync();
        hub.Page("c1", Page("c2", deleted: new { priceLists = new[] { new { buyerOrg = "acme" } } }));

        Assert.Equal("succeeded", (await hub.SyncAsync()).Status);

        Assert.Equal([("globex", "WR-1", 1m, 9.5m), ("globex", "WR-2", 1m, 7.5m)], await PricesAsync());
        Assert.Equal(2L, await PriceRowsAsync());
    }

    [Fact]
    public async Task Sync_SkipsThePriceWithADiagnostic_WhenItNamesAProductTheCatalogDoesNotHave()
    {
        hub.Page(null, Page("c1", products: [Product("WR-1")], priceLists:
            [new { buyerOrg = "acme", prices = new[] { Price("WR-1", 1m, 9m), Price("GHOST-9", 1m, 1m), Price("GHOST-9", 5m, 0.9m) } }]));

        var outcome = await hub.SyncAsync();

        Assert.Equal("succeeded", outcome.Status);
        Assert.Equal([("acme", "WR-1", 1m, 9m)], await PricesAsync());
        await using var connection = await hub.DataSource.OpenConnectionAsync(Cancel);
        var run = await connection.QuerySingleAsync<(int Upserted, int Skipped, string Diagnostics)>(new CommandDefinition(
            "SELECT upserted, skipped, diagnostics::text FROM hub.catalog_sync_runs WHERE id = @id", new { id = outcome.RunId }, cancellationToken: Cancel));
        Assert.Equal(1, run.Skipped); // one diagnostic for the product in that list, not one per break
        Assert.Equal(3, run.Upserted); // the product, the list and its one price
        var diagnostic = JsonDocument.Parse(run.Diagnostics).RootElement.EnumerateArray().Single();
        Assert.Equal(("price", "acme:GHOST-9", "unknown product"),
            (diagnostic.GetProperty("kind").GetString(), diagnostic.GetProperty("key").GetString(), diagnostic.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task Sync_PricesAProductOfAnEarlierPage_WhenALaterPageSendsOnlyItsPrices()
    {
        hub.Page(null, Page("c1", products: [Product("WR-1")]));
        Assert.Equal("succeeded", (await hub.SyncAsync()).Status);
        hub.Page("c1", Page("c2", priceLists: [new { buyerOrg = "acme", prices = new[] { Price("WR-1", 1m, 9m) } }]));

        Assert.Equal("succeeded", (await hub.SyncAsync()).Status);

        Assert.Equal([("acme", "WR-1", 1m, 9m)], await PricesAsync());
    }

    [Fact]
    public async Task Sync_ReplacesTheBreaksOfAProductItUpdates_WhenThePageSendsTheProductAndItsPricesAgain()
    {
        await TwoProductsTwoListsAsync();
        // WR-1 already exists: its upsert is an update, so its old breaks in acme must go (the one at 10 is not sent again).
        hub.Page("c1", Page("c2", products: [Product("WR-1")], priceLists: [new { buyerOrg = "acme", prices = new[] { Price("WR-1", 1m, 8.5m) } }]));

        Assert.Equal("succeeded", (await hub.SyncAsync()).Status);

        Assert.Equal([("acme", "WR-1", 1m, 8.5m), ("acme", "WR-2", 1m, 7m), ("globex", "WR-1", 1m, 9.5m), ("globex", "WR-2", 1m, 7.5m)],
            await PricesAsync());
    }

    [Fact]
    public async Task Prices_AreRefusedAsAForeignKeyViolation_WhenTheyNameAMissingProductOrList()
    {
        await TwoProductsTwoListsAsync();
        await using var connection = await hub.DataSource.OpenConnectionAsync(Cancel);
        var (list, product) = await connection.QuerySingleAsync<(long, long)>(new CommandDefinition(
            "SELECT price_list_id, product_id FROM hub.catalog_prices LIMIT 1", cancellationToken: Cancel));

        var noProduct = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO hub.catalog_prices VALUES (@list, -1, 1, 1), (@list, @product, 99, 1)", new { list, product }, cancellationToken: Cancel)));
        var noList = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO hub.catalog_prices VALUES (-1, @product, 1, 1)", new { product }, cancellationToken: Cancel)));
        var moved = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync(new CommandDefinition(
            "UPDATE hub.catalog_prices SET product_id = -1 WHERE product_id = @product", new { product }, cancellationToken: Cancel)));

        Assert.All(new[] { noProduct, noList, moved }, e => Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, e.SqlState));
        Assert.Equal(5L, await PriceRowsAsync());
    }

    [Fact]
    public async Task Prices_GoWithTheirTables_WhenProductsOrListsAreTruncated()
    {
        await TwoProductsTwoListsAsync();
        await using var connection = await hub.DataSource.OpenConnectionAsync(Cancel);

        await connection.ExecuteAsync(new CommandDefinition("TRUNCATE hub.catalog_price_lists", cancellationToken: Cancel));

        Assert.Equal(0L, await PriceRowsAsync());
    }

    [Fact]
    public async Task ProductDelete_WaitsForTheWriterOfItsPrices_UntilThatWriterCommits()
    {
        hub.Page(null, Page("c1", products: [Product("WR-1")], priceLists: [new { buyerOrg = "acme", prices = new[] { Price("WR-1", 1m, 9m) } }]));
        Assert.Equal("succeeded", (await hub.SyncAsync()).Status);
        await using var writer = await hub.DataSource.OpenConnectionAsync(Cancel);
        await using var deleter = await hub.DataSource.OpenConnectionAsync(Cancel);
        await using var transaction = await writer.BeginTransactionAsync(Cancel);
        await writer.ExecuteAsync(new CommandDefinition("""
            INSERT INTO hub.catalog_prices SELECT price_list_id, product_id, 50, 8 FROM hub.catalog_prices
            """, transaction: transaction, cancellationToken: Cancel));

        // The writer holds a key-share lock on WR-1 until it commits, as the foreign key's check did: the delete cannot take it.
        await deleter.ExecuteAsync(new CommandDefinition("SET lock_timeout = '200ms'", cancellationToken: Cancel));
        var blocked = await Assert.ThrowsAsync<PostgresException>(() => deleter.ExecuteAsync(new CommandDefinition(
            "DELETE FROM hub.catalog_products WHERE supplier_part_id = 'WR-1'", cancellationToken: Cancel)));
        await transaction.CommitAsync(Cancel);
        await deleter.ExecuteAsync(new CommandDefinition("DELETE FROM hub.catalog_products WHERE supplier_part_id = 'WR-1'", cancellationToken: Cancel));

        Assert.Equal(PostgresErrorCodes.LockNotAvailable, blocked.SqlState);
        Assert.Equal(0L, await PriceRowsAsync()); // both breaks, the committed one too, went with the product
    }
}
