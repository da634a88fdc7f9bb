using System.Text;
using IntegrationHub.Support;

namespace IntegrationHub.Formats.Oci;

/// <summary>The cart form written for Samples/cart.items.txt, per OCI version and length policy, against golden files.</summary>
public sealed class OciCartGoldenTests
{
    private static readonly string Folder = Path.Combine(RepositoryPaths.Root, "tests", "IntegrationHub.Engine.Tests", "Formats", "Oci", "Samples");

    [Theory]
    [InlineData(OciVersion.V40, OciLengthPolicy.Truncate, "cart.oci40-truncate")]
    [InlineData(OciVersion.V50, OciLengthPolicy.Diagnose, "cart.oci50-diagnose")]
    public void Write_MatchesGolden_WhenSampleCartIsWritten(OciVersion version, OciLengthPolicy policy, string expected)
    {
        var session = OciLoginRequest.Parse([
            KeyValuePair.Create("HOOK_URL", "https://srm.example/sap/bc/gui/sap/its/bbpsc02?sap-client=100&x=\"1\""),
            KeyValuePair.Create("~OkCode", "ADDI"), KeyValuePair.Create("~TARGET", "_top"), KeyValuePair.Create("~CALLER", "CTLG"),
            KeyValuePair.Create("OCI_VERSION", version == OciVersion.V50 ? "5.0" : "4.0")]).Request;

        var form = OciCartWriter.Write(Items(), session, new OciWriterOptions { Version = version, LengthPolicy = policy });

        var text = new StringBuilder(form.Html).AppendLine("<!-- diagnostics -->");
        foreach (var diagnostic in form.Diagnostics) text.Append("<!-- ").Append(diagnostic).AppendLine(" -->");
        Golden.AssertMatches(Path.Combine(Folder, expected + ".html"), text.ToString());
        Assert.Equal(2, OciCartReader.Read(form.Html).Cart.Items.Count);
    }

    private static List<OciItem> Items()
    {
        var items = new List<OciItem>();
        foreach (var block in File.ReadAllText(Path.Combine(Folder, "cart.items.txt")).ReplaceLineEndings("\n").Split("\n\n"))
        {
            var item = new OciItem();
            foreach (var line in block.Split('\n').Where(l => l.Length > 0 && l[0] != '#'))
            {
                var equals = line.IndexOf('=', StringComparison.Ordinal);
                if (line[..equals] == "LONGTEXT") item.LongText = line[(equals + 1)..];
                else item.Set(line[..equals], line[(equals + 1)..]);
            }
            items.Add(item);
        }
        return items;
    }
}
