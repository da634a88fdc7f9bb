using IntegrationHub.Formats.Cxml;

namespace IntegrationHub.Translation;

/// <summary>
/// The envelopes of the carts the hub returns to cXML buyers: a fresh payloadID from the injected source, the time from the
/// injected clock, and the hub's own credential as From and Sender (a cart carries no shared secret).
/// </summary>
public sealed class CxmlCartEnvelopes(IPayloadIdSource payloadIds, TimeProvider time)
{
    /// <summary>The envelope of one cart, in test or production mode as its session was opened.</summary>
    public OutboundEnvelope For(string domain, string identity, bool test)
    {
        var now = time.GetUtcNow();
        var hub = new CxmlCredential(domain, null, identity, null, false);
        return new OutboundEnvelope(Cxml: new CxmlEnvelopeValues(payloadIds.NewPayloadId(now), now, [hub], [hub], "IntegrationHub",
            test ? "test" : "production"));
    }
}
