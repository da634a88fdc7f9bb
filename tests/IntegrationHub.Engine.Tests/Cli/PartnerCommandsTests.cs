using IntegrationHub.Cli.Commands;
using IntegrationHub.Support;

namespace IntegrationHub.Engine.Tests.Cli;

public sealed class PartnerCommandsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("integrationhub-partner-").FullName;

    public PartnerCommandsTests() => RepositoryPaths.Copy("mappings", _root);

    [Theory]
    [InlineData("cxml")]
    [InlineData("oci")]
    [InlineData("x12")]
    public void New_MakesAPartnerThatValidates(string protocol)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = PartnerCommands.New("acme-hospital", protocol, "Acme Hospital", new DirectoryInfo(_root), output, error);

        Assert.Equal(string.Empty, error.ToString());
        Assert.Equal(0, exit);
        Assert.Equal(0, MappingsCommands.Validate(new DirectoryInfo(_root), TextWriter.Null, error));
        Assert.Contains($"{protocol}:", File.ReadAllText(Path.Combine(_root, "partners", "acme-hospital", "partner.yaml")), StringComparison.Ordinal);
    }

    [Fact]
    public void New_QuotesTheName_WhenItHoldsWhatYamlWouldReadAsSyntax()
    {
        const string name = "Acme: Hospital #1 'East'";
        using var error = new StringWriter();

        Assert.Equal(0, PartnerCommands.New("acme-hospital", "x12", name, new DirectoryInfo(_root), TextWriter.Null, error));

        Assert.Equal(string.Empty, error.ToString());
        Assert.Equal(0, MappingsCommands.Validate(new DirectoryInfo(_root), TextWriter.Null, error));
        Assert.Equal(name, IntegrationHub.Partners.PartnerRegistry.Load(_root).Find("acme-hospital")!.Name);
    }

    [Fact]
    public void New_Refuses_WhenTheNameHasALineBreak()
    {
        using var error = new StringWriter();

        Assert.Equal(2, PartnerCommands.New("acme-hospital", "x12", "Acme\nHospital", new DirectoryInfo(_root), TextWriter.Null, error));
        Assert.Contains("one line", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void New_GivesAMapWhoseSamplesPass_ForCxml()
    {
        PartnerCommands.New("acme-hospital", "cxml", null, new DirectoryInfo(_root), TextWriter.Null, TextWriter.Null);
        using var output = new StringWriter();

        Assert.Equal(0, MappingsCommands.Test(new DirectoryInfo(_root), "acme-hospital", output, TextWriter.Null));
        Assert.Contains("pass  partners/acme-hospital/order-request.inbound/basic", output.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Acme_Hospital", "is not a partner id")]
    [InlineData("demo-buyer", "exists already")]
    public void New_Refuses_WhenTheIdCannotBeUsed(string id, string message)
    {
        using var error = new StringWriter();

        Assert.Equal(2, PartnerCommands.New(id, "cxml", null, new DirectoryInfo(_root), TextWriter.Null, error));
        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
