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
/// cXML ConfirmationRequest), or of an order change (an X12 865 for an 860) and records it, with control numbers from the partner's locked counters, in the caller's
/// transaction; <see cref="SendOutboundJob"/> delivers it. What the outbound map cannot write parks the acknowledgment
/// with its diagnostics. Returns the acknowledgment's state and the outbound message to send (0: none).
/// </summary>
internal static class AcknowledgmentOutbox
{
    public const string Queued = "queued", Parked = "parked";

    public static async Task<(string State, long OutboundId, string? Diagnostics)> QueueAsync(NpgsqlTransaction transaction, long orderId, string kind,
        string canonical, OrderStoreAnswer answer, MappingSet mappings, TimeProvider time, PipelineOptions options, CancellationToken cancellationToken)
    {
        var inbound = await PartnerDocuments.InboundOfOrderAsync(transaction, orderId, cancellationToken);
        var (acknowledgment, x12Document) = kind == "change"
            ? (AcknowledgmentComposer.ComposeChange(CanonicalJson.Deserialize<OrderChange>(canonical), answer, time.GetUtcNow()), "865")
            : (AcknowledgmentComposer.Compose(CanonicalJson.Deserialize<Order>(canonical), answer, time.GetUtcNow(), inbound.DedupeKey), "855");
        var (id, diagnostics) = await PartnerDocuments.QueueAsync(transaction, inbound, x12Document, "ConfirmationRequest", acknowledgment, mappings, time, options,
            cancellationToken, acknowledges: orderId);
        return diagnostics is null ? (Queued, id, null) : (Parked, 0, diagnostics);
    }
}
