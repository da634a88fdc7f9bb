using System.Text.Json;
using Dapper;
using IntegrationHub.Hosting;
using IntegrationHub.Pipeline;
using IntegrationHub.Pipeline.Delivery;
using IntegrationHub.Pipeline.Dispatch;
using IntegrationHub.Stores;
using Microsoft.Extensions.Options;
using Npgsql;

namespace IntegrationHub.Features.Admin;

/// <summary>
/// The admin API over acknowledgments (behind the admin key): list the parked ones, and replay one. An order's
/// acknowledgment (855, 865 or ConfirmationRequest) that the outbound map could not write is composed again from the
/// store's recorded answer with the maps as they are now (after the engineer fixed them); one that was written but whose
/// sending was parked (or held for want of a channel) is queued to be sent again. A 997, 999 or TA1 is an outbound
/// message: it is listed here and replayed by its message id, as any outbound message.
/// </summary>
internal static class AcknowledgmentEndpoints
{
    public sealed record ParkedAcknowledgment(string Kind, long? OrderId, long? MessageId, string PartnerId, string? OrderNumber, string DocumentType,
        string? LastError, DateTime UpdatedAt);

    public sealed record ReplayedAcknowledgment(long OrderId, string Outcome, long? MessageId, JsonElement? Diagnostics);

    public static void MapAcknowledgmentEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapAdminApi();
        admin.MapGet("/acknowledgments/parked", ParkedAsync).WithName("ListParkedAcknowledgments")
            .WithSummary("Acknowledgments an engineer must look at: orders whose 855/865/ConfirmationRequest could not be written, and parked or held outbound acknowledgments.");
        admin.MapPost("/orders/{id:long}/acknowledgment/replay", ReplayAsync).WithName("ReplayAcknowledgment")
            .WithSummary("Compose again an order's parked acknowledgment with the current maps, or send again the one that was parked on its way out.");
    }

    private static async Task<IResult> ParkedAsync(NpgsqlDataSource dataSource, int? limit, CancellationToken cancellationToken)
    {
        var take = Math.Clamp(limit ?? 100, 1, MessageEndpoints.MaxPage);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<ParkedAcknowledgment>(new CommandDefinition("""
            (SELECT 'not-written' AS Kind, o.id AS OrderId, NULL::bigint AS MessageId, o.partner_id AS PartnerId, o.order_number AS OrderNumber,
                    CASE o.kind WHEN 'change' THEN '865/ConfirmationRequest' ELSE '855/ConfirmationRequest' END AS DocumentType,
                    o.acknowledgment_diagnostics::text AS LastError, o.updated_at AS UpdatedAt
             FROM hub.purchase_order o WHERE o.acknowledgment = 'parked')
            UNION ALL
            (SELECT 'not-sent', m.acknowledges, m.id, m.partner_id, o.order_number, m.document_type, m.last_error, m.updated_at
             FROM hub.message m LEFT JOIN hub.purchase_order o ON o.id = m.acknowledges
             WHERE m.direction = 'out' AND m.status IN ('parked', 'held')
               AND (m.acknowledges IS NOT NULL OR m.document_type IN ('997', '999', 'TA1')))
            ORDER BY UpdatedAt DESC LIMIT @Take
            """, new { Take = take }, cancellationToken: cancellationToken));
        return Results.Ok(rows.ToList());
    }

    private static async Task<IResult> ReplayAsync(NpgsqlDataSource dataSource, PipelineJobs jobs, MappingsProvider mappings, TimeProvider time,
        IOptions<PipelineOptions> options, long id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var order = await connection.QuerySingleOrDefaultAsync<OrderRow>(new CommandDefinition("""
            SELECT id, kind, canonical::text AS Canonical, acknowledgment, store_response::text AS StoreResponse FROM hub.purchase_order WHERE id = @Id FOR UPDATE
            """, new { Id = id }, transaction, cancellationToken: cancellationToken));
        if (order is null) return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No order {id}");

        if (order.Acknowledgment == AcknowledgmentOutbox.Parked && order.StoreResponse is { } response)
        {
            var answer = JsonSerializer.Deserialize(response, OrderStoreJson.Default.OrderStoreAnswer)!;
            var written = await AcknowledgmentOutbox.WriteAsync(transaction, order.Id, order.Kind, order.Canonical, answer, mappings.Current,
                time, options.Value, cancellationToken);
            var (state, diagnostics) = (AcknowledgmentOutbox.StateOf(written), written.Diagnostics);
            await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE hub.purchase_order SET acknowledgment = @State, acknowledgment_diagnostics = CAST(@Diagnostics AS jsonb), updated_at = now() WHERE id = @Id
                """, new { order.Id, State = state, Diagnostics = diagnostics }, transaction, cancellationToken: cancellationToken));
            var outboundId = await AcknowledgmentOutbox.RecordAsync(transaction, written, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            if (outboundId > 0) jobs.Send(outboundId);
            return diagnostics is null
                ? Results.Accepted(value: new ReplayedAcknowledgment(order.Id, "composed", outboundId > 0 ? outboundId : null, null))
                : Results.UnprocessableEntity(new ReplayedAcknowledgment(order.Id, "still-not-written", null, MessageEndpoints.Json(diagnostics)));
        }

        var resent = await connection.ExecuteScalarAsync<long?>(new CommandDefinition("""
            UPDATE hub.message SET status = 'pending', attempts = 0, last_error = NULL, next_attempt_at = now(), updated_at = now()
            WHERE acknowledges = @Id AND direction = 'out' AND status IN ('parked', 'held') AND channel IS NOT NULL RETURNING id
            """, new { order.Id }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        if (resent is not { } messageId)
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Nothing to replay",
                detail: "The order's acknowledgment is neither parked nor waiting to be sent again (one held for want of a channel needs the channel configured first).");
        jobs.Send(messageId);
        return Results.Accepted(value: new ReplayedAcknowledgment(order.Id, "resent", messageId, null));
    }

    private sealed record OrderRow(long Id, string Kind, string Canonical, string? Acknowledgment, string? StoreResponse);
}
