using IntegrationHub.Formats.Cxml;

namespace IntegrationHub.Features.PurchaseOrders;

/// <summary>
/// A cXML ProfileRequest: answered with a ProfileResponse that lists every request type <c>POST /cxml</c> handles, each at that
/// one URL, so a buyer's system learns where to send what.
/// </summary>
internal sealed class ProfileRequestHandler(IServiceProvider services, CxmlAnswers answers, TimeProvider time) : ICxmlRequestHandler
{
    /// <summary>When the hub's cXML services were first offered (ProfileResponse effectiveDate; the DTD wants a date not in the future).</summary>
    private static readonly DateTimeOffset EffectiveDate = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public string RequestType => "ProfileRequest";

    public Task<byte[]> HandleAsync(CxmlRequest request, CancellationToken cancellationToken)
    {
        var url = request.HubUrl + CxmlEndpoint.Path;
        var effective = EffectiveDate < time.GetUtcNow() ? EffectiveDate : time.GetUtcNow();
        var profile = new CxmlElement("ProfileResponse").SetAttribute("effectiveDate", CxmlTimestamp.Format(effective));
        // Resolved per request: the handlers include this one, so they cannot be taken in the constructor.
        // A buyer is not offered what only vendors may send (ship notices, invoices, confirmations).
        var types = services.GetServices<ICxmlRequestHandler>().Where(h => h is not VendorDocumentHandler || request.Partner.Role == Partners.PartnerRole.Vendor)
            .Select(h => h.RequestType).Distinct().Order(StringComparer.Ordinal);
        foreach (var type in types)
            profile.Add(new CxmlElement("Transaction").SetAttribute("requestName", type)).Add(new CxmlElement("URL")).AddText(url); // Add returns the child
        return Task.FromResult(answers.Ok(profile));
    }
}
