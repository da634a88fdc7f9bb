using System.Net;
using System.Net.Sockets;
using System.Text;

namespace IntegrationHub.Formats.Cxml;

/// <summary>Inbound cXML is read safely by construction: nothing is fetched, no entity is expanded, size and depth are bounded.</summary>
public sealed class CxmlSafeReadingTests
{
    private const string Body =
        "<cXML payloadID=\"1@x\" timestamp=\"2026-01-01T00:00:00+00:00\"><Response><Status code=\"200\" text=\"OK\">BODY</Status></Response></cXML>";

    [Fact]
    public void Read_RefusesWithoutReadingTheFile_WhenDocumentDeclaresExternalEntity()
    {
        var secretFile = Path.GetTempFileName();
        File.WriteAllText(secretFile, "TOP-SECRET-CONTENT");
        try
        {
            var xml = $"<?xml version=\"1.0\"?>\n<!DOCTYPE cXML [<!ENTITY xxe SYSTEM \"{new Uri(secretFile).AbsoluteUri}\">]>\n"
                + Body.Replace("BODY", "&xxe;", StringComparison.Ordinal);

            var result = CxmlReader.Read(Encoding.UTF8.GetBytes(xml));

            Assert.Null(result.Document);
            var diagnostic = Assert.Single(result.Diagnostics);
            Assert.Equal(CxmlCodes.EntityDeclared, diagnostic.Code);
            Assert.Equal(2, diagnostic.Position.Line);
            Assert.DoesNotContain("TOP-SECRET", diagnostic.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(secretFile);
        }
    }

    [Fact]
    public void Read_RefusesUndeclaredEntity_WhenEntityDeclarationHidesBeyondThePrologScan()
    {
        var secretFile = Path.GetTempFileName();
        File.WriteAllText(secretFile, "TOP-SECRET-CONTENT");
        try
        {
            var padding = "<!--" + new string('x', 70_000) + "-->";
            var xml = $"<?xml version=\"1.0\"?>{padding}<!DOCTYPE cXML [<!ENTITY xxe SYSTEM \"{new Uri(secretFile).AbsoluteUri}\">]>"
                + Body.Replace("BODY", "&xxe;", StringComparison.Ordinal);

            var result = CxmlReader.Read(Encoding.UTF8.GetBytes(xml));

            Assert.Null(result.Document);
            Assert.Equal(CxmlCodes.Malformed, Assert.Single(result.Diagnostics).Code);
            Assert.DoesNotContain(result.Diagnostics, d => d.Message.Contains("TOP-SECRET", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(secretFile);
        }
    }

    [Fact]
    public void Read_NeverConnects_WhenDoctypePointsAtAListenerOnLoopback()
    {
        var (result, connected) = ReadWithLoopbackListener(port =>
            $"<?xml version=\"1.0\"?>\n<!DOCTYPE cXML SYSTEM \"http://127.0.0.1:{port}/cXML.dtd\">\n{Body}");

        Assert.NotNull(result.Document);
        Assert.Equal(200, result.Document.Status?.Code);
        Assert.False(connected, "The reader connected to the DTD's host.");
    }

    [Fact]
    public void Read_RefusesAndNeverConnects_WhenParameterEntityPointsAtAListenerOnLoopback()
    {
        var (result, connected) = ReadWithLoopbackListener(port =>
            $"<?xml version=\"1.0\"?>\n<!DOCTYPE cXML [<!ENTITY % remote SYSTEM \"http://127.0.0.1:{port}/evil.dtd\"> %remote;]>\n{Body}");

        Assert.Null(result.Document);
        Assert.Equal(CxmlCodes.EntityDeclared, Assert.Single(result.Diagnostics).Code);
        Assert.False(connected, "The reader connected to the entity's host.");
    }

    // Reads the document built for a listening loopback port; says whether anything connected while it was read.
    private static (CxmlReadResult Result, bool Connected) ReadWithLoopbackListener(Func<int, string> document)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var result = CxmlReader.Read(Encoding.UTF8.GetBytes(document(((IPEndPoint)listener.LocalEndpoint).Port)));
            return (result, listener.Pending());
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public void Read_RefusesUnexpanded_WhenDocumentIsABillionLaughs()
    {
        var entities = new StringBuilder("<!ENTITY lol0 \"lol\">");
        for (var level = 1; level <= 9; level++)
            entities.Append($"<!ENTITY lol{level} \"{string.Concat(Enumerable.Repeat($"&lol{level - 1};", 10))}\">");
        var xml = $"<?xml version=\"1.0\"?>\n<!DOCTYPE cXML [{entities}]>\n" + Body.Replace("BODY", "&lol9;", StringComparison.Ordinal);

        var result = CxmlReader.Read(Encoding.UTF8.GetBytes(xml));

        Assert.Null(result.Document);
        Assert.Equal(CxmlCodes.EntityDeclared, Assert.Single(result.Diagnostics).Code);
    }

    [Fact]
    public void Read_RefusesWithPosition_WhenElementsNestTooDeep()
    {
        var xml = Body.Replace("BODY", string.Concat(Enumerable.Repeat("<a>", 80)) + string.Concat(Enumerable.Repeat("</a>", 80)), StringComparison.Ordinal);

        var result = CxmlReader.Read(Encoding.UTF8.GetBytes(xml));

        Assert.Null(result.Document);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(CxmlCodes.TooDeep, diagnostic.Code);
        Assert.StartsWith("/cXML/Response/Status/a/a", diagnostic.Position.Path, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RefusesUnread_WhenDocumentIsLargerThanTheBound()
    {
        var bytes = Encoding.UTF8.GetBytes(Body.Replace("BODY", new string('x', 5000), StringComparison.Ordinal));

        var fromBytes = CxmlReader.Read(bytes, new CxmlReaderOptions { MaxDocumentCharacters = 1000 });
        var fromStream = CxmlReader.Read(new NonSeekableStream(bytes), new CxmlReaderOptions { MaxDocumentCharacters = 1000 });

        Assert.Equal(CxmlCodes.TooLarge, Assert.Single(fromBytes.Diagnostics).Code);
        Assert.Equal(CxmlCodes.TooLarge, Assert.Single(fromStream.Diagnostics).Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not xml at all")]
    [InlineData("<cXML payloadID=\"1\" timestamp=\"x\"><Response>")]
    [InlineData("\u0000\u0001\u0002")]
    [InlineData("<cXML><Header></cXML>")]
    public void Read_ReportsMalformedWithoutThrowing_WhenBytesAreNotWellFormed(string text)
    {
        var result = CxmlReader.Read(Encoding.UTF8.GetBytes(text));

        Assert.Null(result.Document);
        Assert.Equal(CxmlCodes.Malformed, Assert.Single(result.Diagnostics).Code);
    }

    [Fact]
    public void Read_GivesLineAndColumn_WhenDocumentIsTruncated()
    {
        var result = CxmlReader.Read(Encoding.UTF8.GetBytes("<cXML payloadID=\"1\" timestamp=\"x\">\n  <Response>\n    <Status code=\"200\""));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(3, diagnostic.Position.Line);
        Assert.True(diagnostic.Position.Column > 0);
    }

    [Fact]
    public void Read_RefusesEntities_WhenDocumentIsUtf16()
    {
        var xml = "<?xml version=\"1.0\" encoding=\"utf-16\"?>\n<!DOCTYPE cXML [<!ENTITY a \"b\">]>\n" + Body.Replace("BODY", "&a;", StringComparison.Ordinal);

        var result = CxmlReader.Read(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(xml)).ToArray());

        Assert.Equal(CxmlCodes.EntityDeclared, Assert.Single(result.Diagnostics).Code);
    }

    [Theory]
    [InlineData("utf-16")]
    [InlineData("iso-8859-1")]
    public void Read_ReadsTextAndDoctype_WhenDocumentDeclaresAnotherEncoding(string encodingName)
    {
        var encoding = Encoding.GetEncoding(encodingName);
        var xml = $"<?xml version=\"1.0\" encoding=\"{encodingName}\"?>\n<!DOCTYPE cXML SYSTEM \"http://xml.cxml.org/schemas/cXML/1.2.014/cXML.dtd\">\n"
            + Body.Replace("BODY", "Größe ok", StringComparison.Ordinal);

        var result = CxmlReader.Read(encoding.GetPreamble().Concat(encoding.GetBytes(xml)).ToArray());

        Assert.Empty(result.Diagnostics);
        Assert.Equal("Größe ok", result.Document!.Status!.Detail);
        Assert.Equal("1.2.014", result.Document.Version);
    }

    [Fact]
    public void Read_DecodesPredefinedAndCharacterReferences_WhenTextHasThousandsOfThem()
    {
        var text = string.Concat(Enumerable.Repeat("&amp;&lt;&#252;", 2000));

        var result = CxmlReader.Read(Encoding.UTF8.GetBytes(Body.Replace("BODY", text, StringComparison.Ordinal)));

        Assert.Equal(CxmlCodes.MissingDoctype, Assert.Single(result.Diagnostics).Code);
        Assert.Equal(string.Concat(Enumerable.Repeat("&<ü", 2000)), result.Document!.Status!.Detail);
    }

    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
