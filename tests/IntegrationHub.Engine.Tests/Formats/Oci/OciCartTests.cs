using System.Text;
using IntegrationHub.Support;

namespace IntegrationHub.Formats.Oci;

public sealed class OciCartTests
{
    private static readonly OciLoginRequest Session = OciLoginRequest.Parse([
        KeyValuePair.Create("HOOK_URL", "https://srm.example/return?a=1&b=2"), KeyValuePair.Create("~OkCode", "ADDI"),
        KeyValuePair.Create("~TARGET", "_top"), KeyValuePair.Create("~CALLER", "CTLG")]).Request;

    private static OciItem Monitor() => new OciItem()
        .Set("DESCRIPTION", "19\" Rack monitor <b>bright</b> & wide, with a very long name")
        .Set("QUANTITY", "2").Set("UNIT", "PCE").Set("PRICE", "1234.5").Set("PRICEUNIT", "1").Set("CURRENCY", "EUR")
        .Set("LEADTIME", "3").Set("VENDORMAT", "MON-19").Set("GTIN", "4006381333931").Set("TAX", "19");

    [Fact]
    public void Write_TruncatesAndEscapes_WhenPolicyIsTruncate()
    {
        var item = Monitor();
        item.LongText = "Full text with \"quotes\" and ümlauts.";

        var form = OciCartWriter.Write([item], Session);

        Assert.Contains("name=\"NEW_ITEM-DESCRIPTION[1]\" value=\"19&quot; Rack monitor &lt;b&gt;bright&lt;/b&gt; &amp; wide, w\"", form.Html, StringComparison.Ordinal);
        Assert.Contains("name=\"NEW_ITEM-PRICE[1]\" value=\"1234.50\"", form.Html, StringComparison.Ordinal);
        Assert.Contains("name=\"NEW_ITEM-LONGTEXT_1:132[]\"", form.Html, StringComparison.Ordinal);
        Assert.Contains("name=\"~OkCode\" value=\"ADDI\"", form.Html, StringComparison.Ordinal);
        Assert.Contains("action=\"https://srm.example/return?a=1&amp;b=2\" target=\"_top\"", form.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("NEW_ITEM-TAX[1]", form.Html, StringComparison.Ordinal);
        Assert.Equal([OciCodes.Truncated, OciCodes.NotInVersion], form.Diagnostics.Select(d => d.Code));
        Assert.Equal("NEW_ITEM-DESCRIPTION[1]", form.Diagnostics[0].Position.Path);
    }

    [Fact]
    public void Write_LeavesTheFieldOutWithAnError_WhenPolicyIsDiagnose()
    {
        var form = OciCartWriter.Write([Monitor()], Session, new OciWriterOptions { LengthPolicy = OciLengthPolicy.Diagnose, Version = OciVersion.V50 });

        Assert.DoesNotContain("NEW_ITEM-DESCRIPTION[1]", form.Html, StringComparison.Ordinal);
        Assert.Contains("name=\"NEW_ITEM-TAX[1]\" value=\"19\"", form.Html, StringComparison.Ordinal);
        Assert.Equal(OciCodes.TooLong, Assert.Single(form.Diagnostics).Code);
    }

    [Fact]
    public void Write_ReportsAndNormalisesNumbers_WhenTheyAreNotInOciForm()
    {
        var item = new OciItem().Set("QUANTITY", "1.234,5").Set("PRICE", "abc").Set("LEADTIME", "2.6");

        var form = OciCartWriter.Write([item], Session);

        Assert.Contains("name=\"NEW_ITEM-QUANTITY[1]\" value=\"1234.5\"", form.Html, StringComparison.Ordinal);
        Assert.Contains("name=\"NEW_ITEM-LEADTIME[1]\" value=\"3\"", form.Html, StringComparison.Ordinal);
        Assert.Equal(OciCodes.InvalidNumber, Assert.Single(form.Diagnostics).Code);
    }

    [Fact]
    public void Write_ReplacesAndReports_WhenCharsetCannotCarryAValue()
    {
        var item = new OciItem().Set("DESCRIPTION", "Kugelschreiber ✓ blau");

        var form = OciCartWriter.Write([item], Session, new OciWriterOptions { Charset = "ISO-8859-1" });

        Assert.Contains("accept-charset=\"ISO-8859-1\"", form.Html, StringComparison.Ordinal);
        Assert.Contains("value=\"Kugelschreiber ? blau\"", form.Html, StringComparison.Ordinal);
        Assert.Equal(OciCodes.Unencodable, Assert.Single(form.Diagnostics).Code);
    }

    [Fact]
    public void Read_ReadsBackWhatWasWritten_WhenCartRoundTrips()
    {
        var first = Monitor();
        first.LongText = "Line one & \"two\"";
        var second = new OciItem().Set("DESCRIPTION", "Pens").Set("QUANTITY", "10").Set("PRICE", "0.5").Set("CURRENCY", "EUR");

        var read = OciCartReader.Read(OciCartWriter.Write([first, second], Session).Html);

        Assert.Equal("https://srm.example/return?a=1&b=2", read.Cart.Action);
        Assert.Equal([1, 2], read.Cart.Items.Select(i => i.Index));
        Assert.Equal("Line one & \"two\"", read.Cart.Items[0].LongText);
        Assert.Equal(1234.5m, read.Cart.Items[0].Price);
        Assert.Equal("4006381333931", read.Cart.Items[0].Get("GTIN"));
        Assert.Equal(0.5m, read.Cart.Items[1].Price);
        Assert.Contains(KeyValuePair.Create("~OkCode", "ADDI"), read.Cart.OtherFields);
    }

    [Fact]
    public void Read_SortsItemsAndToleratesOddNames_WhenFormIsMessy()
    {
        const string html = """
            <form method='POST' action='http://r.example/back'>
            <input type='hidden' name='NEW_ITEM-DESCRIPTION[3]' value='Three'>
            <INPUT TYPE=hidden NAME=NEW_ITEM-QUANTITY[1] VALUE=1,5>
            <input name="NEW_ITEM-LONGTEXT:132[3]" value="text three">
            <input name="NEW_ITEM-LONGTEXT[1]" value="text one">
            <input name="NEW_ITEM-PRICE[ 1 ]" value=" 1.234,56 ">
            <input name="NEW_ITEM-UNIT" value="PCE">
            </form>
            """;

        var result = OciCartReader.Read(html);

        Assert.Equal([1, 3], result.Cart.Items.Select(i => i.Index));
        Assert.Equal(1.5m, result.Cart.Items[0].Quantity);
        Assert.Equal(1234.56m, result.Cart.Items[0].Price);
        Assert.Equal("text one", result.Cart.Items[0].LongText);
        Assert.Equal("text three", result.Cart.Items[1].LongText);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(OciCodes.BadIndex, diagnostic.Code);
        Assert.Equal(7, diagnostic.Position.Line);
    }

    public static TheoryData<string> CorpusFiles()
    {
        var data = new TheoryData<string>();
        var folder = RepositoryPaths.Shared is null ? null : Path.Combine(RepositoryPaths.Shared, "corpus", "oci");
        if (folder is null || !Directory.Exists(folder)) data.Add("(corpus absent)");
        else foreach (var file in Directory.GetFiles(folder, "*.html").Order(StringComparer.Ordinal)) data.Add(Path.GetFileName(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void Read_ReadsEveryItemWithoutErrors_WhenFileIsFromTheCorpus(string name)
    {
        var folder = RepositoryPaths.CorpusOrSkip("oci");
        var html = File.ReadAllText(Path.Combine(folder, name), Encoding.UTF8);

        var result = OciCartReader.Read(html);

        var indexes = html.Split("NEW_ITEM-DESCRIPTION[", StringSplitOptions.None).Length - 1;
        Assert.Equal(indexes, result.Cart.Items.Count);
        Assert.All(result.Cart.Items, item => Assert.False(string.IsNullOrEmpty(item.Description)));
        Assert.DoesNotContain(result.Diagnostics, d => d.Severity == Documents.Severity.Error);
        Assert.NotNull(result.Cart.Action);
    }

    [Fact]
    public void Read_AttachesEveryLongTextVariant_WhenCorpusShowsTheBrokenNames()
    {
        var folder = RepositoryPaths.CorpusOrSkip("oci");
        var result = OciCartReader.Read(File.ReadAllText(Path.Combine(folder, "oci-form__meplato-sapoci-testparse-badlongtext__5.html")));

        Assert.Equal(5, result.Cart.Items.Count(i => i.LongText is not null));
        Assert.Equal("Das iPhone 7 Plus. Weil größer ist besser.", result.Cart.Items.Single(i => i.Index == 5).LongText);
    }

    [Fact]
    public void Read_KeepsVendorFieldsAndPageNoise_WhenRealWorldPageIsRead()
    {
        var folder = RepositoryPaths.CorpusOrSkip("oci");
        var extensions = OciCartReader.Read(File.ReadAllText(Path.Combine(folder, "oci-form__meplato-sapoci-extensions__2.html")));
        var realWorld = OciCartReader.Read(File.ReadAllText(Path.Combine(folder, "oci-form__meplato-sapoci-realworld__1.html")));

        Assert.All(extensions.Cart.Items, item => Assert.NotNull(item.Get("TAX_CODE")));
        Assert.Contains(realWorld.Cart.OtherFields, f => f.Key == "authenticity_token");
        Assert.DoesNotContain("authenticity_token = l", OciInspector.Describe(realWorld), StringComparison.Ordinal);
    }
}
