using Dapper;
using IntegrationHub.Canonical;
using IntegrationHub.Formats.Cxml;
using IntegrationHub.Formats.X12;
using IntegrationHub.Pipeline.Outbox;
using IntegrationHub.Stores;
using IntegrationHub.Translation;
using Npgsql;

namespace IntegrationHub.Pipeline.Delivery;

/// <summary>
/// Composes the partner's acknowledgment of an order from the store's answer (an X12 855 in the partner's version, or a
/// cXML ConfirmationRequest) and records it, with control numbers from the partner's locked counters, in the caller's
/// transaction; <see cref="SendOutboundJob"/> delivers it. What the outbound map cannot write parks the acknowledgment
/// with its diagnostics. Returns the acknowledgment's state and the outbound message to send (0: none).
/// </summary>
internal static class AcknowledgmentOutbox
{
    public const string Queued = "queued", Parked = "parked", NotForChanges = "not-composed-for-changes";

    public static async Task<(string State, long OutboundId, string? Diagnostics)> QueueAsync(NpgsqlTransaction transaction, long orderId, string kind,
        string canonical, OrderStoreAnswer answer, MappingSet mappings, TimeProvider time, PipelineOptions options, CancellationToken cancellationToken)
    {
        if (kind != "order") return (NotForChanges, 0, null);
        var inbound = await transaction.Connection!.QuerySingleAsync<Inbound>(new CommandDefinition("""
            SELECT m.id, m.protocol, m.partner_id AS PartnerId, m.dedupe_key AS DedupeKey, m.raw
            FROM hub.purchase_order o JOIN hub.message m ON m.id = o.message_id WHERE o.id = @Id
            """, new { Id = orderId }, transaction, cancellationToken: cancellationToken));
        var now = time.GetUtcNow();
        var acknowledgment = AcknowledgmentComposer.Compose(CanonicalJson.Deserialize<Order>(canonical), answer, now, inbound.DedupeKey);
        if (mappings.Partners.Find(inbound.PartnerId) is not { } partner) return (Parked, 0, $"[\"Partner {inbound.PartnerId} is not configured.\"]");
        var x12 = inbound.Protocol == "x12";
        var version = x12 ? partner.X12Settings?.Version ?? "004010" : null;
        var map = mappings.Maps.FindOutbound(inbound.Protocol, x12 ? "855" : "ConfirmationRequest", version, partner.Id);
        if (map is null) return (Parked, 0, $"[\"No outbound map writes the acknowledgment for {inbound.Protocol} {version}.\"]");
        OutboundEnvelope envelope;
        if (x12)
        {
            using var raw = new MemoryStream(inbound.Raw, writable: false);
            var header = X12InterchangeHeaders.Read(raw)[0]; // the hub, as the partner addressed it, sends the answer
            var isa = await OutboundMessages.ReserveControlNumbersAsync(transaction, partner.Id, "isa", 1, cancellationToken);
            var gs = await OutboundMessages.ReserveControlNumbersAsync(transaction, partner.Id, "gs", 1, cancellationToken);
            envelope = new OutboundEnvelope(X12: new X12EnvelopeValues(header.ReceiverQualifier, header.Receiver, header.Receiver, now, isa, gs, "0001",
                Test: header.Usage == "T"));
        }
        else
        {
            var order = CxmlReader.Read(inbound.Raw).Document;
            var hub = order?.Header?.To ?? [];
            envelope = new OutboundEnvelope(Cxml: new CxmlEnvelopeValues($"{now.ToUnixTimeMilliseconds()}.{orderId}.{Guid.NewGuid():N}@integration-hub", now,
                hub, hub, "IntegrationHub", order?.DeploymentMode ?? "production"));
        }
        var written = OutboundTranslation.Write(map, acknowledgment, partner, envelope);
        if (!written.Succeeded) return (Parked, 0, DiagnosticsJson.Write(written.Diagnostics, map.Header.Document));
        var contentType = x12 ? "application/edi-x12" : "text/xml; charset=utf-8";
        var id = await OutboundMessages.InsertAsync(transaction, inbound.Protocol, partner.Id, map.Header.Document, written.Output!, contentType, inbound.Id,
            OutboundMessages.ChannelFor(partner, inbound.Protocol, options), cancellationToken, acknowledges: orderId);
        return (Queued, id, null);
    }

    private sealed record Inbound(long Id, string Protocol, string PartnerId, string? DedupeKey, byte[] Raw);
}
