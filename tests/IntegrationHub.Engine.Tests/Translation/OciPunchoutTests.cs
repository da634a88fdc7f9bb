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

    [Fact]
    public void ReadCart_DecodesPostedFieldsAsLines_WhenTheHookUrlReceivesThem()
    {
        KeyValuePair<string, string>[] posted =
        [
            new("~OkCode", "ADDI"), new("NEW_ITEM-DESCRIPTION[2]", "Copy paper"), new("NEW_ITEM-QUANTITY[2]", "2"), new("NEW_ITEM-UNIT[2]", "RM"),
            new("NEW_ITEM-PRICE[2]", "3,40"), new("NEW_ITEM-CURRENCY[2]", "EUR"), new("NEW_ITEM-VENDORMAT[2]", "PAP-A4-80"),
            new("NEW_ITEM-DESCRIPTION[1]", "Ballpoint pen"), new("NEW_ITEM-QUANTITY[1]", "60"), new("NEW_ITEM-PRICE[1]", "85"),
            new("NEW_ITEM-PRICEUNIT[1]", "100"), new("NEW_ITEM-EXT_CATEGORY_ID[1]", "44121704"), new("NEW_ITEM-LONGTEXT_1:132[]", "Blue ink, "),
            new("NEW_ITEM-LONGTEXT_1:132[]", "medium tip."), new("NEW_ITEM-QUANTITY", "7"), new("~CALLER", "CTLG"),
        ];

        var (lines, other, diagnostics) = OciPunchout.ReadCart(posted);

        Assert.Equal([1, 2], lines.Select(l => l.Index));
        var pen = lines[0];
        Assert.Equal(("Ballpoint pen", 60m, 85m, 100m, "44121704", "Blue ink, medium tip."), (pen.Description, pen.Quantity, pen.Price, pen.PriceUnit, pen.Classification, pen.LongText));
        Assert.Null(pen.Unit);
        var paper = lines[1];
        Assert.Equal(("PAP-A4-80", 2m, "RM", 3.40m, 1m, "EUR"), (paper.VendorMaterial, paper.Quantity, paper.Unit, paper.Price, paper.PriceUnit, paper.Currency));
        Assert.Equal([new("~OkCode", "ADDI"), new KeyValuePair<string, string>("~CALLER", "CTLG")], other);
        var unindexed = Assert.Single(diagnostics);
        Assert.Equal(OciCodes.BadIndex, unindexed.Code);
        Assert.Equal("NEW_ITEM-QUANTITY", unindexed.Position.Path);
    }

    [Fact]
    public void ReadCart_WarnsOfUnreadableNumbers_AndKeepsTheRestOfTheLine()
    {
        var (lines, _, diagnostics) = OciPunchout.ReadCart([new("NEW_ITEM-QUANTITY[1]", "two"), new("NEW_ITEM-VENDORMAT[1]", "PEN-100-BL")]);

        var line = Assert.Single(lines);
        Assert.Equal(("PEN-100-BL", (decimal?)null), (line.VendorMaterial, line.Quantity));
        Assert.Equal(OciCodes.InvalidNumber, Assert.Single(diagnostics).Code);
    }
}
