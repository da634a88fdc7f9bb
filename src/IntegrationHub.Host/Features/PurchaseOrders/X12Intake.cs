using Dapper;
using IntegrationHub.Formats.X12;
using IntegrationHub.Partners;
using IntegrationHub.Persistence;
using IntegrationHub.Pipeline;
using IntegrationHub.Pipeline.Dispatch;
using IntegrationHub.Pipeline.Inbox;
using IntegrationHub.Pipeline.Outbox;
using Microsoft.Extensions.Options;
using Npgsql;

namespace IntegrationHub.Features.PurchaseOrders;

/// <summary>What storing an X12 file gave: the message, the acknowledgment it was answered with, and how its sets fared.</summary>
internal sealed record X12IntakeResult(long MessageId, byte[]? Acknowledgment, string? AcknowledgmentType, int Sets, int SetsAccepted, bool Duplicate,
    bool Conflict);

/// <summary>
/// Stores an authenticated X12 file and acknowledges it, in one transaction: the raw bytes; one key per interchange
/// (sender and ISA13, unique, so a resent interchange is found at insert); the 997/999 (and TA1) the partner's policy
/// asks for, with control numbers reserved from the partner's counters in the same transaction; and the
/// acknowledgment queued for the partner's outbound channel. Translation and delivery follow in the background.
/// It takes the <see cref="HubDatabase"/>, not its data source: the inbox folder (a hosted service) holds it from start,
/// and the data source must not be created, and so disposed, by the container ahead of the Hangfire server.
/// </summary>
internal sealed partial class X12Intake(HubDatabase database, PipelineJobs jobs, IOptions<PipelineOptions> options, TimeProvider time,
    ILogger<X12Intake> logger)
{
    public const string ContentType = "application/edi-x12";

    public async Task<X12IntakeResult> StoreAsync(Partner partner, IReadOnlyList<X12InterchangeHeader> interchanges, byte[] raw, string contentType,
        CancellationToken cancellationToken)
    {
        var documentType = string.Join(",", interchanges.SelectMany(i => i.SetIds).Distinct());
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        long messageId, outboundId = 0;
        byte[]? ack;
        string? ackType;
        X12ValidationReport report;
        string? channel;
        var matchOnly = false;
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            var stored = (Intake.Stored)await InboundMessages.InsertAsync(transaction,
                new InboundDocument("x12", partner.Id, documentType.Length == 0 ? "unknown" : documentType, null, raw, contentType, null),
                null, null, InboundMessages.Received, "[]", cancellationToken);
            messageId = stored.Id;
            var keyed = 0;
            foreach (var interchange in interchanges)
            {
                keyed += await connection.ExecuteAsync(new CommandDefinition("""
                    INSERT INTO hub.x12_interchange (partner_id, sender, control_number, message_id) VALUES (@PartnerId, @Sender, @ControlNumber, @MessageId)
                    ON CONFLICT DO NOTHING
                    """, new { PartnerId = partner.Id, Sender = Sender(interchange), interchange.ControlNumber, MessageId = messageId }, transaction,
                    cancellationToken: cancellationToken));
            }
            if (keyed < interchanges.Count)
            {
                await transaction.RollbackAsync(cancellationToken);
                var duplicate = await DuplicateAsync(connection, partner, interchanges, raw, cancellationToken);
                LogDuplicate(partner.Id, interchanges[0].ControlNumber, duplicate.MessageId, duplicate.Conflict);
                return duplicate;
            }

            (ack, ackType, report) = await AcknowledgeAsync(transaction, partner, interchanges, raw, cancellationToken);
            // A file of TA1s only has no sets to accept, and still goes on to be matched to what the hub sent.
            matchOnly = report.SetsAccepted == 0 && interchanges.All(i => i.SetIds.Count == 0)
                && IntegrationHub.Translation.X12Acknowledgments.Read(raw).Count > 0;
            var status = report.SetsAccepted > 0 || matchOnly ? InboundMessages.Received : InboundMessages.Rejected;
            await InboundMessages.SetReplyAsync(transaction, messageId, ack ?? [], ContentType, status, DiagnosticsJson.Write(report.Diagnostics), cancellationToken);
            channel = OutboundMessages.ChannelFor(partner, "x12", options.Value);
            if (ack is not null)
                outboundId = await OutboundMessages.InsertAsync(transaction, "x12", partner.Id, ackType!, ack, ContentType, messageId, channel, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        if (report.SetsAccepted > 0 || matchOnly) jobs.Translate(messageId);
        if (outboundId > 0 && channel is not null) jobs.Send(outboundId);
        return new X12IntakeResult(messageId, ack, ackType, report.Sets, report.SetsAccepted, Duplicate: false, Conflict: false);
    }

    private async Task<(byte[]? Ack, string? Type, X12ValidationReport Report)> AcknowledgeAsync(NpgsqlTransaction transaction, Partner partner,
        IReadOnlyList<X12InterchangeHeader> interchanges, byte[] raw, CancellationToken cancellationToken)
    {
        var policy = partner.X12Settings?.Acknowledgment ?? "997";
        var (kind, type) = policy switch
        {
            "999" => (X12AckKind.Implementation999, "999"),
            "none" => (X12AckKind.Auto, (string?)null),
            _ => (X12AckKind.Functional997, "997"),
        };
        var isa = await OutboundMessages.ReserveControlNumbersAsync(transaction, partner.Id, "isa", interchanges.Count, cancellationToken);
        var gs = await OutboundMessages.ReserveControlNumbersAsync(transaction, partner.Id, "gs", Math.Max(1, interchanges.Sum(i => i.Groups)), cancellationToken);
        using var input = new MemoryStream(raw, writable: false);
        using var output = type is null ? null : new MemoryStream();
        var report = X12Validation.Validate(input, output, new X12ValidationOptions
        {
            Ack = kind, Time = time, InterchangeControlNumber = isa, GroupControlNumber = gs,
        });
        return (output is { Length: > 0 } ? output.ToArray() : null, type, report);
    }

    private static async Task<X12IntakeResult> DuplicateAsync(NpgsqlConnection connection, Partner partner, IReadOnlyList<X12InterchangeHeader> interchanges,
        byte[] raw, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var keys = interchanges.Select(i => new { PartnerId = partner.Id, Sender = Sender(i), i.ControlNumber }).ToList();
        long? firstId = null;
        foreach (var key in keys)
        {
            firstId = await connection.ExecuteScalarAsync<long?>(new CommandDefinition("""
                SELECT message_id FROM hub.x12_interchange WHERE partner_id = @PartnerId AND sender = @Sender AND control_number = @ControlNumber
                """, key, transaction, cancellationToken: cancellationToken));
            if (firstId is not null) break;
        }
        var first = await InboundMessages.FirstAsync(transaction, "id = @Id", new { Id = firstId }, System.Security.Cryptography.SHA256.HashData(raw),
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var type = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT document_type FROM hub.message WHERE in_reply_to = @Id AND direction = 'out' ORDER BY id LIMIT 1", new { first.Id },
            cancellationToken: cancellationToken));
        return new X12IntakeResult(first.Id, first.Reply is { Length: > 0 } reply ? reply : null, type, 0, 0, Duplicate: true, Conflict: !first.SameContent);
    }

    [LoggerMessage(1, LogLevel.Warning, "X12 interchange {ControlNumber} from {PartnerId} was received before as message {MessageId} (other content: {Conflict})")]
    private partial void LogDuplicate(string partnerId, string controlNumber, long messageId, bool conflict);

    private static string Sender(X12InterchangeHeader interchange) => $"{interchange.SenderQualifier}/{interchange.Sender}";
}
