using IntegrationHub.Cli.Commands;
using IntegrationHub.Support;

namespace IntegrationHub.Engine.Tests.Cli;

public sealed class TranslateCommandTests
{
    private static readonly DirectoryInfo Mappings = new(Path.Combine(RepositoryPaths.Root, "mappings"));

    [Fact]
    public void Translate_PrintsTheCanonicalOrder_ForACxmlOrderRequest()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var sample = new FileInfo(Path.Combine(Mappings.FullName, "defaults", "cxml", "order-request.inbound.samples", "basic.xml"));

        var exit = TranslateCommand.Run(sample, null, null, Mappings, output, error);

        Assert.Equal(0, exit);
        Assert.StartsWith("{\n  \"orderNumber\": \"PO-4711\"", output.ToString().ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("map: defaults/cxml/order-request.inbound.map.yaml", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("not-in-the-order", output.ToString(), StringComparison.Ordinal); // the shared secret
        Assert.DoesNotContain("4111111111111111", output.ToString(), StringComparison.Ordinal); // the card number
    }

    [Fact]
    public void Translate_ExitsOneWithDiagnostics_WhenTheOrderLacksItsNumber()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var sample = new FileInfo(Path.Combine(Mappings.FullName, "defaults", "cxml", "order-request.inbound.samples", "missing-order-id.xml"));

        Assert.Equal(1, TranslateCommand.Run(sample, null, null, Mappings, output, error));
        Assert.Contains("order.orderNumber: a required field has no value", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Translate_ExitsTwo_WhenThePartnerDoesNotExist()
    {
        using var error = new StringWriter();
        var sample = new FileInfo(Path.Combine(Mappings.FullName, "defaults", "cxml", "order-request.inbound.samples", "basic.xml"));

        Assert.Equal(2, TranslateCommand.Run(sample, null, "no-such-partner", Mappings, TextWriter.Null, error));
        Assert.Contains("There is no partner 'no-such-partner'", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Translate_PrintsTheMappingsMistakes_SoAFallBackToTheDefaultIsSeen()
    {
        var root = Directory.CreateTempSubdirectory("integrationhub-translate-").FullName;
        try
        {
            RepositoryPaths.Copy("mappings", root);
            File.WriteAllText(Path.Combine(root, "partners", "demo-buyer", "maps", "broken.map.yaml"), "map: [broken\n");
            using var error = new StringWriter();
            var sample = new FileInfo(Path.Combine(Mappings.FullName, "defaults", "cxml", "order-request.inbound.samples", "basic.xml"));

            Assert.Equal(0, TranslateCommand.Run(sample, null, "demo-buyer", new DirectoryInfo(root), TextWriter.Null, error));
            Assert.Contains(Path.Combine("partners", "demo-buyer", "maps", "broken.map.yaml") + ":2:1: not valid YAML", error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void TranslateTo_WritesTheDocument_ForACanonicalAcknowledgment()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var sample = new FileInfo(Path.Combine(Mappings.FullName, "defaults", "x12", "855-004010.outbound.samples", "partly-backordered.json"));

        var exit = TranslateCommand.RunOutbound(sample, "855", null, null, Mappings, output, error);

        Assert.Equal(0, exit);
        Assert.Contains("map: defaults/x12/855-004010.outbound.map.yaml", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText(Path.ChangeExtension(sample.FullName, ".expected.edi")).ReplaceLineEndings("\n"), output.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void TranslateTo_ExitsOne_WhenTheFormatNeedsAFieldTheDocumentLacks()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var sample = new FileInfo(Path.Combine(Mappings.FullName, "defaults", "x12", "810-004010.outbound.samples", "no-total.json"));

        Assert.Equal(1, TranslateCommand.RunOutbound(sample, "810", null, null, Mappings, output, error));
        Assert.Contains("810/TDS: TDS is required by the format but has no value", error.ToString(), StringComparison.Ordinal);
        Assert.Empty(output.ToString());
    }

    [Fact]
    public void TranslateTo_ExitsTwo_WhenNoMapWritesTheDocument()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var sample = new FileInfo(Path.Combine(Mappings.FullName, "defaults", "x12", "855-004010.outbound.samples", "partly-backordered.json"));

        Assert.Equal(2, TranslateCommand.RunOutbound(sample, "997", null, null, Mappings, output, error));
        Assert.Contains("No outbound map writes '997'", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Translate_ExitsTwo_WhenTheFormatCannotBeTold()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "{ \"not\": \"edi\" }");
            using var error = new StringWriter();

            Assert.Equal(2, TranslateCommand.Run(new FileInfo(file), null, null, Mappings, TextWriter.Null, error));
            Assert.Contains("Cannot tell the format", error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
