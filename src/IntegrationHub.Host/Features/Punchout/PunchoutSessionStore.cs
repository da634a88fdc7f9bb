using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace IntegrationHub.Features.Punchout;

/// <summary>
/// Punchout sessions in PostgreSQL. A session is opened with a one-shot start token that lives a few minutes; spending it
/// gives the access token every catalog page carries. Only the tokens' hashes are stored.
/// </summary>
internal sealed class PunchoutSessionStore(NpgsqlDataSource dataSource, TimeProvider time, IOptions<PunchoutOptions> options)
{
    private const string Columns = """
        id AS Id, partner_id AS PartnerId, environment AS Environment, protocol AS Protocol, operation AS Operation, buyer_org AS BuyerOrg,
        contract_id AS ContractId, return_url AS ReturnUrl, buyer_cookie AS BuyerCookie, oci_target AS OciTarget, oci_ok_code AS OciOkCode,
        oci_caller AS OciCaller, oci_version AS OciVersion, start_product AS StartProduct, state AS State, expires_at AS ExpiresAt
        """;

    /// <summary>
    /// Stores a new session with its cart (empty, or for edit and inspect the buyer's lines matched to the catalog by
    /// SupplierPartID and SupplierPartAuxiliaryID, in the buyer's order); returns its id, the start token (the only time the token exists
    /// in clear) and how many of the lines were found in the catalog.
    /// </summary>
    public async Task<(Guid Id, string StartToken, int Restored)> CreateAsync(NewPunchoutSession session, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7();
        var token = PunchoutTokens.New();
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO hub.punchout_sessions (id, partner_id, environment, protocol, operation, buyer_org, contract_id, return_url, buyer_cookie,
                oci_target, oci_ok_code, oci_caller, oci_version, start_product, start_token_hash, start_expires_at, created_at, expires_at)
            VALUES (@Id, @PartnerId, @Environment, @Protocol, @Operation, @BuyerOrg, @ContractId, @ReturnUrl, @BuyerCookie,
                @OciTarget, @OciOkCode, @OciCaller, @OciVersion, @StartProduct, @TokenHash, @StartExpires, @Now, @Expires);
            INSERT INTO hub.punchout_carts (id, session_id, updated_at) VALUES (@CartId, @Id, @Now);
            """, new
        {
            Id = id, session.PartnerId, session.Environment, session.Protocol, session.Operation, session.BuyerOrg, session.ContractId,
            session.ReturnUrl, session.BuyerCookie, session.OciTarget, session.OciOkCode, session.OciCaller, session.OciVersion, session.StartProduct,
            TokenHash = PunchoutTokens.Hash(token), StartExpires = now.AddSeconds(options.Value.StartTokenSeconds), Now = now,
            Expires = now.AddMinutes(options.Value.SessionMinutes), CartId = Guid.CreateVersion7(),
        }, transaction, cancellationToken: cancellationToken));
        var restored = session.Cart is { Count: > 0 } lines ? await RestoreAsync(connection, transaction, id, lines, cancellationToken) : 0;
        await transaction.CommitAsync(cancellationToken);
        return (id, token, restored);
    }

    // A product the buyer's cart names twice becomes one line with both quantities; line numbers follow the buyer's order.
    private static Task<int> RestoreAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid session, IReadOnlyList<RestoredLine> lines,
        CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO hub.punchout_cart_lines (cart_id, line_number, product_id, supplier_part_id, supplier_part_auxiliary_id, quantity, line_reference)
            SELECT c.id, row_number() OVER (ORDER BY m.first), p.id, p.supplier_part_id, p.supplier_part_auxiliary_id, m.quantity,
                   coalesce(m.reference, hub.new_cart_line_reference())
            FROM (SELECT p.id AS product, min(r.n) AS first, least(sum(r.quantity), @Max) AS quantity,
                         (array_agg(r.reference ORDER BY r.n) FILTER (WHERE r.reference IS NOT NULL))[1] AS reference
                  FROM unnest(@Parts, @Auxiliaries, @Quantities, @References) WITH ORDINALITY AS r(part, auxiliary, quantity, reference, n)
                  JOIN hub.catalog_products p ON p.supplier_part_id = r.part AND p.supplier_part_auxiliary_id = r.auxiliary
                  GROUP BY p.id) m
            JOIN hub.catalog_products p ON p.id = m.product
            JOIN hub.punchout_carts c ON c.session_id = @Session
            """, new
        {
            Session = session, Max = CartStore.MaxQuantity, Parts = lines.Select(l => l.SupplierPartId).ToArray(),
            Auxiliaries = lines.Select(l => l.SupplierPartAuxiliaryId).ToArray(), Quantities = lines.Select(l => l.Quantity).ToArray(),
            References = lines.Select(l => l.Reference).ToArray(),
        }, transaction, cancellationToken: cancellationToken));

    /// <summary>
    /// Spends a start token: at most one caller, within its lifetime, gets the session and a fresh access token. The check and
    /// the spending are one UPDATE, so two hub processes cannot both open it.
    /// </summary>
    public async Task<(PunchoutSession? Session, string? AccessToken, StartRefusal Refusal)> StartAsync(string startToken, CancellationToken cancellationToken)
    {
        var access = PunchoutTokens.New();
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var hash = PunchoutTokens.Hash(startToken);
        var session = await connection.QuerySingleOrDefaultAsync<PunchoutSession>(new CommandDefinition($"""
            UPDATE hub.punchout_sessions SET started_at = @Now, access_token_hash = @Access
            WHERE start_token_hash = @Hash AND started_at IS NULL AND start_expires_at > @Now AND state = 'open'
            RETURNING {Columns}
            """, new { Now = now, Access = PunchoutTokens.Hash(access), Hash = hash }, cancellationToken: cancellationToken));
        if (session is not null) return (session, access, StartRefusal.None);

        var found = await connection.QuerySingleOrDefaultAsync<StartState>(new CommandDefinition(
            "SELECT started_at IS NOT NULL AS Started FROM hub.punchout_sessions WHERE start_token_hash = @Hash", new { Hash = hash },
            cancellationToken: cancellationToken));
        var refusal = found switch
        {
            null => StartRefusal.Unknown,
            { Started: true } => StartRefusal.Used,
            _ => StartRefusal.Expired, // not started, so either its time ran out or the session was closed unopened
        };
        return (null, null, refusal);
    }

    /// <summary>
    /// The session an access token belongs to, while it lasts, with the number of lines in its cart (the header of every catalog
    /// page shows it; counted in the same statement, so a page costs no extra round trip for it); null for an unknown or expired token.
    /// </summary>
    public async Task<(PunchoutSession Session, int CartLines)?> FindAsync(string accessToken, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var found = await connection.QueryAsync<PunchoutSession, int, (PunchoutSession, int)>(new CommandDefinition($"""
            SELECT {Columns}, (SELECT count(*)::int FROM hub.punchout_carts c JOIN hub.punchout_cart_lines l ON l.cart_id = c.id
                               WHERE c.session_id = s.id) AS CartLines
            FROM hub.punchout_sessions s WHERE access_token_hash = @Hash AND expires_at > @Now
            """, new { Hash = PunchoutTokens.Hash(accessToken), Now = time.GetUtcNow() }, cancellationToken: cancellationToken),
            (session, lines) => (session, lines), splitOn: "CartLines");
        return found.Select(f => ((PunchoutSession, int)?)f).SingleOrDefault();
    }

    /// <summary>
    /// Ends an open session (transferred or cancelled), keeping with each line of <paramref name="returned"/> the unit, price and
    /// currency the buyer was shown (an order is compared with them); false when it was no longer open. One statement, so the
    /// cart's prices are kept exactly when the session closes.
    /// </summary>
    public async Task<bool> CloseAsync(Guid id, string state, IReadOnlyList<CartLine> returned, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            WITH closed AS (UPDATE hub.punchout_sessions SET state = @State, closed_at = @Now WHERE id = @Id AND state = 'open' RETURNING id),
            shown AS (UPDATE hub.punchout_cart_lines l SET returned_uom = v.uom, returned_unit_price = v.price, returned_currency = v.currency
                      FROM closed JOIN hub.punchout_carts c ON c.session_id = closed.id, unnest(@Lines, @Uoms, @Prices, @Currencies) AS v(line, uom, price, currency)
                      WHERE l.cart_id = c.id AND l.line_number = v.line RETURNING 1)
            SELECT count(*) FROM closed
            """, new
        {
            Id = id, State = state, Now = time.GetUtcNow(), Lines = returned.Select(l => l.LineNumber).ToArray(), Uoms = returned.Select(l => l.Product.Uom).ToArray(),
            Prices = returned.Select(l => l.Product.BuyerPrice).ToArray(), Currencies = returned.Select(l => l.Product.Currency).ToArray(),
        }, cancellationToken: cancellationToken)) == 1;
    }

    private sealed record StartState(bool Started);
}
