using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace IntegrationHub.Formats.Cxml;

public sealed partial class CartReturnFormTests
{
    private static readonly Uri ReturnUrl = new("https://buyer.example/punchout/return?session=7&x=\"y\"");

    private static CxmlDocument CartWithSecret()
    {
        var cart = CxmlReader.Read(CxmlSamples.Bytes("PunchOutOrderMessage")).Document!;
        var sender = cart.Root.Element("Header")!.Element("Sender")!.Element("Credential")!;
        sender.Add(new CxmlElement("SharedSecret")).AddText("must-not-leak");
        return cart;
    }

    [Fact]
    public void Render_PostsBase64WithExactFieldName_WhenBase64IsChosen()
    {
        var html = CartReturnForm.Render(CartWithSecret(), ReturnUrl, CartReturnField.Base64);

        var value = FieldValue(html, "cXML-base64");
        var xml = Encoding.UTF8.GetString(Convert.FromBase64String(value));
        Assert.StartsWith("<?xml", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("must-not-leak", xml, StringComparison.Ordinal);
        Assert.Contains("ボールペン", xml, StringComparison.Ordinal);
        Assert.Empty(CxmlDtdValidator.Validate(Convert.FromBase64String(value)));
        Assert.Contains("action=\"https://buyer.example/punchout/return?session=7&amp;x=%22y%22\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_PostsEscapedAsciiXml_WhenUrlEncodedIsChosen()
    {
        var html = CartReturnForm.Render(CartWithSecret(), ReturnUrl, CartReturnField.UrlEncoded);

        var raw = RawFieldValue(html, "cXML-urlencoded");
        Assert.StartsWith("&lt;?xml", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("<", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("\"", raw, StringComparison.Ordinal);
        var xml = WebUtility.HtmlDecode(raw);
        Assert.All(xml, c => Assert.True(c < 128, $"non-ASCII {c} in the urlencoded cart"));
        Assert.DoesNotContain("must-not-leak", xml, StringComparison.Ordinal);
        var reread = CxmlReader.Read(Encoding.ASCII.GetBytes(xml));
        Assert.Equal("ボールペン", Assert.IsType<CxmlPunchOutOrderMessage>(reread.Document!.Model).Items[0].Detail!.Description);
    }

    [Fact]
    public void Render_Refuses_WhenDocumentIsNotAMessage()
    {
        var request = CxmlReader.Read(CxmlSamples.Bytes("ProfileRequest")).Document!;

        Assert.Throws<ArgumentException>(() => CartReturnForm.Render(request, ReturnUrl, CartReturnField.Base64));
    }

    private static string FieldValue(string html, string name) => WebUtility.HtmlDecode(RawFieldValue(html, name));

    private static string RawFieldValue(string html, string name)
    {
        var match = HiddenInput().Match(html);
        Assert.True(match.Success, "no hidden input");
        Assert.Equal(name, match.Groups["name"].Value);
        return match.Groups["value"].Value;
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\">")]
    private static partial Regex HiddenInput();
}
