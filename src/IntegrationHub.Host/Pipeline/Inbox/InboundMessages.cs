using System.Security.Cryptography;
using Dapper;
using Npgsql;

namespace IntegrationHub.Pipeline.Inbox;

/// <summary>An inbound document as it is stored, before anything else happens to it.</summary>
/// <param name="Protocol"><c>cxml</c> or <c>x12</c>.</param>
/// <param name="PartnerId">The authenticated partner.</param>
/// <param name="DocumentType">OrderRequest; for X12 the set ids of the file (850, 850,860).</param>
/// <param name="DedupeKey">cXML payloadID; null for X12 (its interchanges are keyed apart).</param>
/// <param name="Raw">The bytes as received.</param>
/// <param name="ContentType">The request's content type.</param>
/// <param name="Reference">The buyer's reference shown in searches (an order number), where known at intake.</param>
internal sealed record InboundDocument(string Protocol, string PartnerId, string DocumentType, string? DedupeKey, byte[] Raw, string ContentType, string? Reference);

/// <summary>What storing an inbound document found: it is new, or it was received before.</summary>
internal abstract record Intake
{
    public sealed record Stored(long Id) : Intake;

    /// <summary>The same key was stored before, as message <paramref name="Id"/>; it was answered with <paramref name="Reply"/>.</summary>
    public sealed record Duplicate(long Id, byte[]? Reply, string? ReplyContentType, bool SameContent) : Intake;
}

/// <summary>Stores inbound documents: raw bytes first, duplicates found by the unique key at insert (never check-then-insert).</summary>
internal static class InboundMessages
{
    public const string Received = "received", Translated = "translated", Rejected = "rejected", Parked = "parked";

    /// <summary>Inserts the document in <paramref name="transaction"/>; a duplicate dedupe key inserts nothing and names the first.</summary>
    public static async Task<Intake> InsertAsync(NpgsqlTransaction transaction, InboundDocument document, byte[]? reply, string? replyContentType,
        string status, string diagnosticsJson, CancellationToken cancellationToken)
    {
        var sha = SHA256.HashData(document.Raw);
        var id = await transaction.Connection!.ExecuteScalarAsync<long?>(new CommandDefinition("""
            INSERT INTO hub.message (direction, protocol, partner_id, document_type, dedupe_key, content_sha256, raw, content_type, reply,
                                     reply_content_type, reference, status, diagnostics)
            VALUES ('in', @Protocol, @PartnerId, @DocumentType, @DedupeKey, @Sha, @Raw, @ContentType, @Reply, @ReplyContentType, @Reference, @Status,
                    CAST(@Diagnostics AS jsonb))
            ON CONFLICT (direction, protocol, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING
            RETURNING id
            """, new
        {
            document.Protocol, document.PartnerId, document.DocumentType, document.DedupeKey, Sha = sha, document.Raw, document.ContentType, Reply = reply,
            ReplyContentType = replyContentType, document.Reference, Status = status, Diagnostics = diagnosticsJson,
        }, transaction, cancellationToken: cancellationToken));
        if (id is { } stored) return new Intake.Stored(stored);
        return await FirstAsync(transaction, "dedupe_key = @Key AND protocol = @Protocol", new { Key = document.DedupeKey, document.Protocol }, sha, cancellationToken);
    }

    /// <summary>The message first stored under a key, compared with the content now received.</summary>
    public static async Task<Intake.Duplicate> FirstAsync(NpgsqlTransaction transaction, string where, object parameters, byte[] sha, CancellationToken cancellationToken)
    {
        var first = await transaction.Connection!.QuerySingleAsync<(long Id, byte[]? Reply, string? ReplyContentType, byte[] Sha)>(new CommandDefinition(
            $"SELECT id, reply, reply_content_type, content_sha256 FROM hub.message WHERE direction = 'in' AND {where}", parameters, transaction,
            cancellationToken: cancellationToken));
        return new Intake.Duplicate(first.Id, first.Reply, first.ReplyContentType, first.Sha.AsSpan().SequenceEqual(sha));
    }

    /// <summary>Sets the reply a message was answered with (written in the intake transaction, once the answer is known).</summary>
    public static Task SetReplyAsync(NpgsqlTransaction transaction, long id, byte[] reply, string contentType, string status, string diagnosticsJson,
        CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition("""
            UPDATE hub.message SET reply = @Reply, reply_content_type = @ContentType, status = @Status, diagnostics = CAST(@Diagnostics AS jsonb), updated_at = now()
            WHERE id = @Id
            """, new { Id = id, Reply = reply, ContentType = contentType, Status = status, Diagnostics = diagnosticsJson }, transaction,
            cancellationToken: cancellationToken));
}
