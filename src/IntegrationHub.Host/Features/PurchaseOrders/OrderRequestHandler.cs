using IntegrationHub.Formats.Cxml;
using IntegrationHub.Pipeline;
using IntegrationHub.Pipeline.Dispatch;
using IntegrationHub.Pipeline.Inbox;
using Npgsql;

namespace IntegrationHub.Features.PurchaseOrders;

/// <summary>
/// A cXML OrderRequest (new, update or delete): stored, its SharedSecret, CredentialMac and DigitalSignature redacted
/// first, with its payloadID as the unique key and the 200 it is answered with, then translated and delivered in the background. The same payloadID again with the same bytes is answered as
/// the first was, without storing anything; with other bytes it is a 409 Conflict.
/// </summary>
internal partial class OrderRequestHandler(NpgsqlDataSource dataSource, CxmlAnswers answers, PipelineJobs jobs, ILogger<OrderRequestHandler> logger)
    : ICxmlRequestHandler
{
    public virtual string RequestType => "OrderRequest";

    protected CxmlAnswers Answers => answers;

    /// <summary>The document's own number, recorded as the message's reference.</summary>
    protected virtual string? ReferenceOf(CxmlDocument document) => document.Payload?.Element("OrderRequestHeader")?.Attribute("orderID");

    /// <summary>The answer to a sender this request type is not accepted from; null: accepted.</summary>
    protected virtual byte[]? Refusal(CxmlRequest request) => null;

    public async Task<byte[]> HandleAsync(CxmlRequest request, CancellationToken cancellationToken)
    {
        if (Refusal(request) is { } refusal) return refusal;
        var payloadId = request.Document.PayloadId;
        if (payloadId.Length == 0) return answers.For(CxmlCodes.EnvelopeRequired, "The cXML element has no payloadID.");
        var reference = ReferenceOf(request.Document);
        // The credentials have done their work: what is stored (and compared for duplicates) carries no secret.
        if (Admin.CxmlRedaction.RedactForStorage(request.Raw, request.Document) is not { } redacted) return answers.For(CxmlCodes.Malformed, "The document is not well-formed XML.");
        var reply = answers.Ok();
        Intake intake;
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            intake = await InboundMessages.InsertAsync(transaction,
                new InboundDocument("cxml", request.Partner.Id, RequestType, payloadId, redacted, request.ContentType, reference),
                reply, CxmlAnswers.ContentType, InboundMessages.Received, DiagnosticsJson.Write(request.Diagnostics), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        switch (intake)
        {
            case Intake.Stored stored:
                jobs.Translate(stored.Id);
                return reply;
            case Intake.Duplicate { SameContent: true, Reply: { } first }:
                LogDuplicate(RequestType, payloadId, request.Partner.Id);
                return first;
            default:
                LogConflict(RequestType, payloadId, request.Partner.Id);
                return answers.For(CxmlCodes.Conflict, $"payloadID {payloadId} was received before with other content.");
        }
    }

    [LoggerMessage(1, LogLevel.Information, "{RequestType} {PayloadId} from {PartnerId} received again; answered as the first time")]
    private partial void LogDuplicate(string requestType, string payloadId, string partnerId);

    [LoggerMessage(2, LogLevel.Warning, "{RequestType} {PayloadId} from {PartnerId} reuses a payloadID with other content; refused")]
    private partial void LogConflict(string requestType, string payloadId, string partnerId);
}
