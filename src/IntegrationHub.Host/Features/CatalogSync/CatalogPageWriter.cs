using System.Text.RegularExpressions;
using IntegrationHub.Jobs;
using IntegrationHub.Stores;
using Npgsql;

namespace IntegrationHub.Features.CatalogSync;

/// <summary>What a page did to the catalog tables.</summary>
internal sealed record PageCounts(int Upserted, int Deleted, IReadOnlyList<SyncDiagnostic> Skipped);

/// <summary>
/// Writes one page of the catalog store's changes into the punchout catalog tables inside the caller's transaction:
/// categories, products, availability and price lists are upserted, deletions applied; records that break the contract
/// are skipped with a diagnostic. Each table gets one statement per page, its rows passed as arrays (<c>unnest</c>): the
/// categories, the products (returning their ids), the price lists (returning theirs), the ids of products of earlier
/// pages that prices name, then availability and prices together, then the deletions. Prices carry the product ids, so
/// a price for a product the catalog does not have is skipped with a diagnostic, and the breaks of a product inserted by
/// this page are not deleted first (it cannot have any). The references of <c>catalog_prices</c> are checked per
/// statement (migration 0014). A record repeated within a page counts once and the last one wins, as it did when every
/// record had its own upsert; a row the database refuses (a category whose parent is unknown) fails the whole page,
/// which the caller rolls back.
/// </summary>
internal static partial class CatalogPageWriter
{
    public static async Task<PageCounts> WriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CatalogStorePage page, CancellationToken cancellationToken)
    {
        var skipped = new List<SyncDiagnostic>();
        var upserts = new PageBatch(connection, transaction);

        var categories = LastWins(Valid(page.Categories, skipped, "category", c => c.Id, c => string.IsNullOrWhiteSpace(c.Id) ? "no id"
            : string.IsNullOrWhiteSpace(c.Name) ? "no name" : null), c => c.Id!);
        // Parents first would need a topological sort; instead the rows go in without parents, then get them.
        if (categories.Count > 0)
        {
            upserts.Add(counted: true, """
                INSERT INTO hub.catalog_categories (id, name, position)
                SELECT * FROM unnest($1::text[], $2::text[], $3::integer[])
                ON CONFLICT (id) DO UPDATE SET name = excluded.name, position = excluded.position
                """, categories.Select(c => c.Id!).ToArray(), categories.Select(c => c.Name!).ToArray(), categories.Select(c => c.Position).ToArray());
            upserts.Add(counted: false, """
                UPDATE hub.catalog_categories c SET parent_id = x.parent_id FROM unnest($1::text[], $2::text[]) AS x(id, parent_id) WHERE c.id = x.id
                """, categories.Select(c => c.Id!).ToArray(), categories.Select(c => c.ParentId).ToArray());
        }

        var products = LastWins(Valid(page.Products, skipped, "product", p => Key(p.SupplierPartId, p.SupplierPartAuxiliaryId), ProductProblem),
            p => (p.SupplierPartId!, p.SupplierPartAuxiliaryId ?? ""));
        var upserted = await upserts.RunAsync(cancellationToken);

        // The page's products with their ids; those inserted now (xmax = 0: not an update) cannot have prices yet.
        var productIds = new Dictionary<(string Part, string Auxiliary), long>();
        var inserted = new HashSet<long>();
        if (products.Count > 0)
            upserted += await ReadAsync(connection, transaction, """
                INSERT INTO hub.catalog_products (supplier_part_id, supplier_part_auxiliary_id, description, long_text, uom, unit_price, currency,
                    manufacturer_name, manufacturer_part_id, unspsc, lead_time_days, category_id)
                SELECT x.part, x.auxiliary, x.description, x.long_text, x.uom, x.unit_price, x.currency, x.manufacturer_name, x.manufacturer_part_id,
                    x.unspsc, x.lead_time_days, (SELECT c.id FROM hub.catalog_categories c WHERE c.id = x.category_id)
                FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::numeric[], $7::text[], $8::text[], $9::text[], $10::text[],
                    $11::integer[], $12::text[])
                    AS x(part, auxiliary, description, long_text, uom, unit_price, currency, manufacturer_name, manufacturer_part_id, unspsc,
                    lead_time_days, category_id)
                ON CONFLICT (supplier_part_id, supplier_part_auxiliary_id) DO UPDATE SET description = excluded.description,
                    long_text = excluded.long_text, uom = excluded.uom, unit_price = excluded.unit_price, currency = excluded.currency,
                    manufacturer_name = excluded.manufacturer_name, manufacturer_part_id = excluded.manufacturer_part_id, unspsc = excluded.unspsc,
                    lead_time_days = excluded.lead_time_days, category_id = excluded.category_id
                RETURNING id, supplier_part_id, supplier_part_auxiliary_id, xmax = 0
                """, row =>
                {
                    productIds[(row.GetString(1), row.GetString(2))] = row.GetInt64(0);
                    if (row.GetBoolean(3)) inserted.Add(row.GetInt64(0));
                }, cancellationToken, products.Select(p => p.SupplierPartId!).ToArray(), products.Select(p => p.SupplierPartAuxiliaryId ?? "").ToArray(),
                products.Select(p => p.Description!).ToArray(), products.Select(p => p.LongText).ToArray(), products.Select(p => p.Uom!).ToArray(),
                products.Select(p => p.UnitPrice!.Value).ToArray(), products.Select(p => p.Currency!).ToArray(),
                products.Select(p => p.ManufacturerName).ToArray(), products.Select(p => p.ManufacturerPartId).ToArray(),
                products.Select(p => p.Unspsc).ToArray(), products.Select(p => p.LeadTimeDays).ToArray(), products.Select(p => p.CategoryId).ToArray());

        var replacements = PriceReplacements(page.PriceLists, skipped, out var listCount);
        upserted += listCount;
        var listIds = await UpsertPriceListsAsync(connection, transaction, replacements, cancellationToken);
        // Prices may name products of earlier pages: those are looked up; a product the catalog does not have is skipped.
        var elsewhere = replacements.Values.SelectMany(list => list.Keys).Where(part => !productIds.ContainsKey(part)).Distinct().ToList();
        if (elsewhere.Count > 0)
            await ReadAsync(connection, transaction, """
                SELECT p.id, p.supplier_part_id, p.supplier_part_auxiliary_id
                FROM unnest($1::text[], $2::text[]) AS x(part, auxiliary), hub.catalog_products p
                WHERE p.supplier_part_id = x.part AND p.supplier_part_auxiliary_id = x.auxiliary
                """, row => productIds[(row.GetString(1), row.GetString(2))] = row.GetInt64(0), cancellationToken,
                elsewhere.Select(p => p.Part).ToArray(), elsewhere.Select(p => p.Auxiliary).ToArray());

        var stock = LastWins(Valid(page.Availability, skipped, "availability", a => Key(a.SupplierPartId, a.SupplierPartAuxiliaryId),
            a => string.IsNullOrWhiteSpace(a.SupplierPartId) ? "no supplier part id" : a.OnHand < 0 ? "negative quantity on hand" : null),
            a => (a.SupplierPartId!, a.SupplierPartAuxiliaryId ?? ""));
        var changes = new PageBatch(connection, transaction);
        if (stock.Count > 0)
            changes.Add(counted: true, """
                INSERT INTO hub.catalog_availability (product_id, on_hand, updated_at)
                SELECT p.id, x.on_hand, now() FROM unnest($1::text[], $2::text[], $3::numeric[]) AS x(part, auxiliary, on_hand), hub.catalog_products p
                WHERE p.supplier_part_id = x.part AND p.supplier_part_auxiliary_id = x.auxiliary
                ON CONFLICT (product_id) DO UPDATE SET on_hand = excluded.on_hand, updated_at = excluded.updated_at
                """, stock.Select(a => a.SupplierPartId!).ToArray(), stock.Select(a => a.SupplierPartAuxiliaryId ?? "").ToArray(),
                stock.Select(a => a.OnHand).ToArray());

        var replaced = new List<(long List, long Product)>();
        var prices = new List<(long List, long Product, decimal MinQuantity, decimal UnitPrice)>();
        foreach (var (listKey, list) in replacements)
            foreach (var (part, breaks) in list)
            {
                if (!productIds.TryGetValue(part, out var productId))
                {
                    skipped.Add(new SyncDiagnostic("price", Key(listKey.BuyerOrg, listKey.ContractId) + ":" + Key(part.Part, part.Auxiliary), "unknown product"));
                    continue;
                }
                // A list's prices for a product are replaced whole: its breaks that the page no longer sends go.
                if (!inserted.Contains(productId)) replaced.Add((listIds[listKey], productId));
                prices.AddRange(breaks.Values.Select(b => (listIds[listKey], productId, b.MinQuantity, b.UnitPrice)));
            }
        if (replaced.Count > 0)
            changes.Add(counted: false, """
                DELETE FROM hub.catalog_prices cp USING unnest($1::bigint[], $2::bigint[]) AS x(list_id, product_id)
                WHERE cp.price_list_id = x.list_id AND cp.product_id = x.product_id
                """, replaced.Select(r => r.List).ToArray(), replaced.Select(r => r.Product).ToArray());
        // No ON CONFLICT: the breaks were deleted just before (or the product is new), and the sync lock keeps other writers out.
        if (prices.Count > 0)
            changes.Add(counted: true, """
                INSERT INTO hub.catalog_prices (price_list_id, product_id, min_quantity, unit_price)
                SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::numeric[], $4::numeric[])
                """, prices.Select(p => p.List).ToArray(), prices.Select(p => p.Product).ToArray(), prices.Select(p => p.MinQuantity).ToArray(),
                prices.Select(p => p.UnitPrice).ToArray());
        upserted += await changes.RunAsync(cancellationToken);

        var deletions = page.Deleted ?? new CatalogStoreDeletions();
        var removals = new PageBatch(connection, transaction);
        if (deletions.PriceLists is { Count: > 0 } lists)
            removals.Add(counted: true, """
                DELETE FROM hub.catalog_price_lists l USING unnest($1::text[], $2::text[]) AS x(buyer_org, contract_id)
                WHERE l.buyer_org = x.buyer_org AND l.contract_id IS NOT DISTINCT FROM x.contract_id
                """, lists.Select(l => l.BuyerOrg).ToArray(), lists.Select(l => l.ContractId).ToArray());
        if (deletions.Products is { Count: > 0 } gone)
            removals.Add(counted: true, """
                DELETE FROM hub.catalog_products p USING unnest($1::text[], $2::text[]) AS x(part, auxiliary)
                WHERE p.supplier_part_id = x.part AND p.supplier_part_auxiliary_id = x.auxiliary
                  AND NOT EXISTS (SELECT 1 FROM hub.punchout_cart_lines l WHERE l.product_id = p.id)
                """, gone.Select(p => p.SupplierPartId).ToArray(), gone.Select(p => p.SupplierPartAuxiliaryId ?? "").ToArray());
        if (deletions.Categories is { Count: > 0 } categoryIds)
        {
            var ids = categoryIds.ToArray();
            removals.Add(counted: false, "UPDATE hub.catalog_products SET category_id = NULL WHERE category_id = ANY($1)", ids);
            removals.Add(counted: false, "UPDATE hub.catalog_categories SET parent_id = NULL WHERE parent_id = ANY($1)", ids);
            removals.Add(counted: true, "DELETE FROM hub.catalog_categories WHERE id = ANY($1)", ids);
        }
        var deleted = await removals.RunAsync(cancellationToken);
        return new PageCounts(upserted, deleted, skipped);
    }

    /// <summary>
    /// The page's price lists by key, each with the breaks per product that replace the list's breaks for that product: a
    /// product's breaks come from the last list record (of the same key) that names it, and of two breaks with one minimum
    /// quantity the later wins. <paramref name="listCount"/>: the valid list records, each counted as upserted.
    /// </summary>
    private static Dictionary<(string BuyerOrg, string? ContractId), PriceListReplacement> PriceReplacements(IReadOnlyList<CatalogStorePriceList>? lists,
        List<SyncDiagnostic> skipped, out int listCount)
    {
        var replacements = new Dictionary<(string, string?), PriceListReplacement>();
        listCount = 0;
        foreach (var list in Valid(lists, skipped, "price list", l => Key(l.BuyerOrg, l.ContractId),
                     l => string.IsNullOrWhiteSpace(l.BuyerOrg) ? "no buyer organisation" : null))
        {
            listCount++;
            var key = (list.BuyerOrg!, list.ContractId);
            if (!replacements.TryGetValue(key, out var replacement)) replacements[key] = replacement = new PriceListReplacement();
            replacement.Name = list.Name ?? list.BuyerOrg!;
            var prices = Valid(list.Prices, skipped, "price", p => Key(list.BuyerOrg, list.ContractId) + ":" + Key(p.SupplierPartId, p.SupplierPartAuxiliaryId),
                p => string.IsNullOrWhiteSpace(p.SupplierPartId) ? "no supplier part id" : p.UnitPrice < 0 ? "negative price"
                    : p.MinQuantity <= 0 ? "minimum quantity not above zero" : null);
            var named = new HashSet<(string, string)>();
            foreach (var price in prices)
            {
                var part = (price.SupplierPartId!, price.SupplierPartAuxiliaryId ?? "");
                if (named.Add(part)) replacement[part] = [];
                replacement[part][price.MinQuantity] = price;
            }
        }
        return replacements;
    }

    private static async Task<Dictionary<(string BuyerOrg, string? ContractId), long>> UpsertPriceListsAsync(NpgsqlConnection connection,
        NpgsqlTransaction transaction, Dictionary<(string BuyerOrg, string? ContractId), PriceListReplacement> lists, CancellationToken cancellationToken)
    {
        var ids = new Dictionary<(string, string?), long>();
        if (lists.Count == 0) return ids;
        await ReadAsync(connection, transaction, """
            INSERT INTO hub.catalog_price_lists (buyer_org, contract_id, name)
            SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
            ON CONFLICT (buyer_org, contract_id) DO UPDATE SET name = excluded.name
            RETURNING id, buyer_org, contract_id
            """, row => ids[(row.GetString(1), row.IsDBNull(2) ? null : row.GetString(2))] = row.GetInt64(0), cancellationToken,
            lists.Keys.Select(k => k.BuyerOrg).ToArray(), lists.Keys.Select(k => k.ContractId).ToArray(), lists.Values.Select(l => l.Name).ToArray());
        return ids;
    }

    /// <summary>Runs one statement with its arrays as parameters, calls <paramref name="row"/> per row; returns the row count.</summary>
    private static async Task<int> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, Action<NpgsqlDataReader> row,
        CancellationToken cancellationToken, params object?[] arrays)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var array in arrays) command.Parameters.Add(new NpgsqlParameter { Value = array });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            row(reader);
            rows++;
        }
        return rows;
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

    /// <summary>The records with one per key: the last one, in the place of the first.</summary>
    private static List<T> LastWins<T, TKey>(List<T> records, Func<T, TKey> key) where TKey : notnull
    {
        var byKey = new Dictionary<TKey, T>();
        foreach (var record in records) byKey[key(record)] = record;
        return byKey.Count == records.Count ? records : [.. byKey.Values];
    }

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

    /// <summary>One price list's new breaks: per product (part and auxiliary id), by minimum quantity.</summary>
    private sealed class PriceListReplacement : Dictionary<(string Part, string Auxiliary), Dictionary<decimal, CatalogStorePrice>>
    {
        public string Name { get; set; } = "";
    }

    /// <summary>Statements sent together in one round trip; <see cref="RunAsync"/> sums the rows of those counted.</summary>
    private sealed class PageBatch(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        private readonly List<(NpgsqlBatchCommand Command, bool Counted)> _commands = [];

        public void Add(bool counted, string sql, params object?[] arrays)
        {
            var command = new NpgsqlBatchCommand(sql);
            foreach (var array in arrays) command.Parameters.Add(new NpgsqlParameter { Value = array });
            _commands.Add((command, counted));
        }

        public async Task<int> RunAsync(CancellationToken cancellationToken)
        {
            if (_commands.Count == 0) return 0;
            await using var batch = new NpgsqlBatch(connection, transaction);
            foreach (var (command, _) in _commands) batch.BatchCommands.Add(command);
            await batch.ExecuteNonQueryAsync(cancellationToken);
            return _commands.Where(c => c.Counted).Sum(c => c.Command.RecordsAffected);
        }
    }
}
