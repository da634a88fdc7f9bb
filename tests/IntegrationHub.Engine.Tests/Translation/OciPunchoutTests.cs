using IntegrationHub.Formats.Oci;
using IntegrationHub.Translation;

namespace IntegrationHub.Engine.Tests.Translation;

public sealed class OciPunchoutTests
{
    [Theory]
    [InlineData(null, "LOGIN")]
    [InlineData("detail", "DETAIL")]
    [InlineData("BACKGROUND_SEARCH", "BACKGROUND_SEARCH")]
    [InlineData("VALIDATE", "VALIDATE")]
    public void Read_NamesTheFunction_AsTheBuyerSentIt(string? function, string expected)
    {
        var parameters = new Dictionary<string, string>
        {
            ["HOOK_URL"] = "https://srm.example.com/hook", ["USERNAME"] = "u", ["password"] = "p", ["OCI_VERSION"] = "5.0",
            ["PRODUCTID"] = "P-1", ["SEARCHSTRING"] = "pen",
        };
        if (function is not null) parameters["FUNCTION"] = function;

        var (call, diagnostics) = OciPunchout.Read(parameters);

        Assert.Empty(diagnostics);
        Assert.Equal(expected, call.Function);
        Assert.Equal("5.0", call.Version);
        Assert.Equal("p", call.Password);
        Assert.Contains("password=[redacted]", call.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void CartForm_WritesTheLinesAsNewItemFields_ReadBackByTheCartReader()
    {
        var call = new OciCall("https://srm.example.com/hook?a=1&b=2", null, null, "_parent", "ADDI", "CTLG", "4.0", "LOGIN", null, null, null);
        OciCartLine[] lines =
        [
            new("Ballpoint pen \"blue\" <medium>", 60, "EA", 0.85m, 1, "EUR", 2, "PEN-100-BL", "PEN-100-BL", "SC-BP10-B", "44121704", "Long text"),
            new("Copy paper", 2, "RM", 3.9m, 1, "EUR", null, "PAP-A4-80", "PAP-A4-80|BOX5", null, null, null),
        ];

        var (html, diagnostics) = OciPunchout.CartForm(lines, call);

        Assert.Empty(diagnostics);
        Assert.Contains("action=\"https://srm.example.com/hook?a=1&amp;b=2\" target=\"_parent\"", html, StringComparison.Ordinal);
        var cart = OciCartReader.Read(html);
        Assert.Equal(2, cart.Cart.Items.Count);
        var pen = cart.Cart.Items[0];
        Assert.Equal("Ballpoint pen \"blue\" <medium>", pen.Description);
        Assert.Equal(60, pen.Quantity);
        Assert.Equal(0.85m, pen.Price);
        Assert.Equal("44121704", pen.Get("MATGROUP"));
        Assert.Equal("UNSPSC", pen.Get("EXT_SCHEMA_TYPE"));
        Assert.Equal("2", pen.Get("LEADTIME"));
        Assert.Equal("Long text", pen.LongText);
        var paper = cart.Cart.Items[1];
        Assert.Equal("PAP-A4-80|BOX5", paper.ExternalProductId);
        Assert.Null(paper.Get("MATGROUP"));
        Assert.Null(paper.Get("LEADTIME"));
    }
}
