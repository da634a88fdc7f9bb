using Dapper;
using IntegrationHub.Formats.Cxml;
using IntegrationHub.Formats.X12;
using IntegrationHub.Partners;
using IntegrationHub.Translation;
using Npgsql;

namespace IntegrationHub.Pipeline.Outbox;

/// <summary>
/// Writes a canonical document to a partner in the format its order came in (X12 in the partner's version, or cXML),
/// addressed as the partner addressed the hub, and records it as an outbound message with control numbers from the
/// partner's locked counters, in the caller's transaction. What the map cannot write is returned as diagnostics.
/// </summary>
internal static class PartnerDocuments
{
    /// <summary>
    /// The inbound message an order came in: its protocol, partner, payloadID (cXML) and raw content, where only the envelope
    /// counts: a cXML document whole (its Header), an X12 file's first <see cref="X12Beginning"/> bytes (its first ISA).
    /// </summary>
    public sealed record Inbound(long Id, string Protocol, string PartnerId, string? DedupeKey, byte[] Raw);

    /// <summary>
    /// How much of an inbound X12 file is read to address the answer: its first ISA and first set, with room to spare. A file
    /// of 2,000 850s is 11 MB; fetching and reading it whole for each of its orders' 855s was most of the delivery's time.
    /// </summary>
    internal const int X12Beginning = 65_536;

    public static Task<Inbound> InboundOfOrderAsync(NpgsqlTransaction transaction, long orderId, CancellationToken cancellationToken) =>
        transaction.Connection!.QuerySingleAsync<Inbound>(new CommandDefinition("""
            SELECT m.id, m.protocol, m.partner_id AS PartnerId, m.dedupe_key AS DedupeKey,
                   CASE WHEN m.protocol = 'x12' THEN substring(m.raw FROM 1 FOR @Beginning) ELSE m.raw END AS raw
            FROM hub.purchase_order o JOIN hub.message m ON m.id = o.message_id WHERE o.id = @Id
            """, new { Id = orderId, Beginning = X12Beginning }, transaction, cancellationToken: cancellationToken));

    /// <summary>Writes and records <paramref name="document"/>; returns the outbound message id (0: not recorded) or the diagnostics.</summary>
    public static async Task<(long OutboundId, string? Diagnostics)> QueueAsync(NpgsqlTransaction transaction, Inbound inbound, string x12Document,
        string cxmlDocument, object document, MappingSet mappings, TimeProvider time, PipelineOptions options, CancellationToken cancellationToken,
        long? acknowledges = null)
    {
        var written = Write(inbound, x12Document, cxmlDocument, document, mappings, time, options, acknowledges);
        return written.Diagnostics is not null ? (0, written.Diagnostics) : (await RecordAsync(transaction, written, cancellationToken), null);
    }

    /// <summary>
    /// A document written for its partner and validated, not yet recorded; an X12 one carries placeholder control numbers
    /// (<see cref="Placeholder"/>) until <see cref="RecordAsync"/> numbers it. <see cref="Diagnostics"/> set: it could not be written.
    /// </summary>
    public sealed record Written(Inbound Inbound, string PartnerId, string DocumentType, byte[] Output, string ContentType, string? Channel, long? Acknowledges,
        string? PayloadId, string? Diagnostics = null)
    {
        public bool X12 => Inbound.Protocol == "x12";
    }

    /// <summary>The control number an X12 document is written with before its own are reserved.</summary>
    internal const long Placeholder = 1;

    /// <summary>
    /// Maps and writes <paramref name="document"/> for the partner of <paramref name="inbound"/>, addressed as the partner
    /// addressed the hub, and validates it (X12 read back): all of it without a lock, before any control number is taken.
    /// </summary>
    public static Written Write(Inbound inbound, string x12Document, string cxmlDocument, object document, MappingSet mappings, TimeProvider time,
        PipelineOptions options, long? acknowledges = null)
    {
        Written Failed(string diagnostics) => new(inbound, inbound.PartnerId, "", [], "", null, acknowledges, null, diagnostics);
        if (mappings.Partners.Find(inbound.PartnerId) is not { } partner) return Failed($"[\"Partner {inbound.PartnerId} is not configured.\"]");
        var now = time.GetUtcNow();
        var x12 = inbound.Protocol == "x12";
        var version = x12 ? partner.X12Settings?.Version ?? "004010" : null;
        var map = mappings.Maps.FindOutbound(inbound.Protocol, x12 ? x12Document : cxmlDocument, version, partner.Id);
        if (map is null) return Failed($"[\"No outbound map writes {(x12 ? x12Document : cxmlDocument)} for {inbound.Protocol} {version}.\"]");
        var envelope = Envelope(inbound, now);
        var written = OutboundTranslation.Write(map, document, partner, envelope);
        if (!written.Succeeded) return Failed(DiagnosticsJson.Write(written.Diagnostics, map.Header.Document));
        return new Written(inbound, partner.Id, map.Header.Document, written.Output!, x12 ? "application/edi-x12" : "text/xml; charset=utf-8",
            OutboundMessages.ChannelFor(partner, inbound.Protocol, options), acknowledges, envelope.Cxml?.PayloadId);
    }

    /// <summary>
    /// Records a written document as an outbound message in the caller's transaction: an X12 one first takes its ISA13 and
    /// GS06 from the partner's counters (one statement; the rows stay locked until the transaction ends) and is renumbered,
    /// its sets recorded as awaiting their 997/999. Returns the outbound message id (0: an acknowledgment already recorded).
    /// </summary>
    public static async Task<long> RecordAsync(NpgsqlTransaction transaction, Written written, CancellationToken cancellationToken)
    {
        var output = written.Output;
        if (written.X12)
        {
            var (isa, gs) = await OutboundMessages.ReserveEnvelopeNumbersAsync(transaction, written.PartnerId, 1, 1, cancellationToken);
            output = X12TreeWriter.Renumber(output, isa, gs);
        }
        var id = await OutboundMessages.InsertAsync(transaction, written.Inbound.Protocol, written.PartnerId, written.DocumentType, output, written.ContentType,
            written.Inbound.Id, written.Channel, cancellationToken, written.Acknowledges, written.PayloadId);
        if (written.X12 && id > 0) await SentSets.RecordAsync(transaction, id, written.PartnerId, output, cancellationToken); // awaits its 997/999
        return id;
    }

    private static OutboundEnvelope Envelope(Inbound inbound, DateTimeOffset now)
    {
        if (inbound.Protocol == "x12")
        {
            using var raw = new MemoryStream(inbound.Raw, writable: false);
            var header = X12InterchangeHeaders.FirstAddress(raw) // the hub, as the partner addressed it, sends the answer
                ?? throw new InvalidOperationException($"Inbound message {inbound.Id} holds no X12 interchange.");
            return new OutboundEnvelope(X12: new X12EnvelopeValues(header.ReceiverQualifier, header.Receiver, header.Receiver, now, Placeholder, Placeholder, "0001",
                Test: header.Usage == "T"));
        }
        var order = CxmlReader.Read(inbound.Raw).Document;
        var hub = order?.Header?.To ?? [];
        return new OutboundEnvelope(Cxml: new CxmlEnvelopeValues($"{now.ToUnixTimeMilliseconds()}.{inbound.Id}.{Guid.NewGuid():N}@integration-hub", now,
            hub, hub, "IntegrationHub", order?.DeploymentMode ?? "production"));
    }
}
