using System.Security.Cryptography;
using System.Text;
using IntegrationHub.Partners;

namespace IntegrationHub.Features.Punchout;

/// <summary>
/// The security headers of every punchout page: a CSP that lets only the partner's own hosts frame the catalog
/// (frame-ancestors), posts forms only to the hub and the session's return URL, and runs no script but the cart form's one
/// auto-submit; no referrer (catalog URLs carry the session token); no caching.
/// </summary>
internal static class PunchoutHeaders
{
    /// <summary>The one script a punchout page runs: the cart form's auto-submit (an onload attribute, allowed by its hash).</summary>
    public const string AutoSubmit = "document.forms[0].submit()";

    private static readonly string AutoSubmitHash = "'sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(AutoSubmit))) + "'";

    /// <summary>Sets the headers; <paramref name="returnUrl"/> is where forms may post besides the hub, <paramref name="autoSubmit"/> allows the cart form's script.</summary>
    public static void Apply(HttpResponse response, Partner? partner, string? returnUrl = null, bool autoSubmit = false)
    {
        var formAction = "'self'";
        if (returnUrl is not null && Uri.TryCreate(returnUrl, UriKind.Absolute, out var hook)) formAction += " " + hook.GetLeftPart(UriPartial.Authority);
        var csp = new StringBuilder("default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action ").Append(formAction)
            .Append("; frame-ancestors ").Append(FrameAncestors(partner));
        if (autoSubmit) csp.Append("; script-src 'unsafe-hashes' ").Append(AutoSubmitHash);
        var headers = response.Headers;
        headers.ContentSecurityPolicy = csp.ToString();
        headers["Referrer-Policy"] = "no-referrer";
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "no-store";
    }

    /// <summary>The CSP frame-ancestors sources: the partner's return-URL hosts, any port, https and http.</summary>
    public static string FrameAncestors(Partner? partner)
    {
        var sources = new List<string> { "'self'" };
        foreach (var host in partner?.ReturnUrlHosts ?? [])
        {
            sources.Add($"https://{host}:*");
            sources.Add($"http://{host}:*"); // SAP systems on an intranet often serve their pages over http
        }
        return string.Join(' ', sources);
    }

    /// <summary>True when the URL's host is one of the partner's return-URL hosts (a <c>*.</c> entry allows its sub-domains).</summary>
    public static bool ReturnUrlAllowed(Partner partner, string? url)
    {
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            return false;
        return partner.ReturnUrlHosts.Any(allowed => allowed.StartsWith("*.", StringComparison.Ordinal)
            ? uri.Host.EndsWith(allowed[1..], StringComparison.OrdinalIgnoreCase)
            : string.Equals(uri.Host, allowed, StringComparison.OrdinalIgnoreCase));
    }
}
