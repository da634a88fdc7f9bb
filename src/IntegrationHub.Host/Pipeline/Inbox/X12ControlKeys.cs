using Dapper;
using IntegrationHub.Formats.X12;
using IntegrationHub.Partners;
using Npgsql;

namespace IntegrationHub.Pipeline.Inbox;

/// <summary>
/// Claims the group (GS06) and set (ST02) control numbers of a file for its sender, in the intake transaction, as the
/// partner's policy asks (<c>x12.duplicateGroups</c>, <c>x12.duplicateSets</c>). A number the sender used before is
/// found by the key's unique constraint at insert, never by looking first: it is rejected (the 997/999 says why and the
/// sets are not translated) or flagged (accepted, with a warning for an engineer). Either way it is a diagnostic on the
/// message naming the set and the message that used the number first.
/// </summary>
internal static class X12ControlKeys
{
    /// <summary>Diagnostic codes; a rejected one names the set (<c>850 #3</c>) that translation leaves out.</summary>
    public const string RejectedCode = "x12.duplicate.rejected", FlaggedCode = "x12.duplicate.flagged";

    /// <summary>What claiming found: the groups and sets (by ordinal in the file) to reject, and the diagnostics.</summary>
    public sealed record Claimed(IReadOnlySet<int> RejectedGroups, IReadOnlySet<int> RejectedSets, IReadOnlyList<DiagnosticsJson.Entry> Diagnostics);

    private sealed record Key(string Sender, string ApplicationSender, string Kind, string ControlNumber);

    public static async Task<Claimed> ClaimAsync(NpgsqlTransaction transaction, Partner partner, IReadOnlyList<X12InterchangeHeader> interchanges, long messageId,
        CancellationToken cancellationToken)
    {
        var settings = partner.X12Settings ?? new X12Settings();
        var rejectedGroups = new HashSet<int>();
        var rejectedSets = new HashSet<int>();
        var diagnostics = new List<DiagnosticsJson.Entry>();
        var groups = interchanges.SelectMany(i => i.GroupHeaders.Select(g => (Interchange: i, Group: g))).ToList();

        if (settings.DuplicateGroups != DuplicatePolicy.Ignore)
        {
            var keys = groups.Select(x => new Key(Sender(x.Interchange), x.Group.ApplicationSender, x.Group.FunctionalId, Numeric(x.Group.ControlNumber))).ToList();
            var seen = await InsertAsync(transaction, "x12_group_key", "functional_id", partner.Id, keys, messageId, cancellationToken);
            for (var i = 0; i < groups.Count; i++)
            {
                if (seen[i] is not { } first) continue;
                var (_, group) = groups[i];
                var reject = settings.DuplicateGroups == DuplicatePolicy.Reject;
                if (reject) rejectedGroups.Add(group.Ordinal);
                foreach (var set in group.Sets)
                {
                    if (reject) rejectedSets.Add(set.Ordinal);
                    diagnostics.Add(Entry(reject, $"Group control number {group.ControlNumber} ({group.FunctionalId}) was used before by this sender, in message {first}.",
                        $"GS*{group.FunctionalId}*{group.ControlNumber}", set));
                }
            }
        }
        if (settings.DuplicateSets != DuplicatePolicy.Ignore)
        {
            var sets = groups.SelectMany(x => x.Group.Sets.Select(s => (x.Interchange, x.Group, Set: s))).ToList();
            var keys = sets.Select(x => new Key(Sender(x.Interchange), x.Group.ApplicationSender, x.Set.SetId, x.Set.ControlNumber)).ToList();
            var seen = await InsertAsync(transaction, "x12_set_key", "set_id", partner.Id, keys, messageId, cancellationToken);
            for (var i = 0; i < sets.Count; i++)
            {
                if (seen[i] is not { } first || rejectedSets.Contains(sets[i].Set.Ordinal)) continue;
                var set = sets[i].Set;
                var reject = settings.DuplicateSets == DuplicatePolicy.Reject;
                if (reject) rejectedSets.Add(set.Ordinal);
                diagnostics.Add(Entry(reject, $"Set control number {set.ControlNumber} ({set.SetId}) was used before by this sender, in message {first}.",
                    $"ST*{set.SetId}*{set.ControlNumber}", set));
            }
        }
        return new Claimed(rejectedGroups, rejectedSets, diagnostics);
    }

    /// <summary>The name translation gives the set (<c>850 #3</c>), which a rejected duplicate's diagnostic carries.</summary>
    public static string DocumentName(X12SetHeader set) => $"{set.SetId} #{set.Ordinal + 1}";

    /// <summary>The sets a message's intake diagnostics rejected as duplicates, by their translation name.</summary>
    public static IReadOnlySet<string> Rejected(IEnumerable<DiagnosticsJson.Entry> intake) =>
        intake.Where(e => e.Code == RejectedCode && e.Document is not null).Select(e => e.Document!).ToHashSet(StringComparer.Ordinal);

    private static DiagnosticsJson.Entry Entry(bool reject, string message, string position, X12SetHeader set) =>
        new(reject ? "error" : "warning", reject ? RejectedCode : FlaggedCode, message, position, DocumentName(set));

    /// <summary>
    /// Inserts the keys (sorted, so concurrent files lock them in one order) and gives, per key in the order given,
    /// null when this file claimed it, or the message that claimed it first (before, or earlier in this file).
    /// </summary>
    private static async Task<long?[]> InsertAsync(NpgsqlTransaction transaction, string table, string kindColumn, string partnerId, IReadOnlyList<Key> keys,
        long messageId, CancellationToken cancellationToken)
    {
        var found = new long?[keys.Count];
        if (keys.Count == 0) return found;
        var distinct = keys.Distinct().OrderBy(k => k.Sender, StringComparer.Ordinal).ThenBy(k => k.ApplicationSender, StringComparer.Ordinal)
            .ThenBy(k => k.Kind, StringComparer.Ordinal).ThenBy(k => k.ControlNumber, StringComparer.Ordinal).ToList();
        var claimed = (await transaction.Connection!.QueryAsync<Key>(new CommandDefinition($"""
            INSERT INTO hub.{table} (partner_id, sender, application_sender, {kindColumn}, control_number, message_id)
            SELECT @PartnerId, k.sender, k.application_sender, k.kind, k.control_number, @MessageId
            FROM unnest(@Senders, @ApplicationSenders, @Kinds, @ControlNumbers) WITH ORDINALITY AS k (sender, application_sender, kind, control_number, n)
            ORDER BY k.n
            ON CONFLICT DO NOTHING
            RETURNING sender, application_sender AS ApplicationSender, {kindColumn} AS Kind, control_number AS ControlNumber
            """, new
        {
            PartnerId = partnerId, MessageId = messageId, Senders = distinct.Select(k => k.Sender).ToArray(),
            ApplicationSenders = distinct.Select(k => k.ApplicationSender).ToArray(), Kinds = distinct.Select(k => k.Kind).ToArray(),
            ControlNumbers = distinct.Select(k => k.ControlNumber).ToArray(),
        }, transaction, cancellationToken: cancellationToken))).ToHashSet();
        var firstInFile = new HashSet<Key>();
        for (var i = 0; i < keys.Count; i++)
        {
            if (claimed.Contains(keys[i]) && firstInFile.Add(keys[i])) continue;
            found[i] = firstInFile.Contains(keys[i]) ? messageId : await transaction.Connection!.ExecuteScalarAsync<long>(new CommandDefinition($"""
                SELECT message_id FROM hub.{table}
                WHERE partner_id = @PartnerId AND sender = @Sender AND application_sender = @ApplicationSender AND {kindColumn} = @Kind AND control_number = @ControlNumber
                """, new { PartnerId = partnerId, keys[i].Sender, keys[i].ApplicationSender, keys[i].Kind, keys[i].ControlNumber }, transaction,
                cancellationToken: cancellationToken));
        }
        return found;
    }

    private static string Sender(X12InterchangeHeader interchange) => $"{interchange.SenderQualifier}/{interchange.Sender}";

    // GS06 is N0: 000101 and 101 are one number.
    private static string Numeric(string controlNumber) => controlNumber.TrimStart('0') is { Length: > 0 } trimmed ? trimmed : "0";
}
