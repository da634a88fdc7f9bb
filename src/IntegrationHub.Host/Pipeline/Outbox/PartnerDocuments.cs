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
        if (mappings.Partners.Find(inbound.PartnerId) is not { } partner) return (0, $"[\"Partner {inbound.PartnerId} is not configured.\"]");
        var now = time.GetUtcNow();
        var x12 = inbound.Protocol == "x12";
        var version = x12 ? partner.X12Settings?.Version ?? "004010" : null;
        var map = mappings.Maps.FindOutbound(inbound.Protocol, x12 ? x12Document : cxmlDocument, version, partner.Id);
        if (map is null) return (0, $"[\"No outbound map writes {(x12 ? x12Document : cxmlDocument)} for {inbound.Protocol} {version}.\"]");
        var envelope = await EnvelopeAsync(transaction, inbound, partner, now, cancellationToken);
        var written = OutboundTranslation.Write(map, document, partner, envelope);
        if (!written.Succeeded) return (0, DiagnosticsJson.Write(written.Diagnostics, map.Header.Document));
        var contentType = x12 ? "application/edi-x12" : "text/xml; charset=utf-8";
        var id = await OutboundMessages.InsertAsync(transaction, inbound.Protocol, partner.Id, map.Header.Document, written.Output!, contentType, inbound.Id,
            OutboundMessages.ChannelFor(partner, inbound.Protocol, options), cancellationToken, acknowledges, envelope.Cxml?.PayloadId);
        if (x12 && id > 0) await SentSets.RecordAsync(transaction, id, partner.Id, written.Output!, cancellationToken); // awaits its 997/999
        return (id, null);
    }

    private static async Task<OutboundEnvelope> EnvelopeAsync(NpgsqlTransaction transaction, Inbound inbound, Partner partner, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (inbound.Protocol == "x12")
        {
            using var raw = new MemoryStream(inbound.Raw, writable: false);
            var header = X12InterchangeHeaders.FirstAddress(raw) // the hub, as the partner addressed it, sends the answer
                ?? throw new InvalidOperationException($"Inbound message {inbound.Id} holds no X12 interchange.");
            var isa = await OutboundMessages.ReserveControlNumbersAsync(transaction, partner.Id, "isa", 1, cancellationToken);
            var gs = await OutboundMessages.ReserveControlNumbersAsync(transaction, partner.Id, "gs", 1, cancellationToken);
            return new OutboundEnvelope(X12: new X12EnvelopeValues(header.ReceiverQualifier, header.Receiver, header.Receiver, now, isa, gs, "0001",
                Test: header.Usage == "T"));
        }
        var order = CxmlReader.Read(inbound.Raw).Document;
        var hub = order?.Header?.To ?? [];
        return new OutboundEnvelope(Cxml: new CxmlEnvelopeValues($"{now.ToUnixTimeMilliseconds()}.{inbound.Id}.{Guid.NewGuid():N}@integration-hub", now,
            hub, hub, "IntegrationHub", order?.DeploymentMode ?? "production"));
    }
}
