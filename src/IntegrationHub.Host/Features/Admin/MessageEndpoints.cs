using System.Text.Json;
using Dapper;
using IntegrationHub.Hosting;
using IntegrationHub.Pipeline;
using IntegrationHub.Pipeline.Dispatch;
using Npgsql;

namespace IntegrationHub.Features.Admin;

/// <summary>
/// The admin API over messages (behind the admin key): search them, read one with its diagnostics, canonical form,
/// replies and attempts, read its raw bytes (cXML secrets redacted), replay what is parked, and list partners with their
/// recent traffic.
/// </summary>
internal static class MessageEndpoints
{
    public const int MaxPage = 500;

    public sealed record MessageSummary(long Id, string Direction, string Protocol, string PartnerId, string DocumentType, string? Reference, string Status,
        int Attempts, string? LastError, long? InReplyTo, DateTime ReceivedAt, DateTime UpdatedAt);

    /// <summary>One order of a message; <c>PunchoutSession</c> and <c>Review</c> are the session it came from and its review flags (open and resolved).</summary>
    public sealed record OrderView(long Id, int Sequence, string Kind, string OrderNumber, string Status, string? StoreAnswer, string? Acknowledgment,
        int Attempts, string? LastError, JsonElement Canonical, JsonElement? StoreResponse, JsonElement? AcknowledgmentDiagnostics,
        Guid? PunchoutSession, IReadOnlyList<OrderReview.OrderReviewEndpoints.FlagView> Review);

    public sealed record AttemptView(long Id, long? PurchaseOrderId, string Target, string Outcome, int? HttpStatus, string? Detail, DateTime AttemptedAt,
        int? AnswerCode, string? AnswerText);

    public sealed record MessageDetail(MessageSummary Message, JsonElement Diagnostics, string? Reply, IReadOnlyList<OrderView> Orders,
        IReadOnlyList<MessageSummary> Replies, IReadOnlyList<AttemptView> Attempts);

    public sealed record Replayed(long MessageId, bool Message, int Orders, IReadOnlyList<long> OrderIds);

    public sealed record PartnerTraffic(string Id, string Name, long Inbound24h, long Outbound24h, long Parked, DateTime? LastReceivedAt);

    public static void MapMessageEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapAdminApi();
        admin.MapGet("/messages", SearchAsync).WithName("SearchMessages")
            .WithSummary("Messages, newest first, by partner, type, direction, status, received date and reference; page with before=<id>.");
        admin.MapGet("/messages/{id:long}", GetAsync).WithName("GetMessage")
            .WithSummary("One message: diagnostics, the synchronous reply, its canonical orders, outbound replies and every delivery attempt.");
        admin.MapGet("/messages/{id:long}/raw", RawAsync).WithName("GetMessageRaw")
            .WithSummary("The bytes as received or sent; cXML shared secrets redacted.");
        admin.MapPost("/messages/{id:long}/replay", ReplayAsync).WithName("ReplayMessage")
            .WithSummary("Queue again a parked message (translation) or its parked orders (delivery), or a parked or held outbound message.");
        admin.MapGet("/partners", PartnersAsync).WithName("ListPartners")
            .WithSummary("Every partner with its traffic of the last 24 hours and its parked messages.");
    }

    private const string SummaryColumns = """
        id, direction, protocol, partner_id AS PartnerId, document_type AS DocumentType, reference, status, attempts, last_error AS LastError,
        in_reply_to AS InReplyTo, received_at AS ReceivedAt, updated_at AS UpdatedAt
        """;

    private static async Task<IResult> SearchAsync(NpgsqlDataSource dataSource, string? partner, string? type, string? direction, string? status,
        DateTimeOffset? from, DateTimeOffset? to, string? reference, long? before, int? limit, CancellationToken cancellationToken)
    {
        var take = Math.Clamp(limit ?? 50, 1, MaxPage);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<MessageSummary>(new CommandDefinition($"""
            SELECT {SummaryColumns} FROM hub.message
            WHERE (@Partner::text IS NULL OR partner_id = @Partner) AND (@Type::text IS NULL OR document_type = @Type OR document_type LIKE '%' || @Type || '%')
              AND (@Direction::text IS NULL OR direction = @Direction) AND (@Status::text IS NULL OR status = @Status)
              AND (@From::timestamptz IS NULL OR received_at >= @From) AND (@To::timestamptz IS NULL OR received_at < @To)
              AND (@Reference::text IS NULL OR reference = @Reference OR dedupe_key = @Reference
                   OR id IN (SELECT message_id FROM hub.purchase_order WHERE order_number = @Reference))
              AND (@Before::bigint IS NULL OR id < @Before)
            ORDER BY id DESC LIMIT @Take
            """, new { Partner = partner, Type = type, Direction = direction, Status = status, From = from, To = to, Reference = reference, Before = before, Take = take },
            cancellationToken: cancellationToken));
        return Results.Ok(rows.ToList());
    }

    private static async Task<IResult> GetAsync(NpgsqlDataSource dataSource, long id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var message = await connection.QuerySingleOrDefaultAsync<MessageSummary>(new CommandDefinition(
            $"SELECT {SummaryColumns} FROM hub.message WHERE id = @Id", new { Id = id }, cancellationToken: cancellationToken));
        if (message is null) return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No message {id}");
        var extra = await connection.QuerySingleAsync<(string Diagnostics, byte[]? Reply, string Protocol)>(new CommandDefinition(
            "SELECT diagnostics::text, reply, protocol FROM hub.message WHERE id = @Id", new { Id = id }, cancellationToken: cancellationToken));
        var orderRows = (await connection.QueryAsync<OrderRow>(new CommandDefinition("""
            SELECT id, sequence, kind, order_number AS OrderNumber, status, store_answer AS StoreAnswer, acknowledgment, attempts, last_error AS LastError,
                   canonical::text AS Canonical, store_response::text AS StoreResponse, acknowledgment_diagnostics::text AS AcknowledgmentDiagnostics,
                   punchout_session_id AS PunchoutSession
            FROM hub.purchase_order WHERE message_id = @Id ORDER BY sequence
            """, new { Id = id }, cancellationToken: cancellationToken))).ToList();
        var flags = await OrderReview.OrderReviewEndpoints.FlagsAsync(connection, [.. orderRows.Select(o => o.Id)], openOnly: false, cancellationToken);
        var orders = orderRows
            .Select(o => new OrderView(o.Id, o.Sequence, o.Kind, o.OrderNumber, o.Status, o.StoreAnswer, o.Acknowledgment, o.Attempts, o.LastError,
                Json(o.Canonical), o.StoreResponse is null ? null : Json(o.StoreResponse),
                o.AcknowledgmentDiagnostics is null ? null : Json(o.AcknowledgmentDiagnostics), o.PunchoutSession, [.. flags[o.Id]]))
            .ToList();
        var replies = (await connection.QueryAsync<MessageSummary>(new CommandDefinition(
            $"SELECT {SummaryColumns} FROM hub.message WHERE in_reply_to = @Id ORDER BY id", new { Id = id }, cancellationToken: cancellationToken))).ToList();
        var attempts = (await connection.QueryAsync<AttemptView>(new CommandDefinition("""
            SELECT id, purchase_order_id AS PurchaseOrderId, target, outcome, http_status AS HttpStatus, detail, attempted_at AS AttemptedAt,
                   answer_code AS AnswerCode, answer_text AS AnswerText FROM hub.attempt
            WHERE message_id = @Id OR purchase_order_id IN (SELECT id FROM hub.purchase_order WHERE message_id = @Id) ORDER BY id
            """, new { Id = id }, cancellationToken: cancellationToken))).ToList();
        var reply = extra.Reply is { Length: > 0 } bytes ? System.Text.Encoding.UTF8.GetString(bytes) : null;
        return Results.Ok(new MessageDetail(message, Json(extra.Diagnostics), reply, orders, replies, attempts));
    }

    private static async Task<IResult> RawAsync(NpgsqlDataSource dataSource, long id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<RawRow>(new CommandDefinition(
            "SELECT raw, protocol, content_type AS ContentType FROM hub.message WHERE id = @Id", new { Id = id }, cancellationToken: cancellationToken));
        if (row is not { } found) return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No message {id}");
        if (found.Protocol != "cxml") return Results.Bytes(found.Raw, found.ContentType);
        return CxmlRedaction.Redact(found.Raw) is { } redacted
            ? Results.Bytes(redacted, "text/xml; charset=utf-8")
            : Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Not shown",
                detail: "The stored document is not well-formed XML, so its secrets cannot be redacted; it is not shown.");
    }

    private static async Task<IResult> ReplayAsync(NpgsqlDataSource dataSource, PipelineJobs jobs, long id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var direction = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT direction FROM hub.message WHERE id = @Id FOR UPDATE", new { Id = id }, transaction, cancellationToken: cancellationToken));
        if (direction is null) return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No message {id}");
        var message = await connection.ExecuteAsync(new CommandDefinition(direction == "in"
            ? "UPDATE hub.message SET status = 'received', last_error = NULL, updated_at = now() WHERE id = @Id AND status = 'parked'"
            : "UPDATE hub.message SET status = 'pending', attempts = 0, last_error = NULL, next_attempt_at = now(), updated_at = now() WHERE id = @Id AND status IN ('parked', 'held') AND channel IS NOT NULL",
            new { Id = id }, transaction, cancellationToken: cancellationToken)) > 0;
        var orders = (await connection.QueryAsync<long>(new CommandDefinition("""
            UPDATE hub.purchase_order SET status = 'pending', attempts = 0, last_error = NULL, next_attempt_at = now(), updated_at = now()
            WHERE message_id = @Id AND status = 'parked' RETURNING id
            """, new { Id = id }, transaction, cancellationToken: cancellationToken))).ToList();
        await transaction.CommitAsync(cancellationToken);
        if (!message && orders.Count == 0)
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Nothing to replay",
                detail: "Neither the message nor any of its orders is parked (an outbound message held for want of a channel needs one configured first).");
        if (message && direction == "in") jobs.Translate(id);
        if (message && direction == "out") jobs.Send(id);
        foreach (var order in orders) jobs.Deliver(order);
        return Results.Accepted(value: new Replayed(id, message, orders.Count, orders));
    }

    private static async Task<IResult> PartnersAsync(NpgsqlDataSource dataSource, MappingsProvider mappings, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var traffic = (await connection.QueryAsync<(string PartnerId, long Inbound, long Outbound, long Parked, DateTime? Last)>(new CommandDefinition("""
            SELECT partner_id,
                   count(*) FILTER (WHERE direction = 'in' AND received_at > now() - interval '24 hours'),
                   count(*) FILTER (WHERE direction = 'out' AND received_at > now() - interval '24 hours'),
                   count(*) FILTER (WHERE status IN ('parked', 'held'))
                     + (SELECT count(*) FROM hub.purchase_order o WHERE o.partner_id = m.partner_id AND o.status = 'parked'),
                   max(received_at) FILTER (WHERE direction = 'in')
            FROM hub.message m GROUP BY partner_id
            """, cancellationToken: cancellationToken))).ToDictionary(t => t.PartnerId);
        return Results.Ok(mappings.Current.Partners.Partners.OrderBy(p => p.Id, StringComparer.Ordinal).Select(p => traffic.TryGetValue(p.Id, out var t)
            ? new PartnerTraffic(p.Id, p.Name, t.Inbound, t.Outbound, t.Parked, t.Last)
            : new PartnerTraffic(p.Id, p.Name, 0, 0, 0, null)).ToList());
    }

    private sealed record OrderRow(long Id, int Sequence, string Kind, string OrderNumber, string Status, string? StoreAnswer, string? Acknowledgment,
        int Attempts, string? LastError, string Canonical, string? StoreResponse, string? AcknowledgmentDiagnostics, Guid? PunchoutSession);

    private sealed record RawRow(byte[] Raw, string Protocol, string ContentType);

    internal static JsonElement Json(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
