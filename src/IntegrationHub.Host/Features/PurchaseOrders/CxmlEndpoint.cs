using IntegrationHub.Documents;
using IntegrationHub.Formats.Cxml;
using IntegrationHub.Pipeline;

namespace IntegrationHub.Features.PurchaseOrders;

/// <summary>
/// <c>POST /cxml</c>: every cXML request a buyer sends. The body is read safely (no DTD, no entity, bounded size and
/// depth), the sender authenticated by its shared secret, and the request handed to the handler of its type. Every
/// answer is a cXML Response: 406 for a document that cannot be read, 401 for credentials that do not match, 450 for a
/// request type the hub does not handle, and whatever the handler answers otherwise.
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

    private static async Task<IResult> HandleAsync(HttpRequest http, CancellationToken cancellationToken)
    {
        var raw = await RequestBody.ReadAsync(http, cancellationToken);
        return Answer(await AnswerAsync(http.HttpContext.RequestServices, raw, http.ContentType ?? "text/xml", $"{http.Scheme}://{http.Host}{http.PathBase}",
            null, cancellationToken));
    }

    /// <summary>
    /// The cXML Response to a request's bytes: read, authenticated and handed to its handler. Besides <c>POST /cxml</c>, the
    /// punchout tester sends its setup requests here in process, with <paramref name="testerReturnUrl"/> the one return URL of
    /// its own that the setup handler allows beside the partner's hosts (null for every buyer's request).
    /// </summary>
    public static async Task<byte[]> AnswerAsync(IServiceProvider services, byte[] raw, string contentType, string hubUrl, string? testerReturnUrl,
        CancellationToken cancellationToken)
    {
        var answers = services.GetRequiredService<CxmlAnswers>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CxmlEndpoint).FullName!);
        var read = CxmlReader.Read(raw);
        if (read.Document is null || read.HasErrors) return answers.For(read.Diagnostics);
        var document = read.Document;

        var partner = CxmlAuthentication.Authenticate(document.Header, services.GetRequiredService<MappingsProvider>().Current.Partners,
            services.GetRequiredService<PartnerSecrets>());
        if (partner is null)
        {
            LogRefused(logger, document.Header?.ToString() ?? "no header"); // the header's rendering redacts secrets
            return answers.For(CxmlCodes.Unauthorized, "The sender's credentials are not recognised.");
        }
        if (document.Kind != CxmlKind.Request)
            return answers.For(CxmlCodes.EnvelopeRequired, "This endpoint takes cXML requests (a Header and a Request).");
        var handler = services.GetServices<ICxmlRequestHandler>().FirstOrDefault(h => h.RequestType == document.DocumentType);
        if (handler is null)
            return answers.For(CxmlCodes.Unsupported, $"The hub does not handle {document.DocumentType} requests here.");
        return await handler.HandleAsync(new CxmlRequest(raw, contentType, document, read.Diagnostics, partner, hubUrl, testerReturnUrl), cancellationToken);
    }

    // cXML carries its status in the document; the HTTP status is 200 whenever the answer is a cXML Response.
    private static IResult Answer(byte[] response) => Results.Bytes(response, CxmlAnswers.ContentType);

    [LoggerMessage(1, LogLevel.Warning, "cXML request refused: credentials not recognised ({Header})")]
    private static partial void LogRefused(ILogger logger, string header);
}
