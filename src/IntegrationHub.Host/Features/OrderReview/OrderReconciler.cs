using Dapper;
using IntegrationHub.Canonical;
using IntegrationHub.Features.Punchout;
using IntegrationHub.Pipeline;
using IntegrationHub.Stores;
using IntegrationHub.Verification;
using Microsoft.Extensions.Options;
using Npgsql;

namespace IntegrationHub.Features.OrderReview;

/// <summary>
/// Links an order to the punchout session it came from and compares it with the cart and the buyer's current prices
/// (<see cref="OrderLinking"/>, <see cref="OrderReconciliation"/>), in the delivery job's transaction. Done once per order: the links and
/// flags are written with the order's <c>reconciled_at</c>, and a job run again reads them back, so the store gets the same review
/// every time and no flag is written twice. Nothing here rejects an order.
/// </summary>
internal sealed partial class OrderReconciler(MappingsProvider mappings, IOptions<OrderReviewOptions> options, TimeProvider time,
    ILogger<OrderReconciler> logger)
{
    /// <summary>The canonical reference kind of the cXML PunchOutSessionID Extrinsic (the default OrderRequest map).</summary>
    public const string SessionReferenceKind = "punchoutSession";

    /// <summary>The review flags of the order, reconciling it first when it has not been.</summary>
    public async Task<IReadOnlyList<OrderReviewFlag>> ReviewAsync(NpgsqlTransaction transaction, long orderId, string partnerId, string protocol,
        string canonical, bool reconciled, CancellationToken cancellationToken)
    {
        if (!reconciled) await ReconcileAsync(transaction, orderId, partnerId, protocol, canonical, cancellationToken);
        var flags = await transaction.Connection!.QueryAsync<OrderReviewFlag>(new CommandDefinition("""
            SELECT kind, line_number AS LineNumber, source, expected, actual FROM hub.order_review_flag
            WHERE purchase_order_id = @Id ORDER BY line_index, id
            """, new { Id = orderId }, transaction, cancellationToken: cancellationToken));
        return [.. flags];
    }

    private async Task ReconcileAsync(NpgsqlTransaction transaction, long orderId, string partnerId, string protocol, string canonical,
        CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        var order = CanonicalJson.Deserialize<Order>(canonical);
        var sessionReferences = SessionReferences(order, partnerId, protocol);
        var lineReferences = order.Lines
            .Select(l => CartLineReference.TryRead(l.Item.Ids.SupplierPartAuxiliaryId, out _, out var reference) ? reference : null)
            .OfType<string>().Distinct().ToArray();
        var parts = order.Lines.Select(l => l.Item.Ids.SupplierPartId).OfType<string>().Distinct().ToArray();
        var since = time.GetUtcNow().AddDays(-options.Value.RecentSessionDays);
        var candidates = (await connection.QueryAsync<CandidateRow>(new CommandDefinition("""
            WITH chosen AS (
                SELECT l.cart_id, l.line_number FROM hub.punchout_cart_lines l
                JOIN hub.punchout_carts c ON c.id = l.cart_id JOIN hub.punchout_sessions s ON s.id = c.session_id
                WHERE l.line_reference = ANY(@References) AND s.partner_id = @Partner AND s.state = 'transferred'
                UNION
                SELECT l.cart_id, l.line_number FROM hub.punchout_sessions s
                JOIN hub.punchout_carts c ON c.session_id = s.id JOIN hub.punchout_cart_lines l ON l.cart_id = c.id
                WHERE s.partner_id = @Partner AND s.state = 'transferred' AND (s.buyer_cookie = ANY(@Sessions) OR s.id = ANY(@SessionIds))
                UNION
                SELECT l.cart_id, l.line_number FROM hub.punchout_sessions s
                JOIN hub.punchout_carts c ON c.session_id = s.id JOIN hub.punchout_cart_lines l ON l.cart_id = c.id
                WHERE s.partner_id = @Partner AND s.state = 'transferred' AND s.closed_at >= @Since AND l.supplier_part_id = ANY(@Parts))
            SELECT s.id AS SessionId, s.buyer_cookie AS BuyerCookie, s.closed_at AS ReturnedAt, l.line_number AS LineNumber,
                   l.line_reference AS Reference, l.supplier_part_id AS SupplierPartId, l.supplier_part_auxiliary_id AS CatalogAuxiliaryId,
                   l.quantity, l.returned_uom AS Uom, l.returned_unit_price AS UnitPrice, l.returned_currency AS Currency
            FROM chosen JOIN hub.punchout_cart_lines l ON l.cart_id = chosen.cart_id AND l.line_number = chosen.line_number
            JOIN hub.punchout_carts c ON c.id = l.cart_id JOIN hub.punchout_sessions s ON s.id = c.session_id
            """, new
            {
                Partner = partnerId, References = lineReferences, Sessions = sessionReferences.ToArray(), Since = since, Parts = parts,
                SessionIds = sessionReferences.Select(r => Guid.TryParse(r, out var id) ? id : (Guid?)null).OfType<Guid>().ToArray(),
            },
            transaction, cancellationToken: cancellationToken))).Select(r => r.Line()).ToList();

        var link = OrderLinking.Link(order, sessionReferences, candidates, since);
        IReadOnlyList<ReviewFlag> flags = [];
        if (link.SessionId is { } session)
        {
            var prices = await PricesAsync(connection, transaction, order, link, session, cancellationToken);
            flags = OrderReconciliation.Compare(order, link, prices);
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO hub.order_line_link (purchase_order_id, line_index, line_number, session_id, cart_line_number, linked_by)
                VALUES (@Order, @LineIndex, @LineNumber, @Session, @CartLine, @LinkedBy) ON CONFLICT DO NOTHING
                """, link.Lines.Where(l => l.CartLine is not null).Select(l => new
            {
                Order = orderId, l.LineIndex, l.LineNumber, Session = l.CartLine!.SessionId, CartLine = l.CartLine.LineNumber, l.LinkedBy,
            }), transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO hub.order_review_flag (purchase_order_id, line_index, line_number, kind, source, expected, actual)
                VALUES (@Order, @LineIndex, @LineNumber, @Kind, @Source, @Expected, @Actual) ON CONFLICT DO NOTHING
                """, flags.Select(f => new { Order = orderId, f.LineIndex, f.LineNumber, f.Kind, f.Source, f.Expected, f.Actual }),
                transaction, cancellationToken: cancellationToken));
            LogLinked(orderId, session, link.Lines.Count(l => l.CartLine is not null), link.Lines.Count, flags.Count);
        }
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE hub.purchase_order SET punchout_session_id = @Session, reconciled_at = now() WHERE id = @Id",
            new { Id = orderId, Session = link.SessionId }, transaction, cancellationToken: cancellationToken));
    }

    // What the order's header says its session is: the PunchOutSessionID Extrinsic of a cXML order (as the default map reads it), a
    // BuyerCookie Extrinsic, and for X12 the REF under the partner's qualifier (x12.sessionReference, ZZ unless its file says otherwise).
    private HashSet<string> SessionReferences(Order order, string partnerId, string protocol)
    {
        var kinds = new HashSet<string>(StringComparer.Ordinal) { SessionReferenceKind };
        if (protocol == "x12")
        {
            var qualifier = mappings.Current.Partners.Find(partnerId)?.X12Settings?.SessionReference ?? Partners.X12Settings.DefaultSessionReference;
            kinds.Add(mappings.Current.Maps.CodeLists.Find("x12/reference-qualifier")?.Codes.GetValueOrDefault(qualifier) ?? qualifier);
        }
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var reference in order.References.Where(r => kinds.Contains(r.Kind) && r.Value.Trim().Length > 0)) found.Add(reference.Value.Trim());
        foreach (var extrinsic in order.Extrinsics.Where(e => string.Equals(e.Name, "BuyerCookie", StringComparison.OrdinalIgnoreCase)))
        {
            if (extrinsic.Value is { Length: > 0 } value) found.Add(value.Trim());
        }
        return found;
    }

    // The buyer's price today for each line whose product the catalog has (the linked cart line's product, else the order's part):
    // the session's buyer and contract, the quantity break of the ordered quantity, as the catalog pages price it.
    private static async Task<IReadOnlyDictionary<int, CurrentPrice>> PricesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Order order,
        OrderLink link, Guid session, CancellationToken cancellationToken)
    {
        var lines = order.Lines.Select((line, index) =>
        {
            var cart = link.Lines[index].CartLine;
            CartLineReference.TryRead(line.Item.Ids.SupplierPartAuxiliaryId, out var auxiliary, out _);
            return (Index: index, Part: cart?.SupplierPartId ?? line.Item.Ids.SupplierPartId, Auxiliary: cart?.CatalogAuxiliaryId ?? auxiliary, line.Quantity);
        }).Where(l => l.Part is not null && l.Quantity > 0).ToList();
        var sql = $"""
            SELECT r.idx AS LineIndex, {CatalogStore.BuyerPrice.Replace("@Quantity", "r.quantity", StringComparison.Ordinal)} AS UnitPrice,
                   p.currency::text AS Currency, p.uom AS Uom
            FROM unnest(@Indexes, @Parts, @Auxiliaries, @Quantities) AS r(idx, part, auxiliary, quantity)
            JOIN hub.catalog_products p ON p.supplier_part_id = r.part AND p.supplier_part_auxiliary_id = r.auxiliary
            CROSS JOIN (SELECT buyer_org, contract_id FROM hub.punchout_sessions WHERE id = @Session) b
            """.Replace("@Org", "b.buyer_org", StringComparison.Ordinal).Replace("@Contract", "b.contract_id", StringComparison.Ordinal);
        var prices = await connection.QueryAsync<PriceRow>(new CommandDefinition(sql, new
        {
            Session = session, Indexes = lines.Select(l => l.Index).ToArray(), Parts = lines.Select(l => l.Part!).ToArray(),
            Auxiliaries = lines.Select(l => l.Auxiliary).ToArray(), Quantities = lines.Select(l => l.Quantity).ToArray(),
        }, transaction, cancellationToken: cancellationToken));
        return prices.ToDictionary(p => p.LineIndex, p => new CurrentPrice(p.UnitPrice, p.Currency, p.Uom));
    }

    private sealed record CandidateRow(Guid SessionId, string? BuyerCookie, DateTime ReturnedAt, int LineNumber, string Reference, string SupplierPartId,
        string CatalogAuxiliaryId, decimal Quantity, string? Uom, decimal? UnitPrice, string? Currency)
    {
        public SessionCartLine Line() => new(SessionId, BuyerCookie, new DateTimeOffset(DateTime.SpecifyKind(ReturnedAt, DateTimeKind.Utc)), LineNumber,
            Reference, SupplierPartId, CatalogAuxiliaryId, Quantity, Uom, UnitPrice is { } price && Currency is { } currency ? new Money(price, currency) : null);
    }

    private sealed record PriceRow(int LineIndex, decimal UnitPrice, string Currency, string Uom);

    [LoggerMessage(1, LogLevel.Information, "Order {OrderId} came from punchout session {Session}: {Linked} of {Lines} lines linked, {Flags} review flags")]
    private partial void LogLinked(long orderId, Guid session, int linked, int lines, int flags);
}
