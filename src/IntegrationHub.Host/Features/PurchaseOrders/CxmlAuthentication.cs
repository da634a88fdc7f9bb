using IntegrationHub.Formats.Cxml;
using IntegrationHub.Partners;

namespace IntegrationHub.Features.PurchaseOrders;

/// <summary>
/// Who sent a cXML request: the partner whose identity matches a Sender (or else From) credential, proven by the shared
/// secret of the Sender credential. An identity without a configured secret authenticates nobody; an unknown one costs
/// the same secret check (a decoy in <see cref="PartnerSecrets"/>) as a known one.
/// </summary>
internal static class CxmlAuthentication
{
    public static Partner? Authenticate(CxmlHeader? header, PartnerRegistry partners, PartnerSecrets secrets)
    {
        if (header is null) return null;
        var presented = header.Sender.Select(c => c.SharedSecret).FirstOrDefault(s => !string.IsNullOrEmpty(s));
        foreach (var credential in header.Sender.Concat(header.From))
        {
            if (partners.FindCxml(credential.Domain, credential.Identity) is not { } found) continue;
            return secrets.Matches(found.Identity.SharedSecret, presented) ? found.Partner : null;
        }
        _ = secrets.Matches(null, presented); // an unknown sender costs what a known one with a wrong secret does
        return null;
    }

    /// <summary>The partner a header claims to be (its Sender, or else From, credential), before anything is proven.</summary>
    public static Partner? Claimed(CxmlHeader? header, PartnerRegistry partners)
    {
        if (header is null) return null;
        foreach (var credential in header.Sender.Concat(header.From))
        {
            if (partners.FindCxml(credential.Domain, credential.Identity) is { } found) return found.Partner;
        }
        return null;
    }
}
