using IntegrationHub.Documents;
using IntegrationHub.Formats.Cxml.Specs;

namespace IntegrationHub.Formats.Cxml;

/// <summary>Builds the typed view of a payload from the tree, reporting what is missing or malformed as diagnostics.</summary>
internal sealed class CxmlModels
{
    private readonly List<Diagnostic> _diagnostics;

    // Only the findings are wanted, not the model (a caller that maps the tree): where a payload's reading knows which of
    // its steps can report something (OrderRequest), it takes only those, in the same order, and gives no model.
    private readonly bool _findingsOnly;

    private CxmlModels(List<Diagnostic> diagnostics, bool findingsOnly)
    {
        _diagnostics = diagnostics;
        _findingsOnly = findingsOnly;
    }

    /// <summary>
    /// The typed view of the document's payload, its findings added to <paramref name="diagnostics"/>. With
    /// <paramref name="findingsOnly"/> the same findings are added, but the view may not be built (null is returned).
    /// </summary>
    public static object? Read(CxmlDocument document, List<Diagnostic> diagnostics, bool findingsOnly = false)
    {
        var payload = document.Payload;
        if (payload is null) return null;
        var models = new CxmlModels(diagnostics, findingsOnly);
        return payload.Name switch
        {
            "ProfileRequest" => new CxmlProfileRequest(),
            "ProfileResponse" => models.ProfileResponse(payload),
            "PunchOutSetupRequest" => models.PunchOutSetupRequest(payload),
            "PunchOutSetupResponse" => new CxmlPunchOutSetupResponse(models.Required(payload.Element("StartPage")?.Element("URL"), payload, "StartPage/URL")),
            "PunchOutOrderMessage" => models.PunchOutOrderMessage(payload),
            "OrderRequest" => models.OrderRequest(payload),
            "ConfirmationRequest" => models.ConfirmationRequest(payload),
            "ShipNoticeRequest" => models.ShipNoticeRequest(payload),
            "InvoiceDetailRequest" => models.InvoiceDetailRequest(payload),
            "StatusUpdateRequest" => models.StatusUpdateRequest(payload),
            _ => models.Unsupported(payload),
        };
    }

    private object? Unsupported(CxmlElement payload)
    {
        _diagnostics.Add(CxmlReader.Warning(CxmlCodes.Unsupported, $"{payload.Name} is not modelled by the hub; it is kept as a tree.", At(payload)));
        return null;
    }

    private CxmlProfileResponse ProfileResponse(CxmlElement payload) => new(
        RequiredAttribute(payload, "effectiveDate"),
        payload.Attribute("lastRefresh"),
        Options(payload),
        payload.ElementsNamed("Transaction").Select(t => new CxmlProfileTransaction(
            RequiredAttribute(t, "requestName"), t.Element("URL")?.InnerText.Trim() ?? string.Empty, Options(t))).ToList());

    private static Dictionary<string, string> Options(CxmlElement parent)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var option in parent.ElementsNamed("Option")) options[option.Attribute("name") ?? string.Empty] = option.InnerText.Trim();
        return options;
    }

    private CxmlPunchOutSetupRequest PunchOutSetupRequest(CxmlElement payload)
    {
        var operation = RequiredAttribute(payload, "operation");
        if (operation.Length > 0 && operation is not ("create" or "edit" or "inspect" or "source"))
            Add(Severity.Error, CxmlCodes.InvalidValue, $"operation \"{operation}\" is not create, edit, inspect or source.", payload);
        return new CxmlPunchOutSetupRequest(
            operation,
            BuyerCookie(payload),
            CxmlExtrinsic.AllIn(payload),
            CxmlValues.NonEmpty(payload.Element("BrowserFormPost")?.Element("URL")?.InnerText),
            CxmlContact.AllIn(payload),
            CxmlValues.NonEmpty(payload.Element("SupplierSetup")?.Element("URL")?.InnerText),
            CxmlAddress.From(payload.Element("ShipTo")),
            CxmlItemId.From(payload.Element("SelectedItem")),
            Items(payload, "ItemOut"));
    }

    private CxmlPunchOutOrderMessage PunchOutOrderMessage(CxmlElement payload)
    {
        var header = payload.Element("PunchOutOrderMessageHeader");
        if (header is null) Add(Severity.Error, CxmlCodes.Required, "PunchOutOrderMessageHeader is missing.", payload);
        var operationAllowed = header is null ? string.Empty : RequiredAttribute(header, "operationAllowed");
        if (header is not null && header.Element("Total") is null) Add(Severity.Error, CxmlCodes.Required, "Total is missing.", header);
        return new CxmlPunchOutOrderMessage(
            BuyerCookie(payload), operationAllowed, header?.Attribute("quoteStatus"),
            CxmlMoney.From(header?.Element("Total")), CxmlMoney.From(header?.Element("Shipping")), CxmlMoney.From(header?.Element("Tax")),
            CxmlAddress.From(header?.Element("ShipTo")),
            Items(payload, "ItemIn"));
    }

    private CxmlOrderRequest? OrderRequest(CxmlElement payload)
    {
        var header = payload.Element("OrderRequestHeader");
        if (header is null)
        {
            Add(Severity.Error, CxmlCodes.Required, "OrderRequestHeader is missing.", payload);
            header = new CxmlElement("OrderRequestHeader");
        }
        var type = header.Attribute("type") is { Length: > 0 } t ? t : "new";
        if (type is not ("new" or "update" or "delete"))
            Add(Severity.Error, CxmlCodes.InvalidValue, $"type \"{type}\" is not new, update or delete.", header);
        var reference = header.Element("DocumentReference")?.Attribute("payloadID");
        if (type != "new" && string.IsNullOrWhiteSpace(reference))
            Add(Severity.Warning, CxmlCodes.Required, $"An {type} order should carry DocumentReference@payloadID of the order it changes.", header);
        if (_findingsOnly)
        {
            // What the reading below reports, in its order: each line's findings, then the lines' count, then the header's
            // two required attributes; nothing else in it can report anything.
            var lines = 0;
            foreach (var item in payload.ElementsNamed("ItemOut"))
            {
                ItemFindings(item, "ItemOut", CxmlItemId.HolderOf(item) is not null);
                lines++;
            }
            if (lines == 0 && type != "delete") Add(Severity.Error, CxmlCodes.Required, "An OrderRequest needs at least one ItemOut.", payload);
            RequiredAttribute(header, "orderID");
            RequiredAttribute(header, "orderDate");
            return null;
        }
        var items = Items(payload, "ItemOut");
        if (items.Count == 0 && type != "delete") Add(Severity.Error, CxmlCodes.Required, "An OrderRequest needs at least one ItemOut.", payload);
        var pcard = header.Element("Payment")?.Element("PCard");
        return new CxmlOrderRequest(
            RequiredAttribute(header, "orderID"), RequiredAttribute(header, "orderDate"), type,
            header.Attribute("orderType") is { Length: > 0 } orderType ? orderType : "regular",
            header.Attribute("orderVersion"), reference,
            CxmlMoney.From(header.Element("Total")), CxmlAddress.From(header.Element("ShipTo")), CxmlAddress.From(header.Element("BillTo")),
            CxmlMoney.From(header.Element("Shipping")), CxmlMoney.From(header.Element("Tax")),
            pcard is null ? null : new CxmlPCard(pcard.Attribute("number") ?? string.Empty, pcard.Attribute("expiration") ?? string.Empty, pcard.Attribute("name")),
            CxmlContact.AllIn(header), CxmlValues.NonEmpty(header.Element("Comments")?.InnerText), CxmlExtrinsic.AllIn(header), items);
    }

    private CxmlConfirmationRequest ConfirmationRequest(CxmlElement payload)
    {
        var header = payload.Element("ConfirmationHeader") ?? MissingChild(payload, "ConfirmationHeader");
        var order = payload.Element("OrderReference") ?? MissingChild(payload, "OrderReference");
        var items = payload.ElementsNamed("ConfirmationItem").Select(item => new CxmlConfirmationItem(
            RequiredAttribute(item, "lineNumber"), Quantity(item),
            item.Element("UnitOfMeasure")?.InnerText.Trim(),
            item.ElementsNamed("ConfirmationStatus").Select(status => new CxmlConfirmationStatus(
                RequiredAttribute(status, "type"), Quantity(status), status.Element("UnitOfMeasure")?.InnerText.Trim(),
                status.Attribute("deliveryDate"), status.Attribute("shipmentDate"), CxmlMoney.From(status.Element("UnitPrice")))).ToList())).ToList();
        return new CxmlConfirmationRequest(header.Attribute("confirmID"), header.Attribute("operation") ?? "new", RequiredAttribute(header, "type"),
            RequiredAttribute(header, "noticeDate"), order.Attribute("orderID") ?? string.Empty,
            CxmlValues.NonEmpty(order.Element("DocumentReference")?.Attribute("payloadID")),
            CxmlMoney.From(header.Element("Total")), items, CxmlExtrinsic.AllIn(header));
    }

    private CxmlShipNoticeRequest ShipNoticeRequest(CxmlElement payload)
    {
        var header = payload.Element("ShipNoticeHeader") ?? MissingChild(payload, "ShipNoticeHeader");
        var operation = header.Attribute("operation") ?? "new";
        var controls = payload.ElementsNamed("ShipControl").Select(control => new CxmlShipControl(
            control.ElementsNamed("CarrierIdentifier").Select(c => KeyValuePair.Create(c.Attribute("domain") ?? string.Empty, c.InnerText.Trim())).ToList(),
            control.ElementsNamed("ShipmentIdentifier").Select(s => KeyValuePair.Create(s.Attribute("domain") ?? string.Empty, s.InnerText.Trim())).ToList())).ToList();
        var portions = payload.ElementsNamed("ShipNoticePortion").Select(portion =>
        {
            var order = portion.Element("OrderReference");
            return new CxmlShipNoticePortion(order?.Attribute("orderID") ?? string.Empty,
                CxmlValues.NonEmpty(order?.Element("DocumentReference")?.Attribute("payloadID")),
                portion.ElementsNamed("ShipNoticeItem").Select(item => new CxmlShipNoticeItem(RequiredAttribute(item, "lineNumber"), Quantity(item),
                    item.Element("UnitOfMeasure")?.InnerText.Trim() ?? string.Empty, CxmlItemId.From(item))).ToList());
        }).ToList();
        if (operation != "delete" && portions.Count == 0)
            Add(Severity.Error, CxmlCodes.Required, "A ShipNoticeRequest needs at least one ShipNoticePortion unless it deletes.", payload);
        return new CxmlShipNoticeRequest(RequiredAttribute(header, "shipmentID"), operation, RequiredAttribute(header, "noticeDate"),
            header.Attribute("shipmentDate"), header.Attribute("deliveryDate"), controls, portions, CxmlExtrinsic.AllIn(header));
    }

    private CxmlInvoiceDetailRequest InvoiceDetailRequest(CxmlElement payload)
    {
        var header = payload.Element("InvoiceDetailRequestHeader") ?? MissingChild(payload, "InvoiceDetailRequestHeader");
        var lineNumbers = new HashSet<string>(StringComparer.Ordinal);
        var orders = payload.ElementsNamed("InvoiceDetailOrder").Select(order =>
        {
            var info = order.Element("InvoiceDetailOrderInfo");
            var reference = info?.Element("OrderReference");
            var orderId = reference?.Attribute("orderID") ?? info?.Element("OrderIDInfo")?.Attribute("orderID")
                ?? info?.Element("MasterAgreementIDInfo")?.Attribute("agreementID") ?? info?.Element("SupplierOrderInfo")?.Attribute("orderID");
            var items = order.Elements.Where(e => e.Name is "InvoiceDetailItem" or "InvoiceDetailServiceItem").Select(item =>
            {
                var line = RequiredAttribute(item, "invoiceLineNumber");
                if (line.Length > 0 && !lineNumbers.Add(line))
                    Add(Severity.Error, CxmlCodes.Duplicate, $"invoiceLineNumber {line} is used by more than one line; it must be unique in the invoice.", item);
                var itemReference = item.Element("InvoiceDetailItemReference") ?? item.Element("InvoiceDetailServiceItemReference");
                return new CxmlInvoiceItem(line, itemReference?.Attribute("lineNumber"), Quantity(item),
                    item.Element("UnitOfMeasure")?.InnerText.Trim() ?? string.Empty, CxmlMoney.From(item.Element("UnitPrice")),
                    CxmlMoney.From(item.Element("SubtotalAmount")), CxmlMoney.From(item.Element("Tax")), CxmlItemId.From(itemReference));
            }).ToList();
            return new CxmlInvoiceOrder(orderId, CxmlValues.NonEmpty(reference?.Element("DocumentReference")?.Attribute("payloadID")), items);
        }).ToList();
        if (orders.Count == 0 && payload.Element("InvoiceDetailHeaderOrder") is null)
            Add(Severity.Error, CxmlCodes.Required, "An InvoiceDetailRequest needs InvoiceDetailOrder or InvoiceDetailHeaderOrder.", payload);
        var summary = payload.Element("InvoiceDetailSummary") ?? MissingChild(payload, "InvoiceDetailSummary");
        var tax = summary.Element("Tax");
        return new CxmlInvoiceDetailRequest(
            RequiredAttribute(header, "invoiceID"), header.Attribute("purpose") ?? "standard", header.Attribute("operation") ?? "new",
            RequiredAttribute(header, "invoiceDate"), orders,
            new CxmlInvoiceSummary(CxmlMoney.From(summary.Element("SubtotalAmount")), CxmlMoney.From(tax),
                tax?.ElementsNamed("TaxDetail").Select(d => new CxmlTaxDetail(d.Attribute("category") ?? string.Empty,
                    CxmlValues.Decimal(d.Attribute("percentageRate")), CxmlMoney.From(d.Element("TaxableAmount")), CxmlMoney.From(d.Element("TaxAmount")))).ToList() ?? [],
                CxmlMoney.From(summary.Element("SpecialHandlingAmount")), CxmlMoney.From(summary.Element("ShippingAmount")),
                CxmlMoney.From(summary.Element("GrossAmount")), CxmlMoney.From(summary.Element("InvoiceDetailDiscount")),
                CxmlMoney.From(summary.Element("NetAmount")), CxmlMoney.From(summary.Element("DueAmount"))),
            CxmlExtrinsic.AllIn(header));
    }

    private CxmlStatusUpdateRequest StatusUpdateRequest(CxmlElement payload)
    {
        var status = payload.Element("Status") ?? MissingChild(payload, "Status");
        var detail = payload.Elements.FirstOrDefault(e => e.Name is "PaymentStatus" or "SourcingStatus" or "InvoiceStatus" or "DocumentStatus" or "IntegrationStatus");
        return new CxmlStatusUpdateRequest(CxmlValues.NonEmpty(payload.Element("DocumentReference")?.Attribute("payloadID")),
            new CxmlStatus(int.TryParse(status.Attribute("code"), out var code) ? code : 0, status.Attribute("text") ?? string.Empty,
                status.InnerText.Trim(), status.Attribute("xml:lang")),
            detail?.Name, CxmlExtrinsic.AllIn(payload));
    }

    private IReadOnlyList<CxmlItem> Items(CxmlElement parent, string name) =>
        parent.Map(name, item =>
        {
            var itemId = CxmlItemId.From(item);
            return new CxmlItem(ItemFindings(item, name, itemId is not null), CxmlValues.NonEmpty(item.Attribute("lineNumber")), item.Attribute("requestedDeliveryDate"),
                itemId, CxmlItemDetail.From(item.Element("ItemDetail")), CxmlAddress.From(item.Element("ShipTo")),
                CxmlMoney.From(item.Element("Shipping")), CxmlMoney.From(item.Element("Tax")), CxmlDistribution.AllIn(item),
                item.Map("ScheduleLine", s => new CxmlScheduleLine(CxmlValues.Decimal(s.Attribute("quantity")),
                    s.Attribute("requestedDeliveryDate"), s.Attribute("lineNumber"))),
                CxmlValues.NonEmpty(item.Element("Comments")?.InnerText), CxmlExtrinsic.AllIn(item), item);
        });

    // A line's findings, in order (no ItemID, then its quantity's), and the quantity read.
    private decimal? ItemFindings(CxmlElement item, string name, bool hasItemId)
    {
        if (!hasItemId) Add(Severity.Error, CxmlCodes.Required, $"{name} has no ItemID.", item);
        return Quantity(item);
    }

    private string BuyerCookie(CxmlElement payload)
    {
        var cookie = payload.Element("BuyerCookie");
        if (cookie is null) Add(Severity.Error, CxmlCodes.Required, "BuyerCookie is missing.", payload);
        return cookie?.InnerText.Trim() ?? string.Empty;
    }

    private decimal? Quantity(CxmlElement element)
    {
        var raw = element.Attribute("quantity");
        if (string.IsNullOrWhiteSpace(raw))
        {
            if (!ReportedByReader(element, "quantity", raw)) Add(Severity.Error, CxmlCodes.Required, $"{element.Name} has no quantity.", element);
            return null;
        }
        var quantity = CxmlValues.Decimal(raw);
        if (quantity is null or < 0) Add(Severity.Error, CxmlCodes.InvalidValue, $"quantity \"{raw}\" is not a non-negative number.", element);
        return quantity;
    }

    private string RequiredAttribute(CxmlElement element, string name)
    {
        var value = element.Attribute(name);
        if (string.IsNullOrWhiteSpace(value) && !ReportedByReader(element, name, value))
            Add(Severity.Error, CxmlCodes.Required, $"{element.Name}@{name} is {(value is null ? "missing" : "empty")}.", element);
        return value?.Trim() ?? string.Empty;
    }

    // The reader already reported an absent attribute the DTD requires on an element it read (a stand-in built for a missing
    // element has no line and was not checked).
    private static bool ReportedByReader(CxmlElement element, string name, string? value) =>
        value is null && element.Line > 0 && RequiredAttributes.IsRequired(element.Name, name);

    private string Required(CxmlElement? element, CxmlElement parent, string what)
    {
        var value = element?.InnerText.Trim();
        if (string.IsNullOrEmpty(value)) Add(Severity.Error, CxmlCodes.Required, $"{what} is missing or empty.", parent);
        return value ?? string.Empty;
    }

    private CxmlElement MissingChild(CxmlElement parent, string name)
    {
        Add(Severity.Error, CxmlCodes.Required, $"{name} is missing.", parent);
        return new CxmlElement(name);
    }

    private void Add(Severity severity, string code, string message, CxmlElement element) =>
        _diagnostics.Add(new Diagnostic(code, message, severity, At(element)));

    private static Position At(CxmlElement element) => new(-1, element.Line, element.Column, element.Path);
}
