using IntegrationHub.Formats.Cxml;
using IntegrationHub.Partners;
using IntegrationHub.Pipeline.Dispatch;
using Npgsql;

namespace IntegrationHub.Features.PurchaseOrders;

/// <summary>
/// A cXML ShipNoticeRequest, InvoiceDetailRequest or ConfirmationRequest from a vendor (a partner whose file says
/// <c>role: vendor</c>: a 3PL warehouse, a drop-ship vendor): stored and answered exactly as an OrderRequest is, then
/// translated into a canonical shipment, invoice or acknowledgment and matched to its order in the background
/// (<see cref="StoreDocuments.StoreDocumentIntake.ReceiveFromVendorAsync"/>). Any other partner is refused with a 403.
/// </summary>
internal sealed class VendorDocumentHandler(string requestType, NpgsqlDataSource dataSource, CxmlAnswers answers, PipelineJobs jobs,
    ILogger<OrderRequestHandler> logger) : OrderRequestHandler(dataSource, answers, jobs, logger)
{
    /// <summary>The request types a vendor sends, with the header attribute that numbers each.</summary>
    public static IReadOnlyDictionary<string, (string Header, string Number)> RequestTypes { get; } = new Dictionary<string, (string, string)>
    {
        ["ShipNoticeRequest"] = ("ShipNoticeHeader", "shipmentID"),
        ["InvoiceDetailRequest"] = ("InvoiceDetailRequestHeader", "invoiceID"),
        ["ConfirmationRequest"] = ("ConfirmationHeader", "confirmID"),
    };

    public override string RequestType => requestType;

    protected override string? ReferenceOf(CxmlDocument document) =>
        document.Payload?.Element(RequestTypes[requestType].Header)?.Attribute(RequestTypes[requestType].Number);

    protected override byte[]? Refusal(CxmlRequest request) => request.Partner.Role == PartnerRole.Vendor ? null
        : Answers.For(CxmlCodes.Forbidden, $"{requestType} is accepted from vendors only (partner.role: vendor in the partner's file); {request.Partner.Id} is a buyer.");
}
