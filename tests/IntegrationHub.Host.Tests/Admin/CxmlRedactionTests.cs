using System.Text;
using IntegrationHub.Features.Admin;

namespace IntegrationHub.Host.Tests.Admin;

public sealed class CxmlRedactionTests
{
    [Fact]
    public void Redact_HidesSharedSecretsAndKeepsTheRest_WhenTheDocumentIsCxml()
    {
        var document = IntegrationHub.Host.Tests.PurchaseOrders.Documents.OrderRequest("redact@buyer", "PO-R", "s3cr3t-value");

        var redacted = Encoding.UTF8.GetString(CxmlRedaction.Redact(Encoding.UTF8.GetBytes(document))!);

        Assert.DoesNotContain("s3cr3t-value", redacted, StringComparison.Ordinal);
        Assert.Contains("<SharedSecret>[redacted]</SharedSecret>", redacted, StringComparison.Ordinal);
        Assert.Contains("orderID=\"PO-R\"", redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void Redact_HidesNestedMarkup_WhenTheSecretHoldsElements()
    {
        var redacted = Encoding.UTF8.GetString(CxmlRedaction.Redact("<cXML><SharedSecret>a<b>inner</b>c</SharedSecret></cXML>"u8.ToArray())!);

        Assert.Equal("<cXML><SharedSecret>[redacted]</SharedSecret></cXML>", redacted[redacted.IndexOf("<cXML>", StringComparison.Ordinal)..]);
    }

    [Fact]
    public void Redact_ShowsNothing_WhenTheBytesAreNotXml()
    {
        Assert.Null(CxmlRedaction.Redact("<cXML><SharedSecret>abc"u8.ToArray()));
    }
}
