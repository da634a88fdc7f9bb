using IntegrationHub.Translation;

namespace IntegrationHub.Features.Punchout;

/// <summary>Turns catalog products and cart lines into the lines an OCI cart form carries.</summary>
internal static class CatalogTransfer
{
    public static OciCartLine Line(CatalogProduct product, decimal quantity) => new(
        product.Description, quantity, product.Uom, product.BuyerPrice, 1, product.Currency, product.LeadTimeDays, product.SupplierPartId,
        product.Key, product.ManufacturerPartId, product.Unspsc, product.LongText);

    public static OciCall Call(PunchoutSession session) => new(
        session.ReturnUrl, null, null, session.OciTarget ?? "_top", session.OciOkCode, session.OciCaller, session.OciVersion ?? "4.0", "LOGIN",
        null, null, null);
}
