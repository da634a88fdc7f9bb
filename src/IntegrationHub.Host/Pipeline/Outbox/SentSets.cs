using System.Text.Json;
using Dapper;
using IntegrationHub.Translation;
using Npgsql;

namespace IntegrationHub.Pipeline.Outbox;

/// <summary>
/// The X12 sets the hub sent, awaiting their 997/999: recorded with the outbound message, and matched to the
/// acknowledgments the partner sends back by their control numbers (GS01 + GS06 and ST01 + ST02; ISA13 for a TA1), in
/// the caller's transaction. Control numbers are compared without leading zeros. Where a number was used twice (the
/// counters wrap), the latest message that used it is the one acknowledged.
/// </summary>
internal static class SentSets
{
    public const string Awaiting = "awaiting", Accepted = "accepted", Rejected = "rejected";

    /// <summary>One set an acknowledgment named, and what it said: the outcome of matching, for the log and the inbound message's diagnostics.</summary>
    public sealed record Verdict(long MessageId, string SetId, string SetControlNumber, string Status, string Code);

    /// <summary>Records every set of the X12 file <paramref name="x12"/> sent as outbound message <paramref name="messageId"/> as awaiting.</summary>
    public static async Task RecordAsync(NpgsqlTransaction transaction, long messageId, string partnerId, byte[] x12, CancellationToken cancellationToken)
    {
        var sets = X12Acknowledgments.SetsOf(x12).Where(set => !X12Acknowledgments.IsAcknowledgment(set.SetId)).ToList(); // acknowledgments are not acknowledged
        if (sets.Count == 0) return;
        await transaction.Connection!.ExecuteAsync(new CommandDefinition("""
            INSERT INTO hub.sent_set (message_id, partner_id, interchange_control, functional_id, group_control, set_id, set_control)
            SELECT @MessageId, @PartnerId, s.isa, s.functional_id, s.gs, s.set_id, s.st
            FROM unnest(@Isa, @FunctionalId, @Gs, @SetId, @St) AS s (isa, functional_id, gs, set_id, st)
            ON CONFLICT DO NOTHING
            """, new
        {
            MessageId = messageId, PartnerId = partnerId,
            Isa = sets.Select(s => Number(s.InterchangeControlNumber)).ToArray(), FunctionalId = sets.Select(s => s.FunctionalId).ToArray(),
            Gs = sets.Select(s => Number(s.GroupControlNumber)).ToArray(), SetId = sets.Select(s => s.SetId).ToArray(),
            St = sets.Select(s => Number(s.SetControlNumber)).ToArray(),
        }, transaction, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Applies every 997, 999 and TA1 in the inbound X12 file <paramref name="raw"/> (message <paramref name="ackMessageId"/>
    /// from <paramref name="partnerId"/>) to the sets they name; returns what each said and the diagnostics to keep on
    /// the inbound message (an acknowledgment that names nothing we sent is a warning there).
    /// </summary>
    public static async Task<(List<Verdict> Verdicts, List<DiagnosticsJson.Entry> Diagnostics)> MatchAsync(NpgsqlTransaction transaction, long ackMessageId,
        string partnerId, byte[] raw, CancellationToken cancellationToken)
    {
        var verdicts = new List<Verdict>();
        var diagnostics = new List<DiagnosticsJson.Entry>();
        foreach (var ack in X12Acknowledgments.Read(raw))
        {
            var matched = ack.Kind == "TA1"
                ? await InterchangeAsync(transaction, ackMessageId, partnerId, ack, cancellationToken)
                : await GroupAsync(transaction, ackMessageId, partnerId, ack, cancellationToken);
            var what = ack.Kind == "TA1" ? $"TA1 for interchange {ack.InterchangeControlNumber}" : $"{ack.Kind} for group {ack.FunctionalId} {ack.GroupControlNumber}";
            if (matched.Count == 0)
            {
                diagnostics.Add(new("warning", "acknowledgment.unmatched", $"The {what} names nothing the hub sent this partner.", "", ack.Kind));
                continue;
            }
            verdicts.AddRange(matched);
            var rejected = matched.Count(v => v.Status == Rejected);
            diagnostics.Add(new(rejected > 0 ? "warning" : "info", rejected > 0 ? "acknowledgment.rejected" : "acknowledgment.matched",
                $"The {what} (code {ack.Code}) acknowledges message {matched[0].MessageId}: {matched.Count} set(s), {rejected} rejected."
                + (ack.Note.Length > 0 ? $" {ack.Note}" : ""), "", ack.Kind));
        }
        return (verdicts, diagnostics);
    }

    private sealed record Row(long MessageId, string SetId, string SetControl, string Status);

    private static async Task<List<Verdict>> GroupAsync(NpgsqlTransaction transaction, long ackMessageId, string partnerId, X12ReceivedAcknowledgment ack,
        CancellationToken cancellationToken)
    {
        var rows = await transaction.Connection!.QueryAsync<Row>(new CommandDefinition("""
            SELECT message_id AS MessageId, set_id AS SetId, set_control AS SetControl, status FROM hub.sent_set
            WHERE message_id = (SELECT max(message_id) FROM hub.sent_set WHERE partner_id = @PartnerId AND functional_id = @FunctionalId AND group_control = @Gs)
              AND group_control = @Gs
            ORDER BY set_control
            FOR UPDATE
            """, new { PartnerId = partnerId, ack.FunctionalId, Gs = Number(ack.GroupControlNumber!) }, transaction, cancellationToken: cancellationToken));
        var verdicts = new List<Verdict>();
        foreach (var row in rows)
        {
            // A set without its own AK2 takes the group's AK9: a 997 may list only the sets it rejects, or none when all are accepted.
            var named = ack.Sets.FirstOrDefault(s => s.SetId == row.SetId && Number(s.SetControlNumber) == row.SetControl);
            var code = named?.Code ?? ack.Code;
            var accepted = named is null ? ack.Code is "A" or "E" or "P" : code is "A" or "E";
            string[] errors = named is null ? [] : [.. named.Errors];
            var status = accepted ? Accepted : Rejected;
            await transaction.Connection!.ExecuteAsync(new CommandDefinition("""
                UPDATE hub.sent_set SET status = @Status, ack_code = @Code, ack_errors = CAST(@Errors AS jsonb), ack_message_id = @Ack, acknowledged_at = now()
                WHERE message_id = @MessageId AND group_control = @Gs AND set_control = @St
                """, new
            {
                Status = status, Code = code, Errors = JsonSerializer.Serialize(errors), Ack = ackMessageId, row.MessageId, Gs = Number(ack.GroupControlNumber!),
                St = row.SetControl,
            }, transaction, cancellationToken: cancellationToken));
            verdicts.Add(new Verdict(row.MessageId, row.SetId, row.SetControl, status, code));
        }
        return verdicts;
    }

    // A TA1 says whether the interchange could be read: a rejection (R) rejects every set in it; an acceptance is noted
    // and the sets still await their 997/999.
    private static async Task<List<Verdict>> InterchangeAsync(NpgsqlTransaction transaction, long ackMessageId, string partnerId, X12ReceivedAcknowledgment ack,
        CancellationToken cancellationToken)
    {
        var rejected = ack.Code == "R";
        var rows = await transaction.Connection!.QueryAsync<Row>(new CommandDefinition("""
            UPDATE hub.sent_set SET interchange_ack = @Code,
                   status = CASE WHEN @Rejected THEN 'rejected' ELSE status END,
                   ack_code = CASE WHEN @Rejected THEN 'TA1 ' || @Code ELSE ack_code END,
                   ack_errors = CASE WHEN @Rejected THEN CAST(@Errors AS jsonb) ELSE ack_errors END,
                   ack_message_id = CASE WHEN @Rejected THEN @Ack ELSE ack_message_id END,
                   acknowledged_at = CASE WHEN @Rejected THEN now() ELSE acknowledged_at END
            WHERE message_id = (SELECT max(message_id) FROM hub.sent_set WHERE partner_id = @PartnerId AND interchange_control = @Isa)
              AND interchange_control = @Isa
            RETURNING message_id AS MessageId, set_id AS SetId, set_control AS SetControl, status
            """, new
        {
            ack.Code, Rejected = rejected, Errors = JsonSerializer.Serialize(new[] { $"TA105 {ack.Note}" }), Ack = ackMessageId, PartnerId = partnerId,
            Isa = Number(ack.InterchangeControlNumber!),
        }, transaction, cancellationToken: cancellationToken));
        return [.. rows.Select(row => new Verdict(row.MessageId, row.SetId, row.SetControl, row.Status, "TA1 " + ack.Code))];
    }

    /// <summary>A control number as kept: without leading zeros (and "0" for all zeros).</summary>
    public static string Number(string value)
    {
        var trimmed = value.Trim().TrimStart('0');
        return trimmed.Length == 0 && value.Trim().Length > 0 ? "0" : trimmed;
    }
}
