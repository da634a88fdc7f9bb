using Dapper;
using Npgsql;

namespace IntegrationHub.Features.AckTracking;

/// <summary>
/// The sets the hub sent that a partner has not acknowledged within its window, counted from the first successful
/// delivery of their message (a set still on its way, held or parked is not overdue: it is not with the partner).
/// </summary>
internal static class OverdueSets
{
    public sealed record Overdue(long MessageId, string PartnerId, string SetId, string SetControl, string InterchangeControl, string GroupControl,
        DateTime SentAt, DateTime? AlertedAt);

    public static async Task<List<Overdue>> FindAsync(NpgsqlConnection connection, AckTrackingOptions options, DateTimeOffset now, int limit,
        CancellationToken cancellationToken, NpgsqlTransaction? transaction = null, bool unalertedOnly = false)
    {
        var partners = options.WindowHours.Keys.ToArray();
        var hours = partners.Select(p => options.WindowHours[p]).ToArray();
        return [.. await connection.QueryAsync<Overdue>(new CommandDefinition($"""
            SELECT s.message_id AS MessageId, s.partner_id AS PartnerId, s.set_id AS SetId, s.set_control AS SetControl,
                   s.interchange_control AS InterchangeControl, s.group_control AS GroupControl, a.sent_at AS SentAt, s.alerted_at AS AlertedAt
            FROM hub.sent_set s
            JOIN LATERAL (SELECT min(attempted_at) AS sent_at FROM hub.attempt WHERE message_id = s.message_id AND outcome = 'succeeded') a ON true
            LEFT JOIN unnest(@Partners::text[], @Hours::float8[]) AS w(partner_id, hours) ON w.partner_id = s.partner_id
            WHERE s.status = 'awaiting' AND a.sent_at IS NOT NULL
              AND a.sent_at < @Now - make_interval(secs => coalesce(w.hours, @DefaultHours) * 3600)
              {(unalertedOnly ? "AND s.alerted_at IS NULL" : "")}
            ORDER BY a.sent_at, s.message_id, s.set_control
            LIMIT @Limit
            {(unalertedOnly ? "FOR UPDATE OF s SKIP LOCKED" : "")}
            """, new { Partners = partners, Hours = hours, Now = now.UtcDateTime, DefaultHours = options.DefaultWindowHours, Limit = limit },
            transaction, cancellationToken: cancellationToken))];
    }
}
