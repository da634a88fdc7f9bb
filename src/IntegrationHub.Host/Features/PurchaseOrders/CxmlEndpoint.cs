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
            .WithSummary("A cXML request (OrderRequest, PunchOutSetupRequest, ProfileRequest); answered with a cXML Response.");

    private static async Task<IResult> HandleAsync(HttpRequest http, MappingsProvider mappings, PartnerSecrets secrets, CxmlAnswers answers,
        IEnumerable<ICxmlRequestHandler> handlers, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(CxmlEndpoint).FullName!);
        var raw = await RequestBody.ReadAsync(http, cancellationToken);
        var read = CxmlReader.Read(raw);
        if (read.Document is null || read.HasErrors) return Answer(answers.For(read.Diagnostics));
        var document = read.Document;

        var partner = CxmlAuthentication.Authenticate(document.Header, mappings.Current.Partners, secrets);
        if (partner is null)
        {
            LogRefused(logger, document.Header?.ToString() ?? "no header"); // the header's rendering redacts secrets
            return Answer(answers.For(CxmlCodes.Unauthorized, "The sender's credentials are not recognised."));
        }
        if (document.Kind != CxmlKind.Request)
            return Answer(answers.For(CxmlCodes.EnvelopeRequired, "This endpoint takes cXML requests (a Header and a Request)."));
        var handler = handlers.FirstOrDefault(h => h.RequestType == document.DocumentType);
        if (handler is null)
            return Answer(answers.For(CxmlCodes.Unsupported, $"The hub does not handle {document.DocumentType} requests here."));
        var answer = await handler.HandleAsync(new CxmlRequest(raw, http.ContentType ?? "text/xml", document, read.Diagnostics, partner,
            $"{http.Scheme}://{http.Host}{http.PathBase}"), cancellationToken);
        return Answer(answer);
    }

    // cXML carries its status in the document; the HTTP status is 200 whenever the answer is a cXML Response.
    private static IResult Answer(byte[] response) => Results.Bytes(response, CxmlAnswers.ContentType);

    [LoggerMessage(1, LogLevel.Warning, "cXML request refused: credentials not recognised ({Header})")]
    private static partial void LogRefused(ILogger logger, string header);
}
