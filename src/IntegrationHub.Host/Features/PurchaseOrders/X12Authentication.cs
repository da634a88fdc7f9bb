using IntegrationHub.Formats.X12;
using IntegrationHub.Hosting;
using IntegrationHub.Partners;
using Microsoft.Net.Http.Headers;

namespace IntegrationHub.Features.PurchaseOrders;

/// <summary>
/// Who posted an X12 file: the partner its ISA sender belongs to, proven by the key the sender's identity names
/// (<c>apiKey:</c> in partner.yaml), presented as <c>X-Api-Key</c> or as the password of Basic authentication whose
/// user is the partner id. Every interchange of the file must come from the same partner.
/// </summary>
internal static class X12Authentication
{
    public const string ApiKeyHeader = "X-Api-Key";

    public static Partner? Authenticate(IReadOnlyList<X12InterchangeHeader> interchanges, IHeaderDictionary headers, PartnerRegistry partners,
        PartnerSecrets secrets)
    {
        if (interchanges.Count == 0) return null;
        var first = interchanges[0];
        var partner = partners.FindX12(first.SenderQualifier, first.Sender);
        var (user, key) = Presented(headers);
        if (partner is null || interchanges.Any(i => partners.FindX12(i.SenderQualifier, i.Sender) != partner) || (user is not null && user != partner.Id))
        {
            _ = secrets.Matches(null, key); // an unknown sender costs what a known one with a wrong key does
            return null;
        }
        var identity = partner.X12.First(i => i.Qualifier == first.SenderQualifier && i.Id == first.Sender);
        return secrets.Matches(identity.ApiKey, key) ? partner : null;
    }

    private static (string? User, string? Key) Presented(IHeaderDictionary headers)
    {
        var apiKey = headers[ApiKeyHeader].ToString();
        if (apiKey.Length > 0) return (null, apiKey);
        return BasicCredentials.Parse(headers[HeaderNames.Authorization].ToString()) is { } basic ? (basic.User, basic.Password) : (null, null);
    }
}
