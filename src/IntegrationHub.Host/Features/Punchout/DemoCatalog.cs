using Dapper;
using Npgsql;

namespace IntegrationHub.Features.Punchout;

/// <summary>
/// A small office-supplies catalog with prices for the demo partner (mappings/partners/demo-buyer), so a newcomer can punch
/// out at once. Every row is inserted only when missing: a second run changes nothing, and rows an engineer edited stay.
/// </summary>
internal static class DemoCatalog
{
    /// <summary>The buyer organisation whose price list the demo carries: the demo partner.</summary>
    public const string DemoBuyer = "demo-buyer";

    /// <summary>Inserts what is missing; returns the number of rows inserted (0 when the demo is already there).</summary>
    public static async Task<int> SeedAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var inserted = 0;
        foreach (var statement in Statements)
            inserted += await connection.ExecuteAsync(new CommandDefinition(statement, transaction: transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return inserted;
    }

    private static readonly string[] Statements =
    [
        """
        INSERT INTO hub.catalog_categories (id, parent_id, name, position) VALUES
            ('office', NULL, 'Office supplies', 1),
            ('office-writing', 'office', 'Pens and markers', 1),
            ('office-paper', 'office', 'Paper', 2),
            ('safety', NULL, 'Safety equipment', 2)
        ON CONFLICT (id) DO NOTHING
        """,
        """
        INSERT INTO hub.catalog_products (supplier_part_id, supplier_part_auxiliary_id, description, long_text, uom, unit_price, currency,
            manufacturer_name, manufacturer_part_id, unspsc, lead_time_days, category_id) VALUES
            ('PEN-100-BL', '', 'Ballpoint pen, blue, medium tip', 'Retractable ballpoint pen with a rubber grip; blue ink, 1.0 mm tip.', 'EA', 1.20, 'EUR', 'Scriptura', 'SC-BP10-B', '44121704', 2, 'office-writing'),
            ('PEN-100-BK', '', 'Ballpoint pen, black, medium tip', 'Retractable ballpoint pen with a rubber grip; black ink, 1.0 mm tip.', 'EA', 1.20, 'EUR', 'Scriptura', 'SC-BP10-K', '44121704', 2, 'office-writing'),
            ('MRK-200-SET', '', 'Whiteboard marker set, 4 colours', 'Dry-erase markers, chisel tip: black, blue, red, green.', 'ST', 6.90, 'EUR', 'Scriptura', 'SC-WB4', '44121708', 3, 'office-writing'),
            ('PAP-A4-80', '', 'Copy paper A4, 80 g/m², ream of 500', 'Bright white multifunction paper for laser and inkjet printers.', 'RM', 4.50, 'EUR', 'Papyrex', 'PX-A480', '14111507', 1, 'office-paper'),
            ('PAP-A4-80', 'BOX5', 'Copy paper A4, 80 g/m², box of 5 reams', 'Five reams of bright white multifunction paper.', 'BX', 21.00, 'EUR', 'Papyrex', 'PX-A480-5', '14111507', 1, 'office-paper'),
            ('NTB-A5-DOT', '', 'Notebook A5, dotted, hardcover', '192 numbered pages, 100 g/m² paper, elastic closure.', 'EA', 8.40, 'EUR', 'Papyrex', 'PX-NB5D', '14111514', 5, 'office-paper'),
            ('GLV-NIT-M', '', 'Nitrile gloves, size M, box of 100', 'Powder-free disposable nitrile gloves, blue, EN 374.', 'BX', 9.80, 'EUR', 'SafeHand', 'SH-N100M', '46181504', 4, 'safety'),
            ('GGL-CLR', '', 'Safety goggles, clear, anti-fog', 'Indirect-vent goggles that fit over glasses, EN 166.', 'EA', 12.50, 'EUR', 'SafeHand', 'SH-GG1', '46181804', 7, 'safety')
        ON CONFLICT (supplier_part_id, supplier_part_auxiliary_id) DO NOTHING
        """,
        """
        INSERT INTO hub.catalog_availability (product_id, on_hand)
        SELECT p.id, v.on_hand FROM (VALUES
            ('PEN-100-BL', '', 5400), ('PEN-100-BK', '', 3100), ('MRK-200-SET', '', 240), ('PAP-A4-80', '', 1800), ('PAP-A4-80', 'BOX5', 320),
            ('NTB-A5-DOT', '', 0), ('GLV-NIT-M', '', 760), ('GGL-CLR', '', 45)) AS v (part, auxiliary, on_hand)
        JOIN hub.catalog_products p ON p.supplier_part_id = v.part AND p.supplier_part_auxiliary_id = v.auxiliary
        ON CONFLICT (product_id) DO NOTHING
        """,
        $"""
        INSERT INTO hub.catalog_price_lists (buyer_org, contract_id, name) VALUES
            ('{DemoBuyer}', NULL, 'Demo Buyer Inc. framework prices'),
            ('{DemoBuyer}', 'C-2026-OFFICE', 'Demo Buyer Inc. office contract 2026')
        ON CONFLICT (buyer_org, contract_id) DO NOTHING
        """,
        $"""
        INSERT INTO hub.catalog_prices (price_list_id, product_id, min_quantity, unit_price)
        SELECT pl.id, p.id, v.min_quantity, v.unit_price FROM (VALUES
            (NULL, 'PEN-100-BL', '', 1, 0.95), (NULL, 'PEN-100-BL', '', 50, 0.85), (NULL, 'PEN-100-BL', '', 200, 0.72),
            (NULL, 'PEN-100-BK', '', 1, 0.95), (NULL, 'PEN-100-BK', '', 50, 0.85),
            (NULL, 'PAP-A4-80', '', 1, 3.90), (NULL, 'PAP-A4-80', '', 10, 3.60),
            (NULL, 'PAP-A4-80', 'BOX5', 1, 17.50),
            (NULL, 'GLV-NIT-M', '', 1, 8.90), (NULL, 'GLV-NIT-M', '', 20, 7.95),
            ('C-2026-OFFICE', 'PAP-A4-80', '', 1, 3.40)) AS v (contract, part, auxiliary, min_quantity, unit_price)
        JOIN hub.catalog_products p ON p.supplier_part_id = v.part AND p.supplier_part_auxiliary_id = v.auxiliary
        JOIN hub.catalog_price_lists pl ON pl.buyer_org = '{DemoBuyer}' AND pl.contract_id IS NOT DISTINCT FROM v.contract
        ON CONFLICT (price_list_id, product_id, min_quantity) DO NOTHING
        """,
    ];
}
