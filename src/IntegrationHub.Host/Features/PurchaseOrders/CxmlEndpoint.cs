using IntegrationHub.Documents;
using IntegrationHub.Formats.Cxml;
using IntegrationHub.Pipeline;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Features.PurchaseOrders;

/// <summary>
/// <c>POST /cxml</c>: every cXML request a buyer sends. The body is read safely (no DTD, no entity, bounded size and
/// depth), the sender authenticated by its shared secret, and the request handed to the handler of its type. Every
/// answer is a cXML Response: 406 for a document that cannot be read or a body over Hub:MaxRequestBodyBytes, 401 for
/// credentials that do not match, 560 with Retry-After past a rate limit (<see cref="CxmlRateLimits"/>), 450 for a request
/// type the hub does not handle, and whatever the handler answers otherwise.
/// </summary>
internal static partial class CxmlEndpoint
{
    public const string Path = "/cxml";

    public static void MapCxml(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(Path, HandleAsync)
            .AllowAnonymous() // the shared secret in the document authenticates, not a header
            .Accepts<string>("text/xml", "application/xml")
            .Produces<string>(StatusCodes.Status200OK, "text/xml")
            .WithTags("Protocols")
            .WithName("PostCxml")
            .WithSummary("A cXML request (OrderRequest, PunchOutSetupRequest, ProfileRequest, StatusUpdateRequest); answered with a cXML Response.");

    private static async Task<IResult> HandleAsync(HttpRequest http, CxmlAnswers answers, IOptions<Hosting.HubOptions> hub, CancellationToken cancellationToken)
    {
        byte[] raw;
        try
        {
            raw = await RequestBody.ReadAsync(http, cancellationToken);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Answer(new CxmlAnswer(answers.For(CxmlCodes.TooLarge, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"The request is larger than this hub takes ({hub.Value.MaxRequestBodyBytes} bytes, Hub:MaxRequestBodyBytes)."))), http.HttpContext.Response);
        }
        var answer = await AnswerAsync(http.HttpContext.RequestServices, raw, http.ContentType ?? "text/xml", $"{http.Scheme}://{http.Host}{http.PathBase}",
            null, http.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "", cancellationToken);
        return Answer(answer, http.HttpContext.Response);
    }

    /// <summary>A cXML Response, and for a request past a rate limit the seconds after which the sender may retry.</summary>
    public sealed record CxmlAnswer(byte[] Body, int? RetryAfterSeconds = null);

    /// <summary>
    /// The cXML Response to a request's bytes: read, authenticated and handed to its handler. Besides <c>POST /cxml</c>, the
    /// punchout tester sends its setup requests here in process, with <paramref name="testerReturnUrl"/> the one return URL of
    /// its own that the setup handler allows beside the partner's hosts (null for every buyer's request). <paramref name="clientAddress"/>
    /// is the caller's address for the rate limits (<see cref="CxmlRateLimits"/>); null for the tester, which is not limited.
    /// </summary>
    public static async Task<CxmlAnswer> AnswerAsync(IServiceProvider services, byte[] raw, string contentType, string hubUrl, string? testerReturnUrl,
        string? clientAddress, CancellationToken cancellationToken)
    {
        var answers = services.GetRequiredService<CxmlAnswers>();
        var limits = clientAddress is null ? null : services.GetRequiredService<CxmlRateLimits>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CxmlEndpoint).FullName!);
        var partners = services.GetRequiredService<MappingsProvider>().Current.Partners;
        var read = CxmlReader.Read(raw);
        var caller = CxmlRateLimits.Caller(clientAddress, CxmlAuthentication.Claimed(read.Document?.Header, partners));
        if (limits?.LockedOut(caller) is { } lockedOut)
        {
            LogLimited(logger, caller, "too many refused requests");
            return TooMany(answers, lockedOut, "This address has sent too many requests that were refused (unreadable, or credentials not recognised)");
        }
        if (read.Document is null || read.HasErrors) return await RefusedAsync(limits, caller, answers.For(read.Diagnostics), cancellationToken);
        var document = read.Document;

        var partner = CxmlAuthentication.Authenticate(document.Header, partners, services.GetRequiredService<PartnerSecrets>());
        if (partner is null)
        {
            LogRefused(logger, document.Header?.ToString() ?? "no header"); // the header's rendering redacts secrets
            return await RefusedAsync(limits, caller, answers.For(CxmlCodes.Unauthorized, "The sender's credentials are not recognised."), cancellationToken);
        }
        if (limits?.Request(partner) is { } wait)
        {
            LogLimited(logger, caller, "the partner's requests per minute");
            return TooMany(answers, wait, $"{partner.Id} has sent more requests this minute than its limit allows");
        }
        if (document.Kind != CxmlKind.Request)
            return new(answers.For(CxmlCodes.EnvelopeRequired, "This endpoint takes cXML requests (a Header and a Request)."));
        var handler = services.GetServices<ICxmlRequestHandler>().FirstOrDefault(h => h.RequestType == document.DocumentType);
        if (handler is null)
            return new(answers.For(CxmlCodes.Unsupported, $"The hub does not handle {document.DocumentType} requests here."));
        return new(await handler.HandleAsync(new CxmlRequest(raw, contentType, document, read.Diagnostics, partner, hubUrl, testerReturnUrl), cancellationToken));
    }

    private static async Task<CxmlAnswer> RefusedAsync(CxmlRateLimits? limits, string caller, byte[] answer, CancellationToken cancellationToken)
    {
        if (limits is not null) await limits.RefusedAsync(caller, cancellationToken);
        return new(answer);
    }

    private static CxmlAnswer TooMany(CxmlAnswers answers, TimeSpan wait, string why)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        return new(answers.For(CxmlCodes.TooManyRequests, $"{why}; retry in {seconds} seconds."), seconds);
    }

    // cXML carries its status in the document; the HTTP status is 200 whenever the answer is a cXML Response.
    private static IResult Answer(CxmlAnswer answer, HttpResponse response)
    {
        if (answer.RetryAfterSeconds is { } seconds) response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Results.Bytes(answer.Body, CxmlAnswers.ContentType);
    }

    [LoggerMessage(1, LogLevel.Warning, "cXML request refused: credentials not recognised ({Header})")]
    private static partial void LogRefused(ILogger logger, string header);

    [LoggerMessage(2, LogLevel.Warning, "cXML request refused: {Caller} is past its rate limit ({Limit})")]
    private static partial void LogLimited(ILogger logger, string caller, string limit);
}
