using System.Text;
using IntegrationHub.Support;
using IntegrationHub.Translation;

namespace IntegrationHub.Engine.Tests.Translation;

public sealed class CxmlReturnedCartTests
{
    [Fact]
    public void Read_GivesTheCartsLinesAndTotal_WhenTheMessageIsTheGoldenPunchOutOrderMessage()
    {
        var bytes = File.ReadAllBytes(Path.Combine(RepositoryPaths.Root, "mappings/defaults/cxml/punchout-order-message.outbound.samples/two-lines.expected.xml"));

        var (cart, _) = CxmlReturnedCart.Read(bytes);

        Assert.NotNull(cart);
        Assert.Equal(("c0ffee-7", "edit", "93.50", "USD"), (cart.BuyerCookie, cart.OperationAllowed, cart.Total, cart.Currency));
        Assert.Equal([("1", "10", "GLV-100", "cart-77/1", "6.05"), ("2", "3", "MSK-7", null, "11.00")],
            cart.Lines.Select(l => (l.LineNumber, l.Quantity, l.SupplierPartId, l.SupplierPartAuxiliaryId, l.UnitPrice)));
    }

    [Fact]
    public void Read_GivesNoCart_WhenTheDocumentIsNotAPunchOutOrderMessage()
    {
        var (cart, diagnostics) = CxmlReturnedCart.Read(Encoding.UTF8.GetBytes("<cXML><Response><Status code=\"200\" text=\"OK\"/></Response></cXML>"));

        Assert.Null(cart);
        Assert.NotEmpty(diagnostics);
    }
}
