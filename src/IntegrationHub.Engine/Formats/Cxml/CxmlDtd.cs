namespace IntegrationHub.Formats.Cxml;

/// <summary>Which DTD family a cXML payload belongs to, and the DOCTYPE the writer emits for it.</summary>
public static class CxmlDtd
{
    /// <summary>The cXML version the hub writes unless a partner says otherwise.</summary>
    public const string DefaultVersion = "1.2.069";

    private static readonly HashSet<string> Fulfill = new(StringComparer.Ordinal)
    {
        "ConfirmationRequest", "ShipNoticeRequest", "ReceiptRequest", "ServiceEntryRequest", "ServiceEntryStatusUpdateRequest",
        "ComponentConsumptionRequest", "OrderStatusRequest", "OrderStatusResponse", "QualityNotificationRequest",
        "QualityInspectionRequest", "QualityInspectionResultRequest", "QualityInspectionDecisionRequest", "SubcontractingComponentStatusUpdateRequest",
    };

    /// <summary>The DTD file for a payload: <c>Fulfill.dtd</c>, <c>InvoiceDetail.dtd</c> or <c>cXML.dtd</c>.</summary>
    public static string FileFor(string payloadName) => payloadName switch
    {
        "InvoiceDetailRequest" => "InvoiceDetail.dtd",
        _ when Fulfill.Contains(payloadName) => "Fulfill.dtd",
        _ => "cXML.dtd",
    };

    /// <summary>The DOCTYPE system identifier, e.g. <c>http://xml.cxml.org/schemas/cXML/1.2.069/cXML.dtd</c>.</summary>
    public static string SystemIdFor(string payloadName, string version) =>
        $"http://xml.cxml.org/schemas/cXML/{version}/{FileFor(payloadName)}";

    /// <summary>The version in a DTD URL such as <c>…/cXML/1.2.014/cXML.dtd</c>, or null.</summary>
    public static string? VersionOf(string? systemId)
    {
        if (string.IsNullOrEmpty(systemId)) return null;
        var parts = systemId.Split('/');
        return parts.Length >= 2 && parts[^2].Length > 0 && char.IsAsciiDigit(parts[^2][0]) ? parts[^2] : null;
    }

    /// <summary>True when the system identifier names one of the published cXML DTD files (any host case, any version).</summary>
    public static bool IsKnown(string systemId)
    {
        var file = systemId.Split('/')[^1];
        return file is "cXML.dtd" or "Fulfill.dtd" or "InvoiceDetail.dtd" or "Catalog.dtd" or "Contract.dtd" or "Logistics.dtd"
            or "PaymentRemittance.dtd" or "Quote.dtd" or "Private.dtd";
    }
}
