using IntegrationHub.Canonical;
using IntegrationHub.Documents;
using IntegrationHub.Partners;
using IntegrationHub.Pipeline;
using IntegrationHub.Translation;
using IntegrationHub.Verification;
using Microsoft.Extensions.Options;
using CanonicalLine = IntegrationHub.Canonical.CartLine;

namespace IntegrationHub.Features.Punchout;

/// <summary>
/// The cart of a cXML session as the auto-submitting form to its BrowserFormPost URL: the cart lines with the buyer's prices become a
/// canonical cart, the partner's outbound map writes the PunchOutOrderMessage (BuyerCookie echoed, SupplierPartAuxiliaryID as the
/// catalog keeps it, followed by the cart line's reference), and the form carries it as <c>cXML-base64</c> or <c>cXML-urlencoded</c>, as the partner file says.
/// </summary>
internal sealed class CxmlCartReturn(MappingsProvider mappings, CxmlCartEnvelopes envelopes, IOptions<PunchoutOptions> options)
{
    /// <summary>The form page; null with the diagnostics when the map or the writer could not make the message.</summary>
    public (string? Html, IReadOnlyList<Diagnostic> Diagnostics) Render(PunchoutSession session, Partner partner, IReadOnlyList<CartLine> lines)
    {
        var map = mappings.Current.Maps.FindOutbound("cxml", "PunchOutOrderMessage", null, partner.Id);
        if (map is null)
            return (null, [new Diagnostic("punchout.map.missing", $"No outbound map writes a PunchOutOrderMessage for {partner.Id}.", Severity.Error, Position.Unknown)]);
        var currency = lines.Count > 0 ? lines[0].Product.Currency : options.Value.CartCurrency;
        var cart = new Cart
        {
            BuyerCookie = session.BuyerCookie,
            Currency = currency,
            Total = new Money(lines.Sum(l => l.Total), currency),
            Lines = [.. lines.Select(Line)],
        };
        // A buyer that checks who sends the cart (Coupa) gets the credential its partner file states; the others the hub's default.
        var (domain, identity) = partner.CartCredential is { } own ? (own.Domain, own.Identity) : (options.Value.CxmlDomain, options.Value.CxmlIdentity);
        var envelope = envelopes.For(domain, identity, test: session.Environment == "test");
        var written = OutboundTranslation.Write(map, cart, partner, envelope);
        if (!written.Succeeded) return (null, written.Diagnostics);
        var (html, read) = CxmlPunchout.CartForm(written.Output!, new Uri(session.ReturnUrl), partner);
        return html is null ? (null, [.. written.Diagnostics, .. read]) : (html, written.Diagnostics);
    }

    private static CanonicalLine Line(CartLine line) => new()
    {
        LineNumber = line.LineNumber.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Quantity = line.Quantity / 1.0000000000000000000000000000m, // without the column's trailing zeros: quantity="60", not "60.0000"
        UnitOfMeasure = line.Product.Uom,
        Item = new ItemDetail
        {
            Ids = new ItemIds
            {
                SupplierPartId = line.Product.SupplierPartId,
                SupplierPartAuxiliaryId = AuxiliaryId(line),
                ManufacturerPartId = line.Product.ManufacturerPartId,
                ManufacturerName = line.Product.ManufacturerName,
            },
            Description = line.Product.Description,
            Classifications = line.Product.Unspsc is { } code ? [new Classification("UNSPSC", code)] : [],
            UnitPrice = new Money(line.Product.BuyerPrice, line.Product.Currency),
            LeadTimeDays = line.Product.LeadTimeDays,
        },
    };

    // The catalog's auxiliary id with the line's reference, by which the buyer's order finds this cart line again.
    private static string? AuxiliaryId(CartLine line) =>
        line.Reference.Length > 0 ? CartLineReference.Issue(line.SupplierPartAuxiliaryId, line.Reference)
        : line.SupplierPartAuxiliaryId.Length == 0 ? null : line.SupplierPartAuxiliaryId;
}
