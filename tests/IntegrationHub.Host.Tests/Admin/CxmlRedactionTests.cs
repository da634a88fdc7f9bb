using System.Text;
using IntegrationHub.Features.Admin;
using IntegrationHub.Formats.Cxml;

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

    [Fact]
    public void RedactForStorage_ReplacesOnlyTheSecretsContent_WhenTheDocumentIsUtf8()
    {
        var document = IntegrationHub.Host.Tests.PurchaseOrders.Documents.OrderRequest("store@buyer", "PO-S", "s3cr3t-value").Replace("\n", "\r\n", StringComparison.Ordinal);

        var stored = Encoding.UTF8.GetString(CxmlRedaction.RedactForStorage(Encoding.UTF8.GetBytes(document))!);

        Assert.Equal(document.Replace("s3cr3t-value", CxmlRedaction.Marker, StringComparison.Ordinal), stored);
    }

    [Fact]
    public void RedactForStorage_HidesMacsAndSignatures_WhenTheirAttributesHoldAngleBrackets()
    {
        const string Document = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/1.2.069/cXML.dtd">
            <cXML><Header><Sender><Credential domain="a"><Identity>x</Identity><CredentialMac type="FromSenderCredentials" algorithm="HMAC-SHA1-96" note="a>b">MAC-VALUE</CredentialMac></Credential></Sender>
            <From><Credential domain="b"><Identity>y</Identity><DigitalSignature type="PK7 self-contained"><ds>SIGNATURE</ds></DigitalSignature></Credential></From>
            <To><Credential domain="c"><Identity>z</Identity><SharedSecret/></Credential></To></Header></cXML>
            """;

        var stored = Encoding.UTF8.GetString(CxmlRedaction.RedactForStorage(Encoding.UTF8.GetBytes(Document))!);

        Assert.Equal(Document.Replace(">MAC-VALUE<", ">[redacted]<", StringComparison.Ordinal).Replace("><ds>SIGNATURE</ds><", ">[redacted]<", StringComparison.Ordinal),
            stored);
    }

    [Fact]
    public void RedactForStorage_GivesTheBytes_WhenThereIsNoSecret()
    {
        var raw = "<cXML><Header/></cXML>"u8.ToArray();

        Assert.Same(raw, CxmlRedaction.RedactForStorage(raw));
    }

    [Fact]
    public void RedactForStorage_ReWritesTheDocument_WhenItIsNotUtf8()
    {
        var raw = Encoding.Latin1.GetBytes("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><cXML><SharedSecret>s\u00e9-value</SharedSecret><Name>Caf\u00e9</Name></cXML>");

        var stored = Encoding.UTF8.GetString(CxmlRedaction.RedactForStorage(raw)!);

        Assert.DoesNotContain("-value", stored, StringComparison.Ordinal);
        Assert.Contains("<Name>Caf\u00e9</Name>", stored, StringComparison.Ordinal);
    }

    [Fact]
    public void RedactForStorage_GivesNull_WhenTheBytesAreNotXml() => Assert.Null(CxmlRedaction.RedactForStorage("<cXML><SharedSecret>abc"u8.ToArray()));

    public static TheoryData<string, string> ReadDocuments => new()
    {
        { IntegrationHub.Host.Tests.PurchaseOrders.Documents.OrderRequest("tree@buyer", "PO-T", "s3cr3t-value").Replace("\n", "\r\n", StringComparison.Ordinal), "s3cr3t-value" },
        { IntegrationHub.Host.Tests.PurchaseOrders.Documents.OrderRequest("tree2@buyer", "PO-T2", "s3cr3t-value"), "s3cr3t-value" },
        { "<cXML payloadID=\"p\" timestamp=\"2026-12-02T00:00:00Z\"><Header><Sender><Credential domain=\"a\"><Identity>x</Identity>\n  <SharedSecret  >a<b>inner</b>c</SharedSecret  ></Credential></Sender></Header></cXML>", "inner" },
        { "<cXML><Header><Sender><Credential domain=\"a\" note=\"a>b\"><Identity>x</Identity><CredentialMac type=\"t\" x=\"'>'\">MAC-VALUE</CredentialMac>\r<DigitalSignature><ds>SIGNATURE</ds></DigitalSignature><SharedSecret/><SharedSecret></SharedSecret></Credential></Sender></Header></cXML>", "SIGNATURE" },
        { "<?xml version=\"1.0\" encoding=\"UTF-8\"?><cXML><Header><Sender><Credential domain=\"a\"><Identity>Caf\u00e9</Identity><SharedSecret>s\u00e9-value</SharedSecret></Credential></Sender></Header></cXML>", "-value" },
    };

    [Theory]
    [MemberData(nameof(ReadDocuments))]
    public void RedactForStorage_FromTheReadTree_GivesWhatParsingAgainGives(string document, string secret)
    {
        var raw = Encoding.UTF8.GetBytes(document);
        var read = CxmlReader.Read(raw).Document!;

        var fromTree = CxmlRedaction.RedactForStorage(raw, read)!;

        Assert.Equal(Encoding.UTF8.GetString(CxmlRedaction.RedactForStorage(raw)!), Encoding.UTF8.GetString(fromTree));
        Assert.DoesNotContain(secret, Encoding.UTF8.GetString(fromTree), StringComparison.Ordinal);
    }

    [Fact]
    public void RedactForStorage_KeepsTheByteOrderMark_WhenTheDocumentStartsWithOne()
    {
        var document = IntegrationHub.Host.Tests.PurchaseOrders.Documents.OrderRequest("bom@buyer", "PO-BOM", "s3cr3t-value");
        var raw = (byte[])[0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(document)];
        var read = CxmlReader.Read(raw).Document!;

        var stored = CxmlRedaction.RedactForStorage(raw, read)!;

        Assert.Equal((byte[])[0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(document.Replace("s3cr3t-value", CxmlRedaction.Marker, StringComparison.Ordinal))], stored);
    }

    [Fact]
    public void RedactForStorage_FromTheReadTree_GivesTheBytes_WhenThereIsNoSecret()
    {
        var raw = "<cXML><Header><Sender><Credential domain=\"a\"><Identity>x</Identity><SharedSecret/></Credential></Sender></Header></cXML>"u8.ToArray();

        Assert.Same(raw, CxmlRedaction.RedactForStorage(raw, CxmlReader.Read(raw).Document!));
    }
}
