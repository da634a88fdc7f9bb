using Dapper;
using IntegrationHub.Hosting;
using Npgsql;

namespace IntegrationHub.Features.OrderReview;

/// <summary>
/// The admin API over review flags (behind the admin key): the orders with open flags, newest first, by partner; and resolving an
/// order's open flags with a note once someone has looked at them. An order's flags and links are also in
/// <c>GET /api/admin/messages/{id}</c> (its orders' <c>review</c> and <c>punchoutSession</c>).
/// </summary>
internal static class OrderReviewEndpoints
{
    public const int MaxPage = 500;

    /// <summary>One flag as the admin API shows it.</summary>
    public sealed record FlagView(long Id, string LineNumber, string Kind, string Source, string? Expected, string? Actual, string Status,
        string? Resolution, DateTime CreatedAt, DateTime? ResolvedAt);

    /// <summary>An order with open flags.</summary>
    public sealed record OrderToReview(long Id, long MessageId, string PartnerId, string OrderNumber, string Status, Guid? PunchoutSession,
        DateTime CreatedAt, IReadOnlyList<FlagView> Flags);

    /// <summary>What resolving says: why the differences are fine (or what was done about them).</summary>
    public sealed record Resolution(string? Note);

    public sealed record Resolved(long OrderId, int Flags);

    public static void MapOrderReviewEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapAdminApi();
        admin.MapGet("/orders/review", ListAsync).WithName("ListOrdersToReview")
            .WithSummary("Orders with open review flags (differences from their punchout cart or the buyer's prices), newest first; by partner; page with before=<id>.");
        admin.MapPost("/orders/{id:long}/review/resolve", ResolveAsync).WithName("ResolveOrderReview")
            .WithSummary("Resolves an order's open review flags, with a note.");
    }

    /// <summary>The flags of some orders, by order id, oldest line first.</summary>
    public static async Task<ILookup<long, FlagView>> FlagsAsync(NpgsqlConnection connection, IReadOnlyCollection<long> orders, bool openOnly,
        CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<(long OrderId, long Id, string LineNumber, string Kind, string Source, string? Expected, string? Actual,
            string Status, string? Resolution, DateTime CreatedAt, DateTime? ResolvedAt)>(new CommandDefinition("""
            SELECT purchase_order_id, id, line_number, kind, source, expected, actual, status, resolution, created_at, resolved_at
            FROM hub.order_review_flag WHERE purchase_order_id = ANY(@Orders) AND (NOT @OpenOnly OR status = 'open')
            ORDER BY purchase_order_id, line_index, id
            """, new { Orders = orders.ToArray(), OpenOnly = openOnly }, cancellationToken: cancellationToken));
        return rows.ToLookup(r => r.OrderId, r => new FlagView(r.Id, r.LineNumber, r.Kind, r.Source, r.Expected, r.Actual, r.Status, r.Resolution,
            r.CreatedAt, r.ResolvedAt));
    }

    private static async Task<IResult> ListAsync(NpgsqlDataSource dataSource, string? partner, long? before, int? limit, CancellationToken cancellationToken)
    {
        var take = Math.Clamp(limit ?? 50, 1, MaxPage);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var orders = (await connection.QueryAsync<(long Id, long MessageId, string PartnerId, string OrderNumber, string Status, Guid? Session, DateTime CreatedAt)>(
            new CommandDefinition("""
                SELECT o.id, o.message_id, o.partner_id, o.order_number, o.status, o.punchout_session_id, o.created_at FROM hub.purchase_order o
                WHERE EXISTS (SELECT 1 FROM hub.order_review_flag f WHERE f.purchase_order_id = o.id AND f.status = 'open')
                  AND (@Partner::text IS NULL OR o.partner_id = @Partner) AND (@Before::bigint IS NULL OR o.id < @Before)
                ORDER BY o.id DESC LIMIT @Take
                """, new { Partner = partner, Before = before, Take = take }, cancellationToken: cancellationToken))).ToList();
        var flags = await FlagsAsync(connection, [.. orders.Select(o => o.Id)], openOnly: true, cancellationToken);
        return Results.Ok(orders.Select(o => new OrderToReview(o.Id, o.MessageId, o.PartnerId, o.OrderNumber, o.Status, o.Session, o.CreatedAt,
            [.. flags[o.Id]])).ToList());
    }

    private static async Task<IResult> ResolveAsync(NpgsqlDataSource dataSource, long id, Resolution? body, CancellationToken cancellationToken)
    {
        var note = body?.Note?.Trim();
        if (note is { Length: > 1000 })
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Note too long", detail: "A resolution note has at most 1000 characters.");
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var exists = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM hub.purchase_order WHERE id = @Id)", new { Id = id }, cancellationToken: cancellationToken));
        if (!exists) return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No order {id}.");
        var resolved = await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE hub.order_review_flag SET status = 'resolved', resolution = @Note, resolved_at = now()
            WHERE purchase_order_id = @Id AND status = 'open'
            """, new { Id = id, Note = string.IsNullOrEmpty(note) ? null : note }, cancellationToken: cancellationToken));
        return Results.Ok(new Resolved(id, resolved));
    }
}
