using System.Globalization;
using Dapper;
using Npgsql;

namespace IntegrationHub.Features.Punchout;

/// <summary>
/// A cart line with its product and the buyer's price for the line's quantity; <paramref name="Reference"/> is the line's own reference,
/// which goes to a cXML buyer inside the SupplierPartAuxiliaryID (<see cref="Verification.CartLineReference"/>).
/// </summary>
internal sealed record CartLine(int LineNumber, string SupplierPartAuxiliaryId, decimal Quantity, CatalogProduct Product, string Reference = "")
{
    public decimal Total => decimal.Round(Quantity * Product.BuyerPrice, 2, MidpointRounding.AwayFromZero);
}

/// <summary>
/// The cart of a session, in PostgreSQL. Each change locks the cart row, so two requests of one session (two browser tabs, two
/// hub processes) take turns. A line keeps its number and SupplierPartAuxiliaryID for the cart's life.
/// </summary>
internal sealed class CartStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    /// <summary>The most units one line may hold: larger is a typing slip, refused rather than sent to the buyer.</summary>
    public const decimal MaxQuantity = 1_000_000m;

    public async Task<IReadOnlyList<CartLine>> LinesAsync(PunchoutSession session, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var sql = $"""
            SELECT l.line_number AS LineNumber, l.supplier_part_auxiliary_id AS SupplierPartAuxiliaryId, l.quantity AS Quantity, l.line_reference AS Reference,
                {CatalogStore.ProductColumns.Replace("@Quantity", "l.quantity", StringComparison.Ordinal)}
            FROM hub.punchout_carts c
            JOIN hub.punchout_cart_lines l ON l.cart_id = c.id
            JOIN hub.catalog_products p ON p.id = l.product_id
            LEFT JOIN hub.catalog_availability a ON a.product_id = p.id
            WHERE c.session_id = @Session
            ORDER BY l.line_number
            """;
        var lines = await connection.QueryAsync<LineRow, CatalogProduct, CartLine>(new CommandDefinition(sql,
            new { Session = session.Id, Org = session.BuyerOrg, Contract = session.ContractId }, cancellationToken: cancellationToken),
            (line, product) => new CartLine(line.LineNumber, line.SupplierPartAuxiliaryId, line.Quantity, product, line.Reference), splitOn: "Id");
        return [.. lines];
    }

    /// <summary>Adds units of a product: to its line when the cart has one, else as a new line. False when the product is unknown.</summary>
    public async Task<bool> AddAsync(PunchoutSession session, long productId, decimal quantity, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var cart = await LockAsync(connection, transaction, session, cancellationToken);
        var added = await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO hub.punchout_cart_lines (cart_id, line_number, product_id, supplier_part_id, supplier_part_auxiliary_id, quantity)
            SELECT @Cart, coalesce((SELECT max(line_number) FROM hub.punchout_cart_lines WHERE cart_id = @Cart), 0) + 1,
                   p.id, p.supplier_part_id, p.supplier_part_auxiliary_id, @Quantity
            FROM hub.catalog_products p WHERE p.id = @Product
            ON CONFLICT (cart_id, product_id) DO UPDATE SET quantity = least(hub.punchout_cart_lines.quantity + excluded.quantity, @Max)
            """, new { Cart = cart, Product = productId, Quantity = quantity, Max = MaxQuantity }, transaction, cancellationToken: cancellationToken));
        await TouchAsync(connection, transaction, cart, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return added == 1;
    }

    /// <summary>Sets a line's quantity; zero removes the line. False when the cart has no such line.</summary>
    public async Task<bool> SetQuantityAsync(PunchoutSession session, int lineNumber, decimal quantity, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var cart = await LockAsync(connection, transaction, session, cancellationToken);
        var sql = quantity == 0
            ? "DELETE FROM hub.punchout_cart_lines WHERE cart_id = @Cart AND line_number = @Line"
            : "UPDATE hub.punchout_cart_lines SET quantity = @Quantity WHERE cart_id = @Cart AND line_number = @Line";
        var changed = await connection.ExecuteAsync(new CommandDefinition(sql, new { Cart = cart, Line = lineNumber, Quantity = quantity },
            transaction, cancellationToken: cancellationToken));
        await TouchAsync(connection, transaction, cart, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return changed == 1;
    }

    /// <summary>A quantity as a buyer typed it: a positive number (zero too, where <paramref name="allowZero"/>), at most <see cref="MaxQuantity"/>.</summary>
    public static decimal? ParseQuantity(string? text, bool allowZero)
    {
        if (!decimal.TryParse(text?.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var quantity)) return null;
        if (quantity > MaxQuantity || decimal.Round(quantity, 4) != quantity) return null;
        return quantity > 0 || (allowZero && quantity == 0) ? quantity : null;
    }

    private static Task<Guid> LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, PunchoutSession session, CancellationToken cancellationToken) =>
        connection.QuerySingleAsync<Guid>(new CommandDefinition("SELECT id FROM hub.punchout_carts WHERE session_id = @Session FOR UPDATE",
            new { Session = session.Id }, transaction, cancellationToken: cancellationToken));

    private Task TouchAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid cart, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition("UPDATE hub.punchout_carts SET updated_at = @Now WHERE id = @Cart",
            new { Cart = cart, Now = time.GetUtcNow() }, transaction, cancellationToken: cancellationToken));

    private sealed record LineRow(int LineNumber, string SupplierPartAuxiliaryId, decimal Quantity, string Reference);
}
