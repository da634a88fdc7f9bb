namespace IntegrationHub.Formats.Cxml;

/// <summary>A ProfileRequest (no content).</summary>
public sealed record CxmlProfileRequest;

/// <summary>A ProfileTransaction: the request name and its URL, with its options.</summary>
public sealed record CxmlProfileTransaction(string RequestName, string Url, IReadOnlyDictionary<string, string> Options);

/// <summary>A ProfileResponse: effective date, service-wide options, transactions.</summary>
public sealed record CxmlProfileResponse(string EffectiveDate, string? LastRefresh, IReadOnlyDictionary<string, string> Options,
    IReadOnlyList<CxmlProfileTransaction> Transactions);

/// <summary>A PunchOutSetupRequest: operation (create, edit, inspect, source), BuyerCookie and everything that identifies the session.</summary>
public sealed record CxmlPunchOutSetupRequest(
    string Operation, string BuyerCookie, IReadOnlyList<CxmlExtrinsic> Extrinsics, string? BrowserFormPostUrl,
    IReadOnlyList<CxmlContact> Contacts, string? SupplierSetupUrl, CxmlAddress? ShipTo, CxmlItemId? SelectedItem, IReadOnlyList<CxmlItem> Items);

/// <summary>A PunchOutSetupResponse: the StartPage URL.</summary>
public sealed record CxmlPunchOutSetupResponse(string StartPageUrl);

/// <summary>A PunchOutOrderMessage (cart return): BuyerCookie, header (operationAllowed, totals) and ItemIn lines.</summary>
public sealed record CxmlPunchOutOrderMessage(
    string BuyerCookie, string OperationAllowed, string? QuoteStatus, CxmlMoney? Total, CxmlMoney? Shipping, CxmlMoney? Tax,
    CxmlAddress? ShipTo, IReadOnlyList<CxmlItem> Items);

/// <summary>PCard payment details. The card number is data the buyer sent; do not log it.</summary>
public sealed record CxmlPCard(string Number, string Expiration, string? Name)
{
    /// <summary>A rendering that is safe to log: only the last four digits.</summary>
    public override string ToString() => $"PCard ****{(Number.Length >= 4 ? Number[^4..] : "")} exp {Expiration}";
}

/// <summary>An OrderRequest: header (type new/update/delete, addresses, money, payment, contacts, comments, extrinsics) and ItemOut lines.</summary>
public sealed record CxmlOrderRequest(
    string OrderId, string OrderDate, string Type, string OrderType, string? OrderVersion, string? DocumentReferencePayloadId,
    CxmlMoney? Total, CxmlAddress? ShipTo, CxmlAddress? BillTo, CxmlMoney? Shipping, CxmlMoney? Tax, CxmlPCard? PCard,
    IReadOnlyList<CxmlContact> Contacts, string? Comments, IReadOnlyList<CxmlExtrinsic> Extrinsics, IReadOnlyList<CxmlItem> Items);

/// <summary>One ConfirmationStatus of a ConfirmationItem.</summary>
public sealed record CxmlConfirmationStatus(string Type, decimal? Quantity, string? UnitOfMeasure, string? DeliveryDate, string? ShipmentDate, CxmlMoney? UnitPrice);

/// <summary>A ConfirmationItem: the PO line, its quantity and its statuses.</summary>
public sealed record CxmlConfirmationItem(string LineNumber, decimal? Quantity, string? UnitOfMeasure, IReadOnlyList<CxmlConfirmationStatus> Statuses);

/// <summary>A ConfirmationRequest: header (confirmID, operation, type, noticeDate), the order it confirms, and items.</summary>
public sealed record CxmlConfirmationRequest(string? ConfirmId, string Operation, string Type, string NoticeDate, string OrderId,
    string? OrderPayloadId, CxmlMoney? Total, IReadOnlyList<CxmlConfirmationItem> Items, IReadOnlyList<CxmlExtrinsic> Extrinsics);

/// <summary>A ShipControl: carrier identifiers and shipment (tracking) identifiers.</summary>
public sealed record CxmlShipControl(IReadOnlyList<KeyValuePair<string, string>> Carriers, IReadOnlyList<KeyValuePair<string, string>> ShipmentIdentifiers);

/// <summary>A ShipNoticeItem: PO line, quantity, unit.</summary>
public sealed record CxmlShipNoticeItem(string LineNumber, decimal? Quantity, string UnitOfMeasure, CxmlItemId? ItemId);

/// <summary>A ShipNoticePortion: the order and the lines shipped (none = the whole order).</summary>
public sealed record CxmlShipNoticePortion(string OrderId, string? OrderPayloadId, IReadOnlyList<CxmlShipNoticeItem> Items);

/// <summary>A ShipNoticeRequest (ASN): header, controls, portions.</summary>
public sealed record CxmlShipNoticeRequest(string ShipmentId, string Operation, string NoticeDate, string? ShipmentDate, string? DeliveryDate,
    IReadOnlyList<CxmlShipControl> Controls, IReadOnlyList<CxmlShipNoticePortion> Portions, IReadOnlyList<CxmlExtrinsic> Extrinsics);

/// <summary>An InvoiceDetailItem: invoice line, PO line, quantity, unit price, subtotal, tax.</summary>
public sealed record CxmlInvoiceItem(string InvoiceLineNumber, string? OrderLineNumber, decimal? Quantity, string UnitOfMeasure,
    CxmlMoney? UnitPrice, CxmlMoney? Subtotal, CxmlMoney? Tax, CxmlItemId? ItemId);

/// <summary>An InvoiceDetailOrder: the order reference and its items.</summary>
public sealed record CxmlInvoiceOrder(string? OrderId, string? OrderPayloadId, IReadOnlyList<CxmlInvoiceItem> Items);

/// <summary>An InvoiceDetailSummary: subtotal, tax (with details), special handling, shipping, gross, discount, net, due.</summary>
public sealed record CxmlInvoiceSummary(CxmlMoney? Subtotal, CxmlMoney? Tax, IReadOnlyList<CxmlTaxDetail> TaxDetails, CxmlMoney? SpecialHandling,
    CxmlMoney? Shipping, CxmlMoney? Gross, CxmlMoney? Discount, CxmlMoney? Net, CxmlMoney? Due);

/// <summary>A TaxDetail: category, percentage rate, taxable amount and tax amount.</summary>
public sealed record CxmlTaxDetail(string Category, decimal? PercentageRate, CxmlMoney? TaxableAmount, CxmlMoney? TaxAmount);

/// <summary>An InvoiceDetailRequest: header (invoiceID, purpose, operation, invoiceDate), orders with items, and the summary.</summary>
public sealed record CxmlInvoiceDetailRequest(string InvoiceId, string Purpose, string Operation, string InvoiceDate,
    IReadOnlyList<CxmlInvoiceOrder> Orders, CxmlInvoiceSummary Summary, IReadOnlyList<CxmlExtrinsic> Extrinsics);

/// <summary>A StatusUpdateRequest: the document it is about, its Status and the kind of detail status (InvoiceStatus …).</summary>
public sealed record CxmlStatusUpdateRequest(string? DocumentReferencePayloadId, CxmlStatus Status, string? DetailKind, IReadOnlyList<CxmlExtrinsic> Extrinsics);
