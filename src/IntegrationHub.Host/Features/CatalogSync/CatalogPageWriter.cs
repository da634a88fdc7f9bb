using System.Text.RegularExpressions;
using Dapper;
using IntegrationHub.Jobs;
using IntegrationHub.Stores;
using Npgsql;

namespace IntegrationHub.Features.CatalogSync;

/// <summary>What a page did to the catalog tables.</summary>
internal sealed record PageCounts(int Upserted, int Deleted, IReadOnlyList<SyncDiagnostic> Skipped);

/// <summary>
/// Writes one page of the catalog store's changes into the punchout catalog tables inside the caller's transaction:
/// categories, products, availability and price lists are upserted, deletions applied; records that break the contract
/// are skipped with a diagnostic.
/// </summary>
internal static partial class CatalogPageWriter
{
    public static async Task<PageCounts> WriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CatalogStorePage page, CancellationToken cancellationToken)
    {
        var skipped = new List<SyncDiagnostic>();
        var upserted = 0;
        var deleted = 0;
        Task<int> Run(string sql, object parameters) =>
            connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken));

        var categories = Valid(page.Categories, skipped, "category", c => c.Id, c => string.IsNullOrWhiteSpace(c.Id) ? "no id"
            : string.IsNullOrWhiteSpace(c.Name) ? "no name" : null);
        // Parents first would need a topological sort; instead the rows go in without parents, then get them.
        if (categories.Count > 0)
        {
            upserted += await Run("""
                INSERT INTO hub.catalog_categories (id, name, position) VALUES (@Id, @Name, @Position)
                ON CONFLICT (id) DO UPDATE SET name = excluded.name, position = excluded.position
                """, categories);
            await Run("UPDATE hub.catalog_categories SET parent_id = @ParentId WHERE id = @Id", categories);
        }

        var products = Valid(page.Products, skipped, "product", p => Key(p.SupplierPartId, p.SupplierPartAuxiliaryId), ProductProblem);
        if (products.Count > 0)
            upserted += await Run("""
                INSERT INTO hub.catalog_products (supplier_part_id, supplier_part_auxiliary_id, description, long_text, uom, unit_price, currency,
                    manufacturer_name, manufacturer_part_id, unspsc, lead_time_days, category_id)
                VALUES (@SupplierPartId, coalesce(@SupplierPartAuxiliaryId, ''), @Description, @LongText, @Uom, @UnitPrice, @Currency,
                    @ManufacturerName, @ManufacturerPartId, @Unspsc, @LeadTimeDays,
                    (SELECT c.id FROM hub.catalog_categories c WHERE c.id = @CategoryId))
                ON CONFLICT (supplier_part_id, supplier_part_auxiliary_id) DO UPDATE SET description = excluded.description,
                    long_text = excluded.long_text, uom = excluded.uom, unit_price = excluded.unit_price, currency = excluded.currency,
                    manufacturer_name = excluded.manufacturer_name, manufacturer_part_id = excluded.manufacturer_part_id, unspsc = excluded.unspsc,
                    lead_time_days = excluded.lead_time_days, category_id = excluded.category_id
                """, products);

        var stock = Valid(page.Availability, skipped, "availability", a => Key(a.SupplierPartId, a.SupplierPartAuxiliaryId),
            a => string.IsNullOrWhiteSpace(a.SupplierPartId) ? "no supplier part id" : a.OnHand < 0 ? "negative quantity on hand" : null);
        if (stock.Count > 0)
            upserted += await Run("""
                INSERT INTO hub.catalog_availability (product_id, on_hand, updated_at)
                SELECT p.id, @OnHand, now() FROM hub.catalog_products p
                WHERE p.supplier_part_id = @SupplierPartId AND p.supplier_part_auxiliary_id = coalesce(@SupplierPartAuxiliaryId, '')
                ON CONFLICT (product_id) DO UPDATE SET on_hand = excluded.on_hand, updated_at = excluded.updated_at
                """, stock);

        foreach (var list in Valid(page.PriceLists, skipped, "price list", l => Key(l.BuyerOrg, l.ContractId),
                     l => string.IsNullOrWhiteSpace(l.BuyerOrg) ? "no buyer organisation" : null))
        {
            var listId = await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
                INSERT INTO hub.catalog_price_lists (buyer_org, contract_id, name) VALUES (@BuyerOrg, @ContractId, coalesce(@Name, @BuyerOrg))
                ON CONFLICT (buyer_org, contract_id) DO UPDATE SET name = excluded.name
                RETURNING id
                """, list, transaction, cancellationToken: cancellationToken));
            upserted++;
            var prices = Valid(list.Prices, skipped, "price", p => Key(list.BuyerOrg, list.ContractId) + ":" + Key(p.SupplierPartId, p.SupplierPartAuxiliaryId),
                p => string.IsNullOrWhiteSpace(p.SupplierPartId) ? "no supplier part id" : p.UnitPrice < 0 ? "negative price"
                    : p.MinQuantity <= 0 ? "minimum quantity not above zero" : null);
            var parts = prices.Select(p => new { p.SupplierPartId, Auxiliary = p.SupplierPartAuxiliaryId ?? "" }).Distinct().ToList();
            await Run("""
                DELETE FROM hub.catalog_prices cp USING hub.catalog_products p
                WHERE cp.price_list_id = @ListId AND cp.product_id = p.id AND p.supplier_part_id = @SupplierPartId AND p.supplier_part_auxiliary_id = @Auxiliary
                """, parts.Select(p => new { ListId = listId, p.SupplierPartId, p.Auxiliary }));
            upserted += await Run("""
                INSERT INTO hub.catalog_prices (price_list_id, product_id, min_quantity, unit_price)
                SELECT @ListId, p.id, @MinQuantity, @UnitPrice FROM hub.catalog_products p
                WHERE p.supplier_part_id = @SupplierPartId AND p.supplier_part_auxiliary_id = coalesce(@SupplierPartAuxiliaryId, '')
                ON CONFLICT (price_list_id, product_id, min_quantity) DO UPDATE SET unit_price = excluded.unit_price
                """, prices.Select(p => new { ListId = listId, p.SupplierPartId, p.SupplierPartAuxiliaryId, p.MinQuantity, p.UnitPrice }));
        }

        var deletions = page.Deleted ?? new CatalogStoreDeletions();
        if (deletions.PriceLists is { Count: > 0 } lists)
            deleted += await Run("DELETE FROM hub.catalog_price_lists WHERE buyer_org = @BuyerOrg AND contract_id IS NOT DISTINCT FROM @ContractId", lists);
        if (deletions.Products is { Count: > 0 } gone)
            deleted += await Run("""
                DELETE FROM hub.catalog_products p WHERE p.supplier_part_id = @SupplierPartId AND p.supplier_part_auxiliary_id = coalesce(@SupplierPartAuxiliaryId, '')
                  AND NOT EXISTS (SELECT 1 FROM hub.punchout_cart_lines l WHERE l.product_id = p.id)
                """, gone);
        if (deletions.Categories is { Count: > 0 } categoryIds)
        {
            var ids = categoryIds.ToArray();
            await Run("UPDATE hub.catalog_products SET category_id = NULL WHERE category_id = ANY(@Ids)", new { Ids = ids });
            await Run("UPDATE hub.catalog_categories SET parent_id = NULL WHERE parent_id = ANY(@Ids)", new { Ids = ids });
            deleted += await Run("DELETE FROM hub.catalog_categories WHERE id = ANY(@Ids)", new { Ids = ids });
        }
        return new PageCounts(upserted, deleted, skipped);
    }

    private static string? ProductProblem(CatalogStoreProduct p) =>
        string.IsNullOrWhiteSpace(p.SupplierPartId) ? "no supplier part id"
        : string.IsNullOrWhiteSpace(p.Description) ? "no description"
        : p.UnitPrice is null ? "no unit price"
        : p.UnitPrice < 0 ? "negative price"
        : p.Uom is null || !UomPattern().IsMatch(p.Uom) ? "unit of measure is not a UN/CEFACT code"
        : p.Currency is null || !CurrencyPattern().IsMatch(p.Currency) ? "currency is not an ISO 4217 code"
        : p.Unspsc is not null && !UnspscPattern().IsMatch(p.Unspsc) ? "UNSPSC is not eight digits"
        : p.LeadTimeDays < 0 ? "negative lead time"
        : null;

    private static List<T> Valid<T>(IReadOnlyList<T>? records, List<SyncDiagnostic> skipped, string kind, Func<T, string?> key, Func<T, string?> problem)
    {
        var valid = new List<T>();
        foreach (var record in records ?? [])
        {
            if (record is null)
            {
                skipped.Add(new SyncDiagnostic(kind, null, "null record"));
                continue;
            }
            if (problem(record) is { } reason) skipped.Add(new SyncDiagnostic(kind, key(record), reason));
            else valid.Add(record);
        }
        return valid;
    }

    private static string? Key(string? first, string? second) => string.IsNullOrEmpty(second) ? first : $"{first}|{second}";

    [GeneratedRegex("^[A-Z0-9]{1,3}$")]
    private static partial Regex UomPattern();

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyPattern();

    [GeneratedRegex("^[0-9]{8}$")]
    private static partial Regex UnspscPattern();
}
