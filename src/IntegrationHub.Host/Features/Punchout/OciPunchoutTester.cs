using IntegrationHub.Partners;
using IntegrationHub.Pipeline;
using IntegrationHub.Translation;

namespace IntegrationHub.Features.Punchout;

/// <summary>
/// The punchout tester's OCI half: the hub plays an OCI buyer (SAP SRM, S/4HANA) for a chosen partner. It logs in with the
/// partner's USERNAME (test environment first) and the password configuration holds, checked exactly as <c>/oci/{partner}</c>
/// checks it, with HOOK_URL on the hub's own receiver; the user shops; the receiver shows the NEW_ITEM fields decoded as lines.
/// The receiver is a HOOK_URL for the tester's own sessions only (they are opened in process); a buyer naming it is refused
/// unless the hub's host is on its returnUrlHosts, as for any URL.
/// </summary>
internal static class OciPunchoutTester
{
    public const string SetupPath = PunchoutTester.Path + "/oci";
    public const string ReceivePath = PunchoutTester.Path + "/oci/receive";

    public static void MapOciTester(this RouteGroupBuilder tester)
    {
        tester.MapPost("/oci", LoginAsync);
        tester.MapPost("/oci/receive", ReceiveAsync);
    }

    public static IEnumerable<Partner> Buyers(MappingsProvider mappings) => mappings.Current.Partners.Partners.Where(p => p.Oci.Count > 0);

    private static async Task<IResult> LoginAsync(HttpContext context, MappingsProvider mappings, IConfiguration configuration, OciCredentials credentials,
        PunchoutSessionStore sessions, ILogger<PunchoutSessionStore> logger, CancellationToken cancellationToken)
    {
        if (PunchoutTester.CrossSite(context))
            return PunchoutTester.Page(context, StatusCodes.Status403Forbidden, PunchoutTesterPages.Problem("Only the tester's own page may start a punchout."));
        var (form, problem) = await PunchoutForms.FormAsync(context, cancellationToken);
        if (problem is not null) return PunchoutTester.Page(context, problem.Status, PunchoutTesterPages.Problem(problem.Message));
        var partner = Buyers(mappings).FirstOrDefault(p => p.Id == form!["partner"].ToString());
        if (partner is null)
            return PunchoutTester.Page(context, StatusCodes.Status400BadRequest, PunchoutTesterPages.Problem("Choose a partner that has an OCI identity."));
        var identity = partner.Oci.OrderBy(i => i.Environment == PartnerEnvironment.Test ? 0 : 1).First();
        var password = identity.Password is { Length: > 0 } key ? configuration[key] : null;
        if (string.IsNullOrEmpty(password))
            return PunchoutTester.Page(context, StatusCodes.Status400BadRequest,
                PunchoutTesterPages.Problem($"No OCI password is configured under {identity.Password ?? "(the partner file names no key)"} for {partner.Id}."));
        // The same check as a real login, so a password the hub would refuse is found here.
        if (credentials.Authenticate(partner, identity.Username, password) is null)
            return PunchoutTester.Page(context, StatusCodes.Status401Unauthorized, PunchoutTesterPages.Problem($"The hub refuses the configured password of {partner.Id}."));

        var version = form!["version"].ToString() == "5.0" ? "5.0" : "4.0";
        var hook = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}{ReceivePath}";
        var parameters = new List<KeyValuePair<string, string>>
        {
            new("USERNAME", identity.Username), new("PASSWORD", password), new("HOOK_URL", hook), new("~TARGET", "_top"),
            new("~OkCode", "ADDI"), new("~caller", "CTLG"), new("OCI_VERSION", version),
        };
        if (partner.Contract?.OciParameter is { } contractParameter && form["contract"].ToString() is { Length: > 0 } contractId)
            parameters.Add(new(contractParameter, contractId));
        var (call, diagnostics) = OciPunchout.Read(parameters);
        var (contract, contractProblem) = PunchoutContract.FromParameters(partner, parameters);
        var errors = diagnostics.Where(d => d.Severity == Documents.Severity.Error).Select(d => d.Message).Append(contractProblem).OfType<string>().ToList();
        if (errors.Count > 0) return PunchoutTester.Page(context, StatusCodes.Status400BadRequest, PunchoutTesterPages.Problem(string.Join(" ", errors)));

        var token = await OciEndpoints.OpenAsync(sessions, partner, identity, call, contract, logger, cancellationToken);
        var shown = parameters.Select(p => (p.Key, p.Key == "PASSWORD" ? $"[the value of {identity.Password}]" : p.Value)).ToList();
        return PunchoutTester.Page(context, StatusCodes.Status200OK,
            PunchoutTesterPages.OciSent(partner, identity, shown, $"/punchout/start?token={Uri.EscapeDataString(token)}"));
    }

    private static async Task<IResult> ReceiveAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var (form, problem) = await PunchoutForms.FormAsync(context, cancellationToken);
        if (problem is not null) return PunchoutTester.Page(context, problem.Status, PunchoutTesterPages.Problem(problem.Message));
        var fields = form!.SelectMany(f => f.Value.Select(v => KeyValuePair.Create(f.Key, v ?? string.Empty))).ToList();
        var (lines, other, diagnostics) = OciPunchout.ReadCart(fields);
        return PunchoutTester.Page(context, StatusCodes.Status200OK,
            PunchoutTesterPages.OciReceived(lines, other, [.. diagnostics.Select(d => d.ToString())], fields));
    }
}
