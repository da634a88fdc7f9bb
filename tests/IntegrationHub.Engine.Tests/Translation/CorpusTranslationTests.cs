using IntegrationHub.Canonical;
using IntegrationHub.Documents;
using IntegrationHub.Mapping;
using IntegrationHub.Support;
using IntegrationHub.Translation;

namespace IntegrationHub.Engine.Tests.Translation;

/// <summary>The shared corpus through the default maps: every document the format reader accepts must map without errors.</summary>
public sealed class CorpusTranslationTests
{
    private static readonly Lazy<MapLibrary> Library = new(() => FormatSchemas.Load(Path.Combine(RepositoryPaths.Root, "mappings")));

    [Fact]
    public void CxmlOrderRequests_BecomeOrders_WhenTheReaderAcceptsThem()
    {
        var corpus = RepositoryPaths.CorpusOrSkip("cxml");
        var files = Directory.EnumerateFiles(corpus, "OrderRequest__*.xml").Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(files);
        var translated = 0;
        foreach (var file in files)
        {
            var tree = FormatTrees.Read("cxml", File.ReadAllBytes(file));
            if (!tree.Readable) continue; // refused by the reader with its own diagnostics: the cXML corpus tests hold those
            var map = Library.Value.Find("cxml", tree.DocumentType!, tree.Version, MapDirection.Inbound)!;

            var result = map.Run<Order>(tree.Tree!);

            Assert.True(result.Succeeded, $"{Path.GetFileName(file)}: {string.Join("; ", result.Diagnostics)}");
            Assert.NotEmpty(result.Document!.Lines);
            Assert.All(result.Document.Lines, line => Assert.True(line.Quantity > 0, $"{Path.GetFileName(file)} line {line.LineNumber}"));
            translated++;
        }
        Assert.True(translated >= 5, $"only {translated} corpus orders translated");
    }

    [Fact]
    public void CxmlPunchOutSetupRequests_BecomeSessionRequests()
    {
        var corpus = RepositoryPaths.CorpusOrSkip("cxml");
        var translated = 0;
        foreach (var file in Directory.EnumerateFiles(corpus, "PunchOutSetupRequest__*.xml").Order(StringComparer.Ordinal))
        {
            var tree = FormatTrees.Read("cxml", File.ReadAllBytes(file));
            if (!tree.Readable) continue;
            var map = Library.Value.Find("cxml", tree.DocumentType!, tree.Version, MapDirection.Inbound)!;

            var result = map.Run<PunchoutSessionRequest>(tree.Tree!);

            Assert.True(result.Succeeded, $"{Path.GetFileName(file)}: {string.Join("; ", result.Diagnostics)}");
            Assert.StartsWith("http", result.Document!.ReturnUrl, StringComparison.Ordinal);
            translated++;
        }
        Assert.True(translated >= 5, $"only {translated} corpus setup requests translated");
    }

    [Fact]
    public void CxmlInvoices_BecomeInvoices_WhenTheReaderAcceptsThem()
    {
        var corpus = RepositoryPaths.CorpusOrSkip("cxml");
        var translated = 0;
        foreach (var file in Directory.EnumerateFiles(corpus, "InvoiceDetailRequest__*.xml").Order(StringComparer.Ordinal))
        {
            var tree = FormatTrees.Read("cxml", File.ReadAllBytes(file));
            if (!tree.Readable) continue;
            var map = Library.Value.Find("cxml", tree.DocumentType!, tree.Version, MapDirection.Inbound)!;

            var result = map.Run<Invoice>(tree.Tree!);

            Assert.True(result.Succeeded, $"{Path.GetFileName(file)}: {string.Join("; ", result.Diagnostics)}");
            Assert.True(result.Document!.Order.OrderNumber is not null || result.Document.Order.DocumentId is not null, Path.GetFileName(file));
            Assert.NotEmpty(result.Document.Lines);
            translated++;
        }
        Assert.True(translated >= 4, $"only {translated} corpus invoices translated");
    }

    [Fact]
    public void X12PurchaseOrders_BecomeOrders_InEveryVersionThereIsAMapFor()
    {
        var corpus = RepositoryPaths.CorpusOrSkip("x12");
        var translated = 0;
        foreach (var file in Directory.EnumerateFiles(corpus, "850__*.edi").Order(StringComparer.Ordinal))
        {
            foreach (var tree in FormatTrees.ReadAll("x12", File.ReadAllBytes(file)).Where(t => t.Tree is not null))
            {
                var map = Library.Value.Find("x12", "850", tree.Version, MapDirection.Inbound);
                if (map is null)
                {
                    Assert.Equal("003010", tree.Version); // the one corpus 850 in a version the hub has no map for
                    continue;
                }

                var result = map.Run<Order>(tree.Tree!);

                // The X12 engine's own findings (counts, element errors) are its tests' business; the map must add none.
                Assert.True(result.Succeeded, $"{Path.GetFileName(file)}: {string.Join("; ", result.Diagnostics)}");
                Assert.NotEmpty(result.Document!.Lines);
                translated++;
            }
        }
        Assert.True(translated >= 15, $"only {translated} corpus 850 sets translated");
    }

    [Fact]
    public void X12Invoices_BecomeInvoices_OrSayWhatIsMissing()
    {
        var corpus = RepositoryPaths.CorpusOrSkip("x12");
        var translated = 0;
        foreach (var file in Directory.EnumerateFiles(corpus, "810__*.edi").Order(StringComparer.Ordinal))
        {
            foreach (var tree in FormatTrees.ReadAll("x12", File.ReadAllBytes(file)).Where(t => t.Tree is not null && t.DocumentType == "810"))
            {
                if (Library.Value.Find("x12", "810", tree.Version, MapDirection.Inbound) is not { } map) continue; // 004030: no map yet

                var result = map.Run<Invoice>(tree.Tree!);

                if (Path.GetFileName(file) == "810__stupidedi__1.edi")
                {
                    // Its IT1 segments give a quantity and a price but no unit (IT103), against IT1's P020304 rule.
                    Assert.All(result.Diagnostics, d => Assert.Contains(".unitOfMeasure: a required field has no value", d.Message, StringComparison.Ordinal));
                    Assert.NotEmpty(result.Diagnostics);
                    continue;
                }
                Assert.True(result.Succeeded, $"{Path.GetFileName(file)}: {string.Join("; ", result.Diagnostics)}");
                Assert.NotEmpty(result.Document!.Lines);
                translated++;
            }
        }
        Assert.True(translated >= 4, $"only {translated} corpus 810 sets translated");
    }

    [Theory]
    [InlineData("<?xml version=\"1.0\"?><cXML/>", "cxml")]
    [InlineData("\uFEFF  \r\n<cXML/>", "cxml")]
    [InlineData("ISA*00*          *00*", "x12")]
    [InlineData("{ \"json\": true }", null)]
    public void Detect_TellsTheFormat_FromTheFirstBytes(string text, string? format) =>
        Assert.Equal(format, FormatTrees.Detect(System.Text.Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void DiagnosticsOfTheReader_KeepTheirPositions() =>
        Assert.Contains(FormatTrees.Read("cxml", "<cXML><Request>"u8.ToArray()).Diagnostics, d => d.Severity == Severity.Error && d.Position.Line > 0);
}
