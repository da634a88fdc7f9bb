using System.Threading.RateLimiting;
using IntegrationHub.Partners;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using IntegrationHub.Pipeline;
using IntegrationHub.Translation;

namespace IntegrationHub.Features.Punchout;

/// <summary>
/// <c>GET|POST /oci/{partner}</c>: an OCI buyer's login (and its FUNCTION calls). The buyer's USERNAME and PASSWORD are checked
/// against the partner file, HOOK_URL against its allow-listed hosts; a login opens a session and redirects the browser to
/// the catalog with a one-shot start token. BACKGROUND_SEARCH and VALIDATE answer with the OCI item fields at once.
/// </summary>
internal static partial class OciEndpoints
{
    public const string RateLimit = "oci";

    public static void MapOciPunchout(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapMethods("/oci/{partner}", [HttpMethods.Get, HttpMethods.Post], HandleAsync)
            .AllowAnonymous().WithTags("Punchout").WithName("OciLogin").RequireRateLimiting(RateLimit)
            .WithSummary("OCI login, BACKGROUND_SEARCH, VALIDATE and DETAIL: the buyer's parameters in the query or a form post.");

    private static async Task<IResult> HandleAsync(string partner, HttpContext context, MappingsProvider mappings, OciCredentials credentials,
        PunchoutSessionStore sessions, CatalogStore catalog, PunchoutRateLimits limits, IOptions<PunchoutOptions> options,
        ILogger<PunchoutSessionStore> logger, CancellationToken cancellationToken)
    {
        var found = mappings.Current.Partners.Find(partner);
        if (found is null)
        {
            LogRefused(logger, partner, "unknown partner");
            return Problem(context, null, StatusCodes.Status404NotFound, "Unknown catalog", $"No punchout partner \u201c{partner}\u201d is set up at this address.");
        }
        // This process's limiter has let the call through; the count every hub process shares has the last word. Only known
        // partners are counted, so made-up partner names add no rows.
        if (options.Value.SharedRateLimit
            && await limits.CountAsync(LimitKey(context), options.Value.OciCallsPerMinute, Window, cancellationToken) is { } wait)
        {
            LogRefused(logger, partner, "too many calls (shared limit)");
            return TooManyCalls(context, found, (int)Math.Ceiling(wait.TotalSeconds));
        }
        var parameters = await PunchoutForms.ParametersAsync(context, cancellationToken);
        if (parameters.Problem is { } tooLarge) return Problem(context, found, tooLarge.Status, "Request refused", tooLarge.Message);

        var (call, diagnostics) = OciPunchout.Read(parameters.Values);
        var errors = diagnostics.Where(d => d.Severity == Documents.Severity.Error).Select(d => d.Message).ToList();
        // The password is checked first, so an unauthenticated caller learns nothing about the other parameters.
        if (credentials.Authenticate(found, call.Username, call.Password) is not { } identity)
        {
            LogRefused(logger, partner, "wrong USERNAME or PASSWORD");
            return Problem(context, found, StatusCodes.Status401Unauthorized, "Login failed", "The USERNAME or PASSWORD is wrong for this catalog.");
        }
        if (errors.Count > 0)
            return Problem(context, found, StatusCodes.Status400BadRequest, "The catalog cannot open", string.Join(" ", errors));
        if (!PunchoutHeaders.ReturnUrlAllowed(found, call.HookUrl))
        {
            LogRefused(logger, partner, "HOOK_URL host not allowed");
            return Problem(context, found, StatusCodes.Status403Forbidden, "Return address not allowed",
                $"HOOK_URL \u201c{call.HookUrl}\u201d is not on this partner's list of return-URL hosts (punchout.returnUrlHosts in its partner file).");
        }

        var (contract, contractProblem) = PunchoutContract.FromParameters(found, parameters.Values);
        if (contractProblem is not null) return Problem(context, found, StatusCodes.Status400BadRequest, "The catalog cannot open", contractProblem);
        var buyer = new Buyer(found.Id, contract);
        switch (call.Function)
        {
            case "LOGIN" or "DETAIL" or "DETAILADD":
                var token = await OpenAsync(sessions, found, identity, call, contract, logger, cancellationToken);
                PunchoutHeaders.Apply(context.Response, found);
                return Results.Redirect("/punchout/start?token=" + Uri.EscapeDataString(token), preserveMethod: false);
            case "VALIDATE":
                var product = await catalog.ProductByKeyAsync(call.ProductId!, buyer, call.Quantity ?? 1, cancellationToken);
                if (product is null)
                    return Problem(context, found, StatusCodes.Status404NotFound, "Unknown product", $"PRODUCTID \u201c{call.ProductId}\u201d is not in the catalog.");
                return CartForm(context, found, call, [CatalogTransfer.Line(product, call.Quantity ?? 1)]);
            case "BACKGROUND_SEARCH":
                var products = await catalog.SearchAsync(call.SearchString!, buyer, 1, cancellationToken);
                return CartForm(context, found, call, [.. products.Select(p => CatalogTransfer.Line(p, 1))]);
            default:
                return Problem(context, found, StatusCodes.Status400BadRequest, "Not supported", $"FUNCTION={call.Function} is not offered by this catalog.");
        }
    }

    /// <summary>
    /// Opens the shopping session of an authenticated OCI login (or DETAIL) whose HOOK_URL has been checked, and returns its start
    /// token; the punchout tester opens its OCI sessions through here too.
    /// </summary>
    internal static async Task<string> OpenAsync(PunchoutSessionStore sessions, Partner partner, OciIdentity identity, OciCall call, string? contract,
        ILogger logger, CancellationToken cancellationToken)
    {
        var (id, token, _) = await sessions.CreateAsync(new NewPunchoutSession(partner.Id, Environment(identity), "oci", PunchoutSession.Create, partner.Id,
            contract, call.HookUrl!, OciTarget: call.Target, OciOkCode: call.OkCode, OciCaller: call.Caller, OciVersion: call.Version,
            StartProduct: call.Function == "LOGIN" ? null : call.ProductId), cancellationToken);
        LogOpened(logger, partner.Id, id, call.Function);
        return token;
    }

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>
    /// One fixed window per client address and partner, in this process's memory: the pre-check before the shared count
    /// (<see cref="PunchoutRateLimits"/>), which refuses without a database write once this process alone has seen the limit.
    /// </summary>
    internal static RateLimitPartition<string> Partition(HttpContext context)
    {
        var perMinute = context.RequestServices.GetRequiredService<IOptions<PunchoutOptions>>().Value.OciCallsPerMinute;
        return RateLimitPartition.GetFixedWindowLimiter(LimitKey(context), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = perMinute, Window = Window, QueueLimit = 0,
        });
    }

    private static string LimitKey(HttpContext context) => $"{context.Connection.RemoteIpAddress}|{context.Request.RouteValues["partner"]}";

    /// <summary>The refusal as an OCI error page: 429 with Retry-After.</summary>
    internal static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var partner = context.RequestServices.GetRequiredService<MappingsProvider>().Current.Partners.Find(context.Request.RouteValues["partner"]?.ToString() ?? "");
        var retry = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? (int)Math.Ceiling(after.TotalSeconds) : 60;
        await TooManyCalls(context, partner, retry).ExecuteAsync(context);
    }

    private static IResult TooManyCalls(HttpContext context, Partner? partner, int retrySeconds)
    {
        context.Response.Headers.RetryAfter = retrySeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Problem(context, partner, StatusCodes.Status429TooManyRequests, "Too many requests",
            $"This catalog had too many calls from your address; try again in {retrySeconds} seconds.");
    }

    private static string Environment(OciIdentity identity) => identity.Environment == PartnerEnvironment.Test ? "test" : "production";

    private static IResult CartForm(HttpContext context, Partner partner, OciCall call, IReadOnlyList<OciCartLine> lines)
    {
        var (html, _) = OciPunchout.CartForm(lines, call);
        PunchoutHeaders.Apply(context.Response, partner, call.HookUrl, autoSubmit: true);
        return Results.Content(html, "text/html; charset=utf-8");
    }

    internal static IResult Problem(HttpContext context, Partner? partner, int status, string title, string message)
    {
        PunchoutHeaders.Apply(context.Response, partner);
        return Results.Content(CatalogPages.Problem(title, message), "text/html; charset=utf-8", statusCode: status);
    }

    [LoggerMessage(1, LogLevel.Warning, "OCI punchout for {Partner} refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string partner, string reason);

    [LoggerMessage(2, LogLevel.Information, "OCI punchout session {Session} opened for {Partner} ({Function})")]
    private static partial void LogOpened(ILogger logger, string partner, Guid session, string function);
}
