using System.Globalization;
using System.Text;
using System.Xml.Linq;
using IntegrationHub.Features.PurchaseOrders;
using IntegrationHub.Hosting;
using IntegrationHub.Partners;
using IntegrationHub.Pipeline;
using IntegrationHub.Translation;

namespace IntegrationHub.Features.Punchout;

/// <summary>
/// <c>/admin/punchout-tester</c>, behind the admin key: the hub plays a cXML buyer for a chosen partner (and an OCI buyer, see
/// <see cref="OciPunchoutTester"/>). It writes the
/// PunchOutSetupRequest with the partner's credential (test environment first) and its shared secret as configuration holds
/// it, sends it through the same reading, authentication and handler as <c>POST /cxml</c> in process, links the StartPage,
/// and receives the cart on its own receiver, which it shows decoded. The receiver is allowed as a return URL for the
/// tester's own requests only: a buyer that names it is refused like any host not in its partner file. No page shows a secret.
/// </summary>
internal static class PunchoutTester
{
    public const string Path = "/admin/punchout-tester";
    public const string ReceivePath = Path + "/receive";

    public static void MapPunchoutTester(this IEndpointRouteBuilder endpoints)
    {
        var tester = endpoints.MapGroup(Path).RequireAuthorization(AdminAuthenticationHandler.Policy).WithTags("Admin").ExcludeFromDescription();
        tester.MapGet("", (HttpContext context, MappingsProvider mappings) =>
            Page(context, StatusCodes.Status200OK, PunchoutTesterPages.Choose(Buyers(mappings), OciPunchoutTester.Buyers(mappings))));
        tester.MapPost("/setup", SetupAsync);
        tester.MapPost("/receive", ReceiveAsync);
        tester.MapOciTester();
    }

    private static IEnumerable<Partner> Buyers(MappingsProvider mappings) => mappings.Current.Partners.Partners.Where(p => p.Cxml.Count > 0);

    private static async Task<IResult> SetupAsync(HttpContext context, MappingsProvider mappings, IConfiguration configuration, CancellationToken cancellationToken)
    {
        if (CrossSite(context)) return Page(context, StatusCodes.Status403Forbidden, PunchoutTesterPages.Problem("Only the tester's own page may start a punchout."));
        var (form, problem) = await PunchoutForms.FormAsync(context, cancellationToken);
        if (problem is not null) return Page(context, problem.Status, PunchoutTesterPages.Problem(problem.Message));
        var partner = Buyers(mappings).FirstOrDefault(p => p.Id == form!["partner"].ToString());
        if (partner is null) return Page(context, StatusCodes.Status400BadRequest, PunchoutTesterPages.Problem("Choose a partner that has a cXML identity."));
        var identity = partner.Cxml.OrderBy(i => i.Environment == PartnerEnvironment.Test ? 0 : 1).First();
        var secret = identity.SharedSecret is { Length: > 0 } key ? configuration[key] : null;
        if (string.IsNullOrEmpty(secret))
            return Page(context, StatusCodes.Status400BadRequest,
                PunchoutTesterPages.Problem($"No shared secret is configured under {identity.SharedSecret ?? "(the partner file names no key)"} for {partner.Id}."));

        var hubUrl = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}";
        var receiver = hubUrl + ReceivePath;
        var cookie = "tester-" + Guid.NewGuid().ToString("N")[..12];
        var request = SetupRequest(identity, secret, receiver, cookie);
        var answer = (await CxmlEndpoint.AnswerAsync(context.RequestServices, Encoding.UTF8.GetBytes(request), "text/xml", hubUrl, receiver, null,
            cancellationToken)).Body;
        var (code, text, startPage) = CxmlReturnedCart.ReadSetupResponse(answer);
        var shown = SetupRequest(identity, $"[the value of {identity.SharedSecret}]", receiver, cookie);
        return Page(context, StatusCodes.Status200OK, PunchoutTesterPages.Sent(partner, identity, shown, code, text, startPage));
    }

    private static async Task<IResult> ReceiveAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var (form, problem) = await PunchoutForms.FormAsync(context, cancellationToken);
        if (problem is not null) return Page(context, problem.Status, PunchoutTesterPages.Problem(problem.Message));
        byte[] message;
        try
        {
            message = form!["cXML-base64"] is { Count: > 0 } base64 ? Convert.FromBase64String(base64.ToString())
                : form["cXML-urlencoded"] is { Count: > 0 } plain ? Encoding.UTF8.GetBytes(plain.ToString())
                : throw new FormatException("The form has neither a cXML-base64 nor a cXML-urlencoded field.");
        }
        catch (FormatException ex)
        {
            return Page(context, StatusCodes.Status400BadRequest, PunchoutTesterPages.Problem(ex.Message));
        }
        var (cart, diagnostics) = CxmlReturnedCart.Read(message);
        return Page(context, cart is null ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK,
            PunchoutTesterPages.Received(cart, [.. diagnostics.Select(d => d.ToString())], [.. form.Select(f => (f.Key, f.Value.ToString()))],
                Encoding.UTF8.GetString(message)));
    }

    // The admin key travels as Basic credentials the browser sends by itself, so a form posted from another site is refused.
    internal static bool CrossSite(HttpContext context) =>
        context.Request.Headers["Sec-Fetch-Site"].ToString() is "cross-site" or "same-site";

    private static string SetupRequest(CxmlIdentity identity, string secret, string receiver, string cookie)
    {
        var now = DateTimeOffset.UtcNow;
        XElement Credential(bool withSecret) => new("Credential", new XAttribute("domain", identity.Domain), new XElement("Identity", identity.Identity),
            withSecret ? new XElement("SharedSecret", secret) : null);
        var document = new XElement("cXML",
            new XAttribute("payloadID", $"{now.ToUnixTimeMilliseconds()}.{cookie}@punchout-tester"),
            new XAttribute("timestamp", now.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture)),
            new XAttribute(XNamespace.Xml + "lang", "en-US"),
            new XElement("Header",
                new XElement("From", Credential(false)),
                new XElement("To", new XElement("Credential", new XAttribute("domain", "NetworkID"), new XElement("Identity", "integration-hub"))),
                new XElement("Sender", Credential(true), new XElement("UserAgent", "IntegrationHub punchout tester"))),
            new XElement("Request", new XAttribute("deploymentMode", identity.Environment == PartnerEnvironment.Test ? "test" : "production"),
                new XElement("PunchOutSetupRequest", new XAttribute("operation", "create"),
                    new XElement("BuyerCookie", cookie),
                    new XElement("BrowserFormPost", new XElement("URL", receiver)),
                    new XElement("SupplierSetup", new XElement("URL", receiver.Replace(ReceivePath, CxmlEndpoint.Path, StringComparison.Ordinal))))));
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE cXML SYSTEM \"http://xml.cxml.org/schemas/cXML/1.2.069/cXML.dtd\">\n" + document;
    }

    internal static IResult Page(HttpContext context, int status, string body)
    {
        PunchoutHeaders.Apply(context.Response, null);
        return Results.Content(CatalogHtml.Page("Punchout tester", body), "text/html; charset=utf-8", statusCode: status);
    }
}
