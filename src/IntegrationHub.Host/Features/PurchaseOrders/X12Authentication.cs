using System.Text;
using IntegrationHub.Formats.X12;
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
        if (partner is null || interchanges.Any(i => partners.FindX12(i.SenderQualifier, i.Sender) != partner)) return null;
        var identity = partner.X12.First(i => i.Qualifier == first.SenderQualifier && i.Id == first.Sender);
        var (user, key) = Presented(headers);
        if (user is not null && user != partner.Id) return null;
        return secrets.Matches(identity.ApiKey, key) ? partner : null;
    }

    private static (string? User, string? Key) Presented(IHeaderDictionary headers)
    {
        var apiKey = headers[ApiKeyHeader].ToString();
        if (apiKey.Length > 0) return (null, apiKey);
        var authorization = headers[HeaderNames.Authorization].ToString();
        if (!authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return (null, null);
        var encoded = authorization["Basic ".Length..].Trim();
        Span<byte> decoded = stackalloc byte[256];
        if (encoded.Length > 340 || !Convert.TryFromBase64String(encoded, decoded, out var written)) return (null, null);
        var credentials = Encoding.UTF8.GetString(decoded[..written]);
        var colon = credentials.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? (null, null) : (credentials[..colon], credentials[(colon + 1)..]);
    }
}
