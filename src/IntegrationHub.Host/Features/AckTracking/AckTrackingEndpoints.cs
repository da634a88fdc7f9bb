using System.Text.Json;
using Dapper;
using IntegrationHub.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace IntegrationHub.Features.AckTracking;

/// <summary>
/// The admin API over acknowledgment tracking (behind the admin key): the alerts (sets whose 997/999 is overdue, sets
/// the partner rejected) and, for one outbound message, each of its sets with what its acknowledgment said.
/// </summary>
internal static class AckTrackingEndpoints
{
    private const int Limit = 200;

    public sealed record SetView(long MessageId, string PartnerId, string InterchangeControl, string FunctionalId, string GroupControl, string SetId,
        string SetControl, string Status, string? AckCode, JsonElement? AckErrors, long? AckMessageId, string? InterchangeAck, DateTime? AcknowledgedAt,
        DateTime CreatedAt);

    public sealed record Alerts(int OverdueCount, IReadOnlyList<OverdueSets.Overdue> Overdue, int RejectedCount, IReadOnlyList<SetView> Rejected);

    private sealed record Row(long MessageId, string PartnerId, string InterchangeControl, string FunctionalId, string GroupControl, string SetId,
        string SetControl, string Status, string? AckCode, string? AckErrors, long? AckMessageId, string? InterchangeAck, DateTime? AcknowledgedAt,
        DateTime CreatedAt)
    {
        public SetView View() => new(MessageId, PartnerId, InterchangeControl, FunctionalId, GroupControl, SetId, SetControl, Status, AckCode,
            AckErrors is null ? null : JsonDocument.Parse(AckErrors).RootElement, AckMessageId, InterchangeAck, AcknowledgedAt, CreatedAt);
    }

    private const string Columns = """
        message_id AS MessageId, partner_id AS PartnerId, interchange_control AS InterchangeControl, functional_id AS FunctionalId,
        group_control AS GroupControl, set_id AS SetId, set_control AS SetControl, status, ack_code AS AckCode, ack_errors::text AS AckErrors,
        ack_message_id AS AckMessageId, interchange_ack AS InterchangeAck, acknowledged_at AS AcknowledgedAt, created_at AS CreatedAt
        """;

    public static void MapAckTrackingEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapAdminApi("/acknowledgments");
        admin.MapGet("/alerts", AlertsAsync).WithName("GetAcknowledgmentAlerts")
            .WithSummary("X12 sets the hub sent whose 997/999 is overdue (per-partner window) and sets the partner rejected, oldest first (at most 200 each).");
        admin.MapGet("/messages/{id:long}", MessageAsync).WithName("GetMessageAcknowledgments")
            .WithSummary("Each X12 set of one outbound message: awaiting, accepted or rejected, with the 997/999/TA1 that said so.");
    }

    private static async Task<IResult> AlertsAsync(NpgsqlDataSource dataSource, IOptions<AckTrackingOptions> options, TimeProvider time,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var overdue = await OverdueSets.FindAsync(connection, options.Value, time.GetUtcNow(), Limit + 1, cancellationToken);
        var rejected = (await connection.QueryAsync<Row>(new CommandDefinition($"""
            SELECT {Columns} FROM hub.sent_set WHERE status = 'rejected' ORDER BY acknowledged_at DESC NULLS LAST LIMIT @Limit
            """, new { Limit }, cancellationToken: cancellationToken))).Select(r => r.View()).ToList();
        var rejectedCount = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT count(*)::int FROM hub.sent_set WHERE status = 'rejected'", cancellationToken: cancellationToken));
        return Results.Ok(new Alerts(overdue.Count, overdue.Take(Limit).ToList(), rejectedCount, rejected));
    }

    private static async Task<IResult> MessageAsync(NpgsqlDataSource dataSource, long id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var sets = (await connection.QueryAsync<Row>(new CommandDefinition($"""
            SELECT {Columns} FROM hub.sent_set WHERE message_id = @Id ORDER BY group_control, set_control
            """, new { Id = id }, cancellationToken: cancellationToken))).Select(r => r.View()).ToList();
        return sets.Count == 0
            ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"Message {id} is not an X12 document awaiting acknowledgment.")
            : Results.Ok(sets);
    }
}
