using System.Text;

namespace IntegrationHub.Formats.Cxml;

public sealed class CxmlWriterTests
{
    private const string OutOfOrder = """
        <!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/1.2.014/cXML.dtd">
        <cXML payloadID="9@x" timestamp="2026-01-01T00:00:00+00:00" version="1.2.014">
          <Header>
            <Sender><UserAgent>Buyer</UserAgent><Credential domain="DUNS"><Identity>1</Identity><SharedSecret>s</SharedSecret></Credential></Sender>
            <From><Credential domain="DUNS"><Identity>1</Identity></Credential></From>
            <To><Credential domain="DUNS"><Identity>2</Identity></Credential></To>
          </Header>
          <Request>
            <PunchOutSetupRequest operation="create">
              <BrowserFormPost><URL>https://buyer.example/return</URL></BrowserFormPost>
              <Extrinsic name="UserEmail">a@b.example</Extrinsic>
              <BuyerCookie>42</BuyerCookie>
            </PunchOutSetupRequest>
          </Request>
        </cXML>
        """;

    [Fact]
    public void Write_PutsChildrenInDtdOrder_WhenInputHasThemOutOfOrder()
    {
        var input = Encoding.UTF8.GetBytes(OutOfOrder);
        Assert.NotEmpty(CxmlDtdValidator.Validate(input));

        var written = CxmlWriter.Write(CxmlReader.Read(input).Document!);

        Assert.Empty(CxmlDtdValidator.Validate(written));
        var text = Encoding.UTF8.GetString(written);
        Assert.True(text.IndexOf("<BuyerCookie>", StringComparison.Ordinal) < text.IndexOf("<Extrinsic", StringComparison.Ordinal));
        Assert.True(text.IndexOf("<From>", StringComparison.Ordinal) < text.IndexOf("<Sender>", StringComparison.Ordinal));
    }

    [Fact]
    public void Write_UsesPartnerVersionAndFamilyDtd_WhenOptionsSaySo()
    {
        var document = CxmlReader.Read(CxmlSamples.Bytes("ShipNoticeRequest")).Document!;

        var text = Encoding.UTF8.GetString(CxmlWriter.Write(document, new CxmlWriterOptions { Version = "1.2.014", WriteVersionAttribute = true }));

        Assert.Contains("<!DOCTYPE cXML SYSTEM \"http://xml.cxml.org/schemas/cXML/1.2.014/Fulfill.dtd\">", text, StringComparison.Ordinal);
        Assert.Contains("version=\"1.2.014\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_DropsDeprecatedVersionAttribute_WhenOptionsDoNotAskForIt()
    {
        var text = Encoding.UTF8.GetString(CxmlWriter.Write(CxmlReader.Read(Encoding.UTF8.GetBytes(OutOfOrder)).Document!));

        Assert.DoesNotContain("version=", text.Split('\n')[2], StringComparison.Ordinal);
        Assert.StartsWith("<?xml", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("12.5", "EUR", "12.50")]
    [InlineData("1,200", "JPY", "1200")]
    [InlineData("3.1", "KWD", "3.100")]
    [InlineData("0.125", "USD", "0.125")]
    [InlineData("7", "usd", "7.00")]
    public void FormatMoney_PadsToCurrencyExponentWithoutRounding_WhenAmountIsWritten(string raw, string currency, string expected)
    {
        Assert.Equal(expected, CxmlWriter.FormatMoney(CxmlMoney.ParseAmount(raw)!.Value, currency));
    }

    [Fact]
    public void Write_KeepsUnknownElementsBesideTheirKnownSibling_WhenTreeHasThem()
    {
        const string xml = """
            <cXML payloadID="1@x" timestamp="2026-01-01T00:00:00+00:00"><Response><Status code="200" text="OK"/>
            <PunchOutSetupResponse><StartPage><URL>https://s.example</URL><VendorHint>x</VendorHint></StartPage></PunchOutSetupResponse></Response></cXML>
            """;

        var text = Encoding.UTF8.GetString(CxmlWriter.Write(CxmlReader.Read(Encoding.UTF8.GetBytes(xml)).Document!));

        Assert.Contains("<VendorHint>x</VendorHint>", text, StringComparison.Ordinal);
        Assert.True(text.IndexOf("<URL>", StringComparison.Ordinal) < text.IndexOf("<VendorHint>", StringComparison.Ordinal));
    }

    [Fact]
    public void Write_UsesCharacterReferences_WhenAsciiOnlyAndTextIsNotAscii()
    {
        var document = CxmlReader.Read(Encoding.UTF8.GetBytes(
            "<cXML payloadID=\"1@x\" timestamp=\"2026-01-01T00:00:00+00:00\"><Response><Status code=\"200\" text=\"Größe &quot;😀&quot;\">ü &amp; 😀</Status></Response></cXML>")).Document!;

        var bytes = CxmlWriter.Write(document, new CxmlWriterOptions { AsciiOnly = true });

        var text = Encoding.ASCII.GetString(bytes);
        Assert.All(bytes, b => Assert.True(b < 0x80));
        Assert.Contains("text=\"Gr&#xF6;&#xDF;e &quot;&#x1F600;&quot;\"", text, StringComparison.Ordinal);
        Assert.Contains(">&#xFC; &amp; &#x1F600;</Status>", text, StringComparison.Ordinal);
        Assert.Equal("ü & 😀", CxmlReader.Read(bytes).Document!.Status!.Detail);
    }

    [Fact]
    public void Write_Throws_WhenABuiltTreeHoldsACharacterXmlCannotCarry()
    {
        var document = new CxmlEnvelopeFactory(new FixedClock(DateTimeOffset.UnixEpoch), new SequentialPayloadIds())
            .Response(new CxmlElement("Status").SetAttribute("code", "200").SetAttribute("text", "OK").AddText("bell \u0007"));

        Assert.Throws<ArgumentException>(() => CxmlWriter.Write(document));
    }

    [Fact]
    public void Write_KeepsEveryAstralCharacter_WhenOutputIsLargerThanOneBufferChunk()
    {
        var text = string.Concat(Enumerable.Repeat("a😀", 40_000));
        var document = new CxmlEnvelopeFactory(new FixedClock(DateTimeOffset.UnixEpoch), new SequentialPayloadIds())
            .Response(new CxmlElement("Status").SetAttribute("code", "200").SetAttribute("text", "OK").AddText(text));

        var reread = CxmlReader.Read(CxmlWriter.Write(document)).Document!;

        Assert.Equal(text, reread.Status!.Detail);
    }
}
