using System.CommandLine;
using IntegrationHub.Formats.Cxml;
using IntegrationHub.Support;

namespace IntegrationHub.Cli.Commands;

/// <summary><c>hub cxml inspect|validate</c> and <c>hub oci inspect</c>, run in-process with captured output.</summary>
public sealed class FormatCommandsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hub-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static (int Exit, string Output) Run(params string[] args)
    {
        var output = new StringWriter();
        var exit = HubCommand.Create().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = output });
        return (exit, output.ToString());
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static string Sample(string name) => Path.Combine(CxmlSamples.Folder, name + ".xml");

    [Fact]
    public void CxmlInspect_PrintsModelWithoutSecrets_WhenFileIsAnOrder()
    {
        var (exit, output) = Run("cxml", "inspect", Sample("OrderRequest.typical"));

        Assert.Equal(0, exit);
        Assert.Contains("document:   OrderRequest", output, StringComparison.Ordinal);
        Assert.Contains("OrderId: PO-2026-0042", output, StringComparison.Ordinal);
        Assert.DoesNotContain("order-secret-42", output, StringComparison.Ordinal);
    }

    [Fact]
    public void CxmlValidate_ExitsZero_WhenDocumentHasNoErrors()
    {
        var (exit, output) = Run("cxml", "validate", Sample("ConfirmationRequest"));

        Assert.Equal(CxmlCommands.Valid, exit);
        Assert.Contains("valid: ConfirmationRequest", output, StringComparison.Ordinal);
    }

    [Fact]
    public void CxmlValidate_ExitsOne_WhenDocumentHasErrors()
    {
        var path = Write("bad.xml", "<cXML payloadID=\"1@x\" timestamp=\"2026-01-01T00:00:00+00:00\"><Header/><Request><OrderRequest/></Request></cXML>");

        var (exit, output) = Run("cxml", "validate", path);

        Assert.Equal(CxmlCommands.HasDiagnostics, exit);
        Assert.Contains("error cxml.document.required at /cXML/Request/OrderRequest", output, StringComparison.Ordinal);
    }

    [Fact]
    public void CxmlValidate_ExitsTwo_WhenFileIsMissingOrNotXml()
    {
        Assert.Equal(CxmlCommands.Unreadable, Run("cxml", "validate", Path.Combine(_folder, "missing.xml")).Exit);
        Assert.Equal(CxmlCommands.Unreadable, Run("cxml", "validate", Write("junk.xml", "<cXML><oops")).Exit);
    }

    [Fact]
    public void CxmlValidate_ReportsDtdErrors_WhenDtdFolderIsGiven()
    {
        var dtd = CxmlDtdValidator.DtdFolderOrSkip();
        var path = Write("order.xml", File.ReadAllText(Sample("PunchOutSetupResponse")).Replace("<StartPage>", "<StartPage><Bogus/>", StringComparison.Ordinal));

        var (exit, output) = Run("cxml", "validate", path, "--dtd", dtd);
        var (cleanExit, _) = Run("cxml", "validate", Sample("PunchOutSetupResponse"), "--dtd", dtd);

        Assert.Equal(CxmlCommands.HasDiagnostics, exit);
        Assert.Contains("cxml.dtd.invalid", output, StringComparison.Ordinal);
        Assert.Equal(CxmlCommands.Valid, cleanExit);
    }

    [Fact]
    public void OciInspect_ListsItemsInIndexOrder_WhenFileIsACapturedForm()
    {
        var path = Write("cart.html", """
            <form action="https://srm.example/r"><input name="NEW_ITEM-DESCRIPTION[2]" value="Two"><input name="NEW_ITEM-DESCRIPTION[1]" value="One">
            <input name="NEW_ITEM-PRICE[1]" value="1,5"><input name="password" value="hunter2"></form>
            """);

        var (exit, output) = Run("oci", "inspect", path);

        Assert.Equal(0, exit);
        Assert.True(output.IndexOf("[1] One", StringComparison.Ordinal) < output.IndexOf("[2] Two", StringComparison.Ordinal), output);
        Assert.Contains("PRICE = 1,5", output, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", output, StringComparison.Ordinal);
    }

    [Fact]
    public void OciInspect_ExitsTwo_WhenFileIsMissing()
    {
        Assert.Equal(2, Run("oci", "inspect", Path.Combine(_folder, "missing.html")).Exit);
    }
}
