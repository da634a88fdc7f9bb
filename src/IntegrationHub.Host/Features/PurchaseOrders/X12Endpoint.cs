using IntegrationHub.Formats.X12;
using IntegrationHub.Pipeline;
using IntegrationHub.Translation;
using Microsoft.Net.Http.Headers;

namespace IntegrationHub.Features.PurchaseOrders;

/// <summary>
/// <c>POST /x12</c>: a partner's X12 file (850s, 860s). The sender is authenticated by the key its identity names, the
/// file stored and acknowledged (997/999, TA1 per the partner file), and the acknowledgment always queued for the
/// partner's outbound channel. A caller that accepts <c>application/edi-x12</c> gets the acknowledgment in the answer;
/// others get 202 with the message id. A file whose interchanges were received before is answered as the first time
/// when it is the same file, and with 409 when it is not.
/// </summary>
internal static partial class X12Endpoint
{
    public const string Path = "/x12";

    public sealed record Accepted(long MessageId, int Sets, int SetsAccepted, string? Acknowledgment, bool Duplicate);

    public static void MapX12(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(Path, HandleAsync)
            .AllowAnonymous() // the partner's key authenticates, checked here against the partner file
            .Accepts<string>(X12Intake.ContentType, "text/plain")
            .Produces<Accepted>(StatusCodes.Status202Accepted)
            .Produces<string>(StatusCodes.Status200OK, X12Intake.ContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithTags("Protocols")
            .WithName("PostX12")
            .WithSummary("An X12 interchange file from a partner; acknowledged with 997/999 (and TA1) per its partner file.");

    private static async Task<IResult> HandleAsync(HttpRequest http, HttpResponse response, MappingsProvider mappings, PartnerSecrets secrets, X12Intake intake,
        ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var raw = await RequestBody.ReadAsync(http, cancellationToken);
        if (FormatTrees.Detect(raw) != "x12")
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not X12", detail: "The body does not start with an ISA segment.");
        IReadOnlyList<X12InterchangeHeader> interchanges;
        using (var input = new MemoryStream(raw, writable: false)) interchanges = X12InterchangeHeaders.Read(input);
        if (interchanges.Count == 0)
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "No interchange", detail: "No ISA … IEA interchange could be read.");

        var partner = X12Authentication.Authenticate(interchanges, http.Headers, mappings.Current.Partners, secrets);
        if (partner is null)
        {
            LogRefused(loggers.CreateLogger(typeof(X12Endpoint).FullName!), interchanges[0].SenderQualifier, interchanges[0].Sender);
            response.Headers.WWWAuthenticate = "Basic realm=\"IntegrationHub X12\", charset=\"UTF-8\"";
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Not authenticated",
                detail: "The ISA sender is not a known partner, or the key presented (X-Api-Key, or Basic with the partner id) is not its key.");
        }

        var result = await intake.StoreAsync(partner, interchanges, raw, http.ContentType ?? X12Intake.ContentType, cancellationToken);
        if (result.Conflict)
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Duplicate interchange control number",
                detail: $"An interchange with this sender and ISA13 was received before (message {result.MessageId}) with other content.");
        var wantsAck = http.Headers[HeaderNames.Accept].Any(a => a is not null && a.Contains(X12Intake.ContentType, StringComparison.OrdinalIgnoreCase));
        if (wantsAck && result.Acknowledgment is { } ack) return Results.Bytes(ack, X12Intake.ContentType);
        return Results.Json(new Accepted(result.MessageId, result.Sets, result.SetsAccepted, result.AcknowledgmentType, result.Duplicate),
            statusCode: StatusCodes.Status202Accepted);
    }

    [LoggerMessage(1, LogLevel.Warning, "X12 file refused: sender {Qualifier}/{Sender} not authenticated")]
    private static partial void LogRefused(ILogger logger, string qualifier, string sender);
}
