using IntegrationHub.Documents;
using IntegrationHub.Formats.Cxml;

namespace IntegrationHub.Translation;

/// <summary>One ItemIn of a PunchOutOrderMessage as the buyer's system would read it.</summary>
public sealed record ReturnedCartLine(string? LineNumber, string? Quantity, string? SupplierPartId, string? SupplierPartAuxiliaryId,
    string? Description, string? UnitPrice, string? Currency, string? UnitOfMeasure, string? Classification);

/// <summary>A PunchOutOrderMessage read back: the BuyerCookie, the operation it allows, the total and the lines.</summary>
public sealed record ReturnedCart(string? BuyerCookie, string? OperationAllowed, string? Total, string? Currency, IReadOnlyList<ReturnedCartLine> Lines);

/// <summary>
/// Reads a PunchOutSetupResponse and a PunchOutOrderMessage the way a buyer's procurement system receives it (the punchout tester's receiver): through the
/// safe cXML reader (no DTD fetched, no entity expanded, bounded size), then the fields of each ItemIn as text.
/// </summary>
public static class CxmlReturnedCart
{
    /// <summary>The cart, or null with the reader's diagnostics when the bytes are not a readable PunchOutOrderMessage.</summary>
    public static (ReturnedCart? Cart, IReadOnlyList<Diagnostic> Diagnostics) Read(byte[] message)
    {
        var read = CxmlReader.Read(message);
        if (read.Document?.Payload is not { Name: "PunchOutOrderMessage" } payload || read.HasErrors)
            return (null, read.HasErrors ? read.Diagnostics
                : [.. read.Diagnostics, new Diagnostic(CxmlCodes.Required, "The document is not a PunchOutOrderMessage.", Severity.Error, Position.Unknown)]);
        var header = payload.Element("PunchOutOrderMessageHeader");
        var total = header?.Element("Total")?.Element("Money");
        var lines = payload.ElementsNamed("ItemIn").Select(Line).ToList();
        return (new ReturnedCart(payload.Element("BuyerCookie")?.InnerText, header?.Attribute("operationAllowed"), total?.InnerText.Trim(),
            total?.Attribute("currency"), lines), read.Diagnostics);
    }

    /// <summary>A PunchOutSetupResponse read back: the status code and text, and the StartPage URL when there is one.</summary>
    public static (int Code, string Text, string? StartPage) ReadSetupResponse(byte[] response)
    {
        var read = CxmlReader.Read(response);
        var status = read.Document?.Status;
        var url = read.Document?.Body?.Element("PunchOutSetupResponse")?.Element("StartPage")?.Element("URL")?.InnerText.Trim();
        return status is null ? (0, "The answer is not a cXML Response.", null) : (status.Code, $"{status.Text} {status.Detail}".Trim(), url);
    }

    private static ReturnedCartLine Line(CxmlElement item)
    {
        var ids = item.Element("ItemID");
        var detail = item.Element("ItemDetail");
        var price = detail?.Element("UnitPrice")?.Element("Money");
        return new ReturnedCartLine(item.Attribute("lineNumber"), item.Attribute("quantity"), Trimmed(ids?.Element("SupplierPartID")),
            Trimmed(ids?.Element("SupplierPartAuxiliaryID")), Trimmed(detail?.Element("Description")), Trimmed(price), price?.Attribute("currency"),
            Trimmed(detail?.Element("UnitOfMeasure")), Trimmed(detail?.Element("Classification")));
    }

    private static string? Trimmed(CxmlElement? element) => element?.InnerText.Trim();
}
