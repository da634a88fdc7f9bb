using System.Security.Cryptography;
using Dapper;
using IntegrationHub.Partners;
using Npgsql;

namespace IntegrationHub.Pipeline.Outbox;

/// <summary>Records outbound documents and hands out their control numbers, both in the caller's transaction.</summary>
internal static class OutboundMessages
{
    public const string Pending = "pending", Retrying = "retrying", Sent = "sent", Parked = "parked", Held = "held";
    public const string OutboxChannel = "outbox";

    /// <summary>
    /// Reserves <paramref name="count"/> consecutive control numbers of <paramref name="kind"/> (isa, gs) for a partner
    /// and returns the first. The counter's row is created or locked by this statement and stays locked until the
    /// transaction that records the outbound message ends, so no two messages share a number.
    /// </summary>
    public static async Task<long> ReserveControlNumbersAsync(NpgsqlTransaction transaction, string partnerId, string kind, int count,
        CancellationToken cancellationToken)
    {
        if (count <= 0) return 1;
        return await transaction.Connection!.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO hub.control_number AS c (partner_id, kind, next_value) VALUES (@PartnerId, @Kind, 1 + @Count)
            ON CONFLICT (partner_id, kind) DO UPDATE SET next_value = CASE WHEN c.next_value + @Count > 999999999 THEN 1 + @Count ELSE c.next_value + @Count END
            RETURNING next_value - @Count
            """, new { PartnerId = partnerId, Kind = kind, Count = count }, transaction, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Reserves <paramref name="interchanges"/> consecutive ISA13 and <paramref name="groups"/> consecutive GS06 numbers for a
    /// partner in one statement and returns the first of each. As in <see cref="ReserveControlNumbersAsync"/>, the rows are
    /// locked until the caller's transaction ends; the ISA row is taken before the GS row, the order every caller uses.
    /// </summary>
    public static async Task<(long Isa, long Gs)> ReserveEnvelopeNumbersAsync(NpgsqlTransaction transaction, string partnerId, int interchanges, int groups,
        CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(interchanges, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(groups, 1);
        // next_value - count is the first number reserved, whether the counter went on or wrapped to 1.
        var rows = (await transaction.Connection!.QueryAsync<(string Kind, long Next)>(new CommandDefinition("""
            INSERT INTO hub.control_number AS c (partner_id, kind, next_value)
            SELECT @PartnerId, w.kind, 1 + w.count FROM (VALUES (1, 'isa', @Isa), (2, 'gs', @Gs)) AS w (position, kind, count) ORDER BY w.position
            ON CONFLICT (partner_id, kind) DO UPDATE SET next_value = CASE WHEN c.next_value + excluded.next_value - 1 > 999999999 THEN excluded.next_value
                                                                     ELSE c.next_value + excluded.next_value - 1 END
            RETURNING c.kind, c.next_value
            """, new { PartnerId = partnerId, Isa = (long)interchanges, Gs = (long)groups }, transaction, cancellationToken: cancellationToken))).ToList();
        return (rows.Single(r => r.Kind == "isa").Next - interchanges, rows.Single(r => r.Kind == "gs").Next - groups);
    }

    /// <summary>The channel a partner's documents of <paramref name="protocol"/> go out on: its endpoint, the outbox folder, or none.</summary>
    public static string? ChannelFor(Partner partner, string protocol, PipelineOptions options) =>
        partner.Endpoints.TryGetValue(protocol, out var url) ? url
        : string.IsNullOrWhiteSpace(options.OutboxPath) ? null : OutboxChannel;

    /// <summary>
    /// Records an outbound document answering <paramref name="inReplyTo"/>; with no channel it is held, visible to an
    /// engineer. An acknowledgment names the order it <paramref name="acknowledges"/>: a second one for the same order is
    /// not recorded (a unique key), and 0 is returned. A cXML document keeps its payloadID (<paramref name="payloadId"/>) as
    /// its dedupe key, so a partner's StatusUpdateRequest can name it.
    /// </summary>
    public static async Task<long> InsertAsync(NpgsqlTransaction transaction, string protocol, string partnerId, string documentType, byte[] content,
        string contentType, long inReplyTo, string? channel, CancellationToken cancellationToken, long? acknowledges = null, string? payloadId = null) =>
        await transaction.Connection!.ExecuteScalarAsync<long?>(new CommandDefinition("""
            INSERT INTO hub.message (direction, protocol, partner_id, document_type, content_sha256, raw, content_type, status, in_reply_to, channel, last_error,
                                     acknowledges, dedupe_key)
            VALUES ('out', @Protocol, @PartnerId, @DocumentType, @Sha, @Raw, @ContentType, @Status, @InReplyTo, @Channel, @Error, @Acknowledges, @PayloadId)
            ON CONFLICT (acknowledges) DO NOTHING
            RETURNING id
            """, new
        {
            Acknowledges = acknowledges, PayloadId = payloadId,
            Protocol = protocol, PartnerId = partnerId, DocumentType = documentType, Sha = SHA256.HashData(content), Raw = content, ContentType = contentType,
            Status = channel is null ? Held : Pending, InReplyTo = inReplyTo, Channel = channel,
            Error = channel is null ? "The partner has no endpoint for this protocol and Pipeline:OutboxPath is not set." : null,
        }, transaction, cancellationToken: cancellationToken)) ?? 0;
}
