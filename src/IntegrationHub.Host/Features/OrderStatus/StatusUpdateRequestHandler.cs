using Dapper;
using IntegrationHub.Features.PurchaseOrders;
using IntegrationHub.Formats.Cxml;
using IntegrationHub.Pipeline;
using IntegrationHub.Pipeline.Inbox;
using Npgsql;

namespace IntegrationHub.Features.OrderStatus;

/// <summary>
/// A partner's cXML StatusUpdateRequest about a document the hub sent it (a ConfirmationRequest, ShipNoticeRequest or
/// InvoiceDetailRequest), named by its payloadID in DocumentReference. Stored first with its own payloadID as the key (a
/// repeat is answered as the first time, other bytes under the same payloadID are a 409), then recorded against the
/// outbound document and its order in the same transaction, and answered 200. A reference to nothing the hub sent this
/// partner is answered 412 and kept (rejected) for an engineer; a request without DocumentReference or Status is a 400.
/// </summary>
internal sealed partial class StatusUpdateRequestHandler(NpgsqlDataSource dataSource, CxmlAnswers answers, ILogger<StatusUpdateRequestHandler> logger)
    : ICxmlRequestHandler
{
    public string RequestType => "StatusUpdateRequest";

    private sealed record Referenced(long Id, long? OrderId);

    public async Task<byte[]> HandleAsync(CxmlRequest request, CancellationToken cancellationToken)
    {
        var payloadId = request.Document.PayloadId;
        if (payloadId.Length == 0) return answers.For(CxmlCodes.EnvelopeRequired, "The cXML element has no payloadID.");
        // The reader has checked the Status (a request without one never gets here) and made the model.
        if (request.Document.Model is not CxmlStatusUpdateRequest { DocumentReferencePayloadId: { } reference } update)
            return answers.For(CxmlCodes.Required, "StatusUpdateRequest needs a DocumentReference with the payloadID of the document the hub sent.");
        var documentStatus = update.DetailKind is { } kind
            ? request.Document.Payload!.Element(kind)!.Attribute("type") is { Length: > 0 } type ? $"{kind} {type}" : kind
            : null;

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var referenced = await connection.QuerySingleOrDefaultAsync<Referenced>(new CommandDefinition("""
            SELECT m.id, COALESCE(m.acknowledges, (SELECT d.purchase_order_id FROM hub.store_document d WHERE d.outbound_id = m.id)) AS OrderId
            FROM hub.message m
            WHERE m.direction = 'out' AND m.protocol = 'cxml' AND m.dedupe_key = @Reference AND m.partner_id = @PartnerId
            """, new { Reference = reference, PartnerId = request.Partner.Id }, transaction, cancellationToken: cancellationToken));
        var reply = referenced is null
            ? answers.For(CxmlCodes.PreconditionFailed, $"The hub sent this partner no document with payloadID {reference}.")
            : answers.Ok();
        var intake = await InboundMessages.InsertAsync(transaction,
            new InboundDocument("cxml", request.Partner.Id, RequestType, payloadId, request.Raw, request.ContentType, reference),
            reply, CxmlAnswers.ContentType, referenced is null ? InboundMessages.Rejected : InboundMessages.Translated, DiagnosticsJson.Write(request.Diagnostics),
            cancellationToken);
        switch (intake)
        {
            case Intake.Stored stored when referenced is not null:
                await connection.ExecuteAsync(new CommandDefinition("""
                    INSERT INTO hub.status_update (message_id, refers_to, purchase_order_id, code, text, detail, document_status)
                    VALUES (@MessageId, @RefersTo, @OrderId, @Code, @Text, @Detail, @DocumentStatus)
                    """, new
                {
                    MessageId = stored.Id, RefersTo = referenced.Id, referenced.OrderId, update.Status.Code, update.Status.Text,
                    Detail = update.Status.Detail.Length > 0 ? update.Status.Detail : null, DocumentStatus = documentStatus,
                }, transaction, cancellationToken: cancellationToken));
                await transaction.CommitAsync(cancellationToken);
                LogRecorded(request.Partner.Id, update.Status.Code, referenced.Id);
                return reply;
            case Intake.Stored:
                await transaction.CommitAsync(cancellationToken);
                LogUnmatched(request.Partner.Id, payloadId);
                return reply;
            case Intake.Duplicate { SameContent: true, Reply: { } first }:
                return first;
            default:
                return answers.For(CxmlCodes.Conflict, $"payloadID {payloadId} was received before with other content.");
        }
    }

    [LoggerMessage(1, LogLevel.Information, "StatusUpdateRequest from {PartnerId}: status {Code} for outbound message {MessageId}")]
    private partial void LogRecorded(string partnerId, int code, long messageId);

    [LoggerMessage(2, LogLevel.Warning, "StatusUpdateRequest {PayloadId} from {PartnerId} names no document the hub sent it; answered 412")]
    private partial void LogUnmatched(string partnerId, string payloadId);
}
