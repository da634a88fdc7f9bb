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
/// (sender and ISA13, unique, so a resent interchange is found at insert); its group and set control numbers, claimed
/// per the partner's duplicate policy (<see cref="X12ControlKeys"/>); the 997/999 (and TA1) the partner's policy asks for, with control numbers reserved from the partner's counters in the same transaction; and the
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

            var duplicates = await X12ControlKeys.ClaimAsync(transaction, partner, interchanges, messageId, cancellationToken);
            foreach (var found in duplicates.Diagnostics) LogControlNumberUsedBefore(partner.Id, found.Position, found.Severity == "error");
            (ack, ackType, report) = await AcknowledgeAsync(transaction, partner, interchanges, raw, duplicates, cancellationToken);
            // A file of TA1s only has no sets to accept, and still goes on to be matched to what the hub sent.
            matchOnly = report.SetsAccepted == 0 && interchanges.All(i => i.SetIds.Count == 0)
                && IntegrationHub.Translation.X12Acknowledgments.Read(raw).Count > 0;
            var status = report.SetsAccepted > 0 || matchOnly ? InboundMessages.Received : InboundMessages.Rejected;
            var diagnostics = DiagnosticsJson.Write([.. report.Diagnostics.Select(d => DiagnosticsJson.From(d)), .. duplicates.Diagnostics]);
            await InboundMessages.SetReplyAsync(transaction, messageId, ack ?? [], ContentType, status, diagnostics, cancellationToken);
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
        IReadOnlyList<X12InterchangeHeader> interchanges, byte[] raw, X12ControlKeys.Claimed duplicates, CancellationToken cancellationToken)
    {
        var (kind, type) = (partner.X12Settings?.Acknowledgment ?? "997") switch
        {
            "999" => (X12AckKind.Implementation999, "999"),
            "none" => (X12AckKind.None, "TA1"), // only a TA1 can be written, when the TA1 policy asks for one
            _ => (X12AckKind.Functional997, "997"),
        };
        var ta1 = (partner.X12Settings?.InterchangeAcknowledgment ?? "requested") switch
        {
            "always" => X12Ta1Policy.Always,
            "errors" => X12Ta1Policy.Errors,
            "never" => X12Ta1Policy.Never,
            _ => X12Ta1Policy.Requested,
        };
        var isa = await OutboundMessages.ReserveControlNumbersAsync(transaction, partner.Id, "isa", interchanges.Count, cancellationToken);
        var gs = await OutboundMessages.ReserveControlNumbersAsync(transaction, partner.Id, "gs", Math.Max(1, interchanges.Sum(i => i.Groups)), cancellationToken);
        using var input = new MemoryStream(raw, writable: false);
        using var output = kind == X12AckKind.None && ta1 == X12Ta1Policy.Never ? null : new MemoryStream();
        var report = X12Validation.Validate(input, output, new X12ValidationOptions
        {
            Ack = kind, Ta1 = ta1, Time = time, InterchangeControlNumber = isa, GroupControlNumber = gs,
            DuplicateGroups = duplicates.RejectedGroups, DuplicateSets = duplicates.RejectedSets,
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

    [LoggerMessage(2, LogLevel.Warning, "{PartnerId} used control number {Position} before (rejected: {Rejected})")]
    private partial void LogControlNumberUsedBefore(string partnerId, string position, bool rejected);

    [LoggerMessage(1, LogLevel.Warning, "X12 interchange {ControlNumber} from {PartnerId} was received before as message {MessageId} (other content: {Conflict})")]
    private partial void LogDuplicate(string partnerId, string controlNumber, long messageId, bool conflict);

    private static string Sender(X12InterchangeHeader interchange) => $"{interchange.SenderQualifier}/{interchange.Sender}";
}
