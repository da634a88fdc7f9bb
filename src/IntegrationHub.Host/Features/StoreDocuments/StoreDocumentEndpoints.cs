using System.Text;
using System.Text.Json;
using IntegrationHub.Features.PurchaseOrders;

namespace IntegrationHub.Features.StoreDocuments;

/// <summary>
/// <c>POST /api/stores/shipments</c> and <c>/api/stores/invoices</c>: the supplier's stores push a canonical shipment or
/// invoice, signed (see <see cref="StoreSignature"/>) with the secret configuration names (<c>Stores:Shipments:Secret</c>,
/// <c>Stores:Invoices:Secret</c>); it goes to the buyer of its order as an 856/810 or a cXML ShipNoticeRequest /
/// InvoiceDetailRequest. The optional <c>partner</c> query names the buyer when order numbers are not unique.
/// </summary>
internal static partial class StoreDocumentEndpoints
{
    public static void MapStoreDocuments(this IEndpointRouteBuilder endpoints)
    {
        var stores = endpoints.MapGroup("/api/stores").AllowAnonymous().WithTags("Stores"); // the store's signature authenticates
        stores.MapPost("/shipments", (HttpRequest h, IConfiguration c, TimeProvider t, StoreDocumentIntake i, ILoggerFactory l, string? partner, CancellationToken ct) =>
                HandleAsync(h, c, t, l, "Stores:Shipments:Secret", body => i.ReceiveAsync(StoreDocumentIntake.Shipments, Encoding.UTF8.GetString(body), partner, ct), ct))
            .WithName("PushShipment").WithSummary("A shipment from the supplier's store, sent to its buyer as an 856 or ShipNoticeRequest.");
        stores.MapPost("/invoices", (HttpRequest h, IConfiguration c, TimeProvider t, StoreDocumentIntake i, ILoggerFactory l, string? partner, CancellationToken ct) =>
                HandleAsync(h, c, t, l, "Stores:Invoices:Secret", body => i.ReceiveAsync(StoreDocumentIntake.Invoices, Encoding.UTF8.GetString(body), partner, ct), ct))
            .WithName("PushInvoice").WithSummary("An invoice from the supplier's store, sent to its buyer as an 810 or InvoiceDetailRequest.");
    }

    private static async Task<IResult> HandleAsync(HttpRequest http, IConfiguration configuration, TimeProvider time, ILoggerFactory loggers, string secretName,
        Func<byte[], Task<StoreDocumentIntake.Outcome>> receive, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync(http, cancellationToken);
        var refusal = StoreSignature.Refusal(configuration[secretName], http.Headers[StoreSignature.SignatureHeader], http.Headers[StoreSignature.TimestampHeader],
            body, time.GetUtcNow());
        if (refusal is not null)
        {
            LogRefused(loggers.CreateLogger(typeof(StoreDocumentEndpoints).FullName!), http.Path, refusal);
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Not signed", detail: refusal);
        }
        StoreDocumentIntake.Outcome outcome;
        try
        {
            outcome = await receive(body);
        }
        catch (JsonException e)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not a canonical document", detail: e.Message);
        }
        if (outcome.Unmatched is { } reason)
            return Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Unknown order", detail: reason);
        if (outcome.Conflict)
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Pushed before with another document",
                detail: $"This id was pushed before (store document {outcome.Id}) with other content; a correction needs an id of its own.");
        return Results.Json(outcome, statusCode: StatusCodes.Status202Accepted);
    }

    [LoggerMessage(1, LogLevel.Warning, "Store push to {Path} refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string path, string reason);
}
