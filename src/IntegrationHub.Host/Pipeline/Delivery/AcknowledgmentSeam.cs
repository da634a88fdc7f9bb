using IntegrationHub.Stores;

namespace IntegrationHub.Pipeline.Delivery;

/// <summary>
/// Where the store's answer becomes the partner's acknowledgment: an X12 855 or a cXML ConfirmationRequest, per the
/// partner file. Composing them needs the outbound maps, which do not exist yet; until they do, the answer is recorded
/// on the order (<c>store_answer</c>, <c>store_response</c>) and its acknowledgment is marked
/// <see cref="AwaitingOutboundMaps"/>, so that the admin API shows what is owed and a later change can compose and queue
/// every acknowledgment still owed. Nothing is sent, and nothing pretends to be.
/// </summary>
internal static class AcknowledgmentSeam
{
    /// <summary>The acknowledgment is owed but cannot be composed by this build.</summary>
    public const string AwaitingOutboundMaps = "awaiting-outbound-maps";

    /// <summary>What to record about the acknowledgment owed for the store's answer to an order of <paramref name="protocol"/>.</summary>
    public static string AcknowledgmentFor(string protocol, OrderStoreAnswer answer)
    {
        _ = protocol;
        _ = answer;
        return AwaitingOutboundMaps;
    }
}
