using IntegrationHub.Canonical;
using IntegrationHub.Pipeline.Outbox;
using IntegrationHub.Stores;
using IntegrationHub.Translation;
using Npgsql;

namespace IntegrationHub.Pipeline.Delivery;

/// <summary>
/// Composes the partner's acknowledgment of an order from the store's answer (an X12 855 in the partner's version, or a
/// cXML ConfirmationRequest), or of an order change (an X12 865 for an 860), and writes and validates it
/// (<see cref="WriteAsync"/>, no lock taken); <see cref="RecordAsync"/> then numbers it from the partner's locked counters and
/// records it in the caller's transaction, and <see cref="SendOutboundJob"/> delivers it. What the outbound map cannot
/// write parks the acknowledgment with its diagnostics.
/// </summary>
internal static class AcknowledgmentOutbox
{
    public const string Queued = "queued", Parked = "parked";

    /// <summary>The acknowledgment written; its state is <see cref="Parked"/> when it could not be (see its diagnostics).</summary>
    public static async Task<PartnerDocuments.Written> WriteAsync(NpgsqlTransaction transaction, long orderId, string kind, string canonical,
        OrderStoreAnswer answer, MappingSet mappings, TimeProvider time, PipelineOptions options, CancellationToken cancellationToken)
    {
        var inbound = await PartnerDocuments.InboundOfOrderAsync(transaction, orderId, cancellationToken);
        var (acknowledgment, x12Document) = kind == "change"
            ? (AcknowledgmentComposer.ComposeChange(CanonicalJson.Deserialize<OrderChange>(canonical), answer, time.GetUtcNow()), "865")
            : (AcknowledgmentComposer.Compose(CanonicalJson.Deserialize<Order>(canonical), answer, time.GetUtcNow(), inbound.DedupeKey), "855");
        return PartnerDocuments.Write(inbound, x12Document, "ConfirmationRequest", acknowledgment, mappings, time, options, acknowledges: orderId);
    }

    public static string StateOf(PartnerDocuments.Written written) => written.Diagnostics is null ? Queued : Parked;

    /// <summary>Records a written acknowledgment; returns the outbound message to send (0: none, parked or already recorded).</summary>
    public static Task<long> RecordAsync(NpgsqlTransaction transaction, PartnerDocuments.Written written, CancellationToken cancellationToken) =>
        written.Diagnostics is null ? PartnerDocuments.RecordAsync(transaction, written, cancellationToken) : Task.FromResult(0L);
}
