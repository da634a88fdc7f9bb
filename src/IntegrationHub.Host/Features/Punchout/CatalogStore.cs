using Dapper;
using Npgsql;

namespace IntegrationHub.Features.Punchout;

/// <summary>Reads the hosted catalog: full-text search, categories, products with the buyer's own prices and quantity breaks.</summary>
internal sealed class CatalogStore(NpgsqlDataSource dataSource)
{
    public const int PageSize = 50;

    // The best price for the buyer (@Org, @Contract) at quantity @Quantity (a cart replaces it by the line's quantity): the contract's list before the organisation's general list, the highest
    // break not above the quantity, and the product's list price when no list has one.
    internal const string BuyerPrice = """
        coalesce((SELECT cp.unit_price FROM hub.catalog_prices cp JOIN hub.catalog_price_lists pl ON pl.id = cp.price_list_id
                  WHERE cp.product_id = p.id AND pl.buyer_org = @Org AND (pl.contract_id IS NULL OR pl.contract_id = @Contract)
                    AND cp.min_quantity <= @Quantity
                  ORDER BY pl.contract_id IS NULL, cp.min_quantity DESC LIMIT 1), p.unit_price)
        """;

    internal static readonly string ProductColumns = $"""
        p.id AS Id, p.supplier_part_id AS SupplierPartId, p.supplier_part_auxiliary_id AS SupplierPartAuxiliaryId, p.description AS Description,
        p.long_text AS LongText, p.uom AS Uom, p.unit_price AS ListPrice, p.currency::text AS Currency, p.manufacturer_name AS ManufacturerName,
        p.manufacturer_part_id AS ManufacturerPartId, p.unspsc AS Unspsc, p.lead_time_days AS LeadTimeDays, p.category_id AS CategoryId,
        a.on_hand AS OnHand, {BuyerPrice} AS BuyerPrice
        """;

    private const string From = "FROM hub.catalog_products p LEFT JOIN hub.catalog_availability a ON a.product_id = p.id";

    /// <summary>Products matching the words of <paramref name="query"/> (web-search syntax: words, "phrases", -not), best first.</summary>
    public async Task<IReadOnlyList<CatalogProduct>> SearchAsync(string query, Buyer buyer, decimal quantity, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // The page of hits is chosen first, so prices and availability are looked up for its rows only: joined to every hit,
        // the planner hashes the whole availability table (a sequential scan that grows with the catalog).
        var found = await connection.QueryAsync<CatalogProduct>(new CommandDefinition($"""
            WITH q AS (SELECT websearch_to_tsquery('english', @Query) || websearch_to_tsquery('simple', @Query) AS query),
            hits AS (SELECT p.id, ts_rank(p.search, q.query) AS rank FROM hub.catalog_products p, q
                     WHERE p.search @@ q.query ORDER BY rank DESC, p.supplier_part_id LIMIT {PageSize})
            SELECT {ProductColumns} {From} JOIN hits ON hits.id = p.id
            ORDER BY hits.rank DESC, p.supplier_part_id
            """, new { Query = query, buyer.Org, buyer.Contract, Quantity = quantity }, cancellationToken: cancellationToken));
        return [.. found];
    }

    /// <summary>
    /// The products of a category (and its sub-categories), or of the whole catalog when <paramref name="categoryId"/> is null, by
    /// description; prices and availability are looked up for the page's rows only.
    /// </summary>
    public async Task<IReadOnlyList<CatalogProduct>> BrowseAsync(string? categoryId, Buyer buyer, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var found = await connection.QueryAsync<CatalogProduct>(new CommandDefinition($"""
            WITH RECURSIVE tree AS (
                SELECT id FROM hub.catalog_categories WHERE id = @Category
                UNION ALL SELECT c.id FROM hub.catalog_categories c JOIN tree ON c.parent_id = tree.id)
            , page AS (SELECT p.id FROM hub.catalog_products p WHERE @Category IS NULL OR p.category_id IN (SELECT id FROM tree)
                       ORDER BY p.description, p.id LIMIT {PageSize})
            SELECT {ProductColumns} {From} JOIN page ON page.id = p.id
            ORDER BY p.description, p.id
            """, new { Category = categoryId, buyer.Org, buyer.Contract, Quantity = 1m }, cancellationToken: cancellationToken));
        return [.. found];
    }

    /// <summary>Every category with the number of products directly in it.</summary>
    public async Task<IReadOnlyList<CatalogCategory>> CategoriesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var found = await connection.QueryAsync<CatalogCategory>(new CommandDefinition("""
            SELECT c.id AS Id, c.parent_id AS ParentId, c.name AS Name, (SELECT count(*)::int FROM hub.catalog_products p WHERE p.category_id = c.id) AS Products
            FROM hub.catalog_categories c ORDER BY c.position, c.name
            """, cancellationToken: cancellationToken));
        return [.. found];
    }

    /// <summary>One product by its row id, priced for the buyer at <paramref name="quantity"/>.</summary>
    public Task<CatalogProduct?> ProductAsync(long id, Buyer buyer, decimal quantity, CancellationToken cancellationToken) =>
        OneAsync("p.id = @Id", new { Id = id, buyer.Org, buyer.Contract, Quantity = quantity }, cancellationToken);

    /// <summary>One product by its OCI key (<see cref="CatalogProduct.Key"/>).</summary>
    public Task<CatalogProduct?> ProductByKeyAsync(string key, Buyer buyer, decimal quantity, CancellationToken cancellationToken)
    {
        var bar = key.IndexOf('|', StringComparison.Ordinal);
        var (part, auxiliary) = bar < 0 ? (key, "") : (key[..bar], key[(bar + 1)..]);
        return OneAsync("p.supplier_part_id = @Part AND p.supplier_part_auxiliary_id = @Auxiliary",
            new { Part = part, Auxiliary = auxiliary, buyer.Org, buyer.Contract, Quantity = quantity }, cancellationToken);
    }

    /// <summary>The quantity breaks of the price list that applies to the buyer (the contract's when it has any for the product).</summary>
    public async Task<IReadOnlyList<PriceBreak>> PriceBreaksAsync(long productId, Buyer buyer, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var found = await connection.QueryAsync<PriceBreak>(new CommandDefinition("""
            WITH list AS (
                SELECT pl.id FROM hub.catalog_price_lists pl
                WHERE pl.buyer_org = @Org AND (pl.contract_id IS NULL OR pl.contract_id = @Contract)
                  AND EXISTS (SELECT 1 FROM hub.catalog_prices cp WHERE cp.price_list_id = pl.id AND cp.product_id = @Product)
                ORDER BY pl.contract_id IS NULL LIMIT 1)
            SELECT cp.min_quantity AS MinQuantity, cp.unit_price AS UnitPrice
            FROM hub.catalog_prices cp JOIN list ON list.id = cp.price_list_id
            WHERE cp.product_id = @Product ORDER BY cp.min_quantity
            """, new { Product = productId, buyer.Org, buyer.Contract }, cancellationToken: cancellationToken));
        return [.. found];
    }

    private async Task<CatalogProduct?> OneAsync(string where, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<CatalogProduct>(new CommandDefinition(
            $"SELECT {ProductColumns} {From} WHERE {where}", parameters, cancellationToken: cancellationToken));
    }
}
