using IntegrationHub.Cli.Commands;
using IntegrationHub.Support;

namespace IntegrationHub.Engine.Tests.Cli;

public sealed class MappingsCommandsTests
{
    [Fact]
    public void Validate_ExitsZero_ForTheRepositoryMappings()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = MappingsCommands.Validate(new DirectoryInfo(Path.Combine(RepositoryPaths.Root, "mappings")), output, error);

        Assert.Equal(string.Empty, error.ToString());
        Assert.Equal(0, exit);
        Assert.Contains("0 mistakes", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PrintsEachMistakeWithItsPosition_AndExitsOne()
    {
        var root = Directory.CreateTempSubdirectory("integrationhub-cli-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "defaults", "x12"));
            File.WriteAllText(Path.Combine(root, "defaults", "x12", "850-004010.inbound.map.yaml"),
                "map:\n  format: x12\n  document: '850'\n  direction: inbound\n  produces: order\nfields:\n  colour: BEG03\n");
            using var output = new StringWriter();
            using var error = new StringWriter();

            var exit = MappingsCommands.Validate(new DirectoryInfo(root), output, error);

            Assert.Equal(1, exit);
            Assert.StartsWith($"{Path.Combine("defaults", "x12", "850-004010.inbound.map.yaml")}:7:3: 'colour' is not a field of order", error.ToString(), StringComparison.Ordinal);
            Assert.Contains("1 mistake.", output.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Validate_ExitsTwo_WhenTheFolderIsMissing()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        Assert.Equal(2, MappingsCommands.Validate(new DirectoryInfo(Path.Combine(Path.GetTempPath(), "no-such-mappings-folder")), output, error));
        Assert.Contains("does not exist", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Test_PrintsADiffAndExitsOne_UntilTheCaseIsApproved()
    {
        var root = Directory.CreateTempSubdirectory("integrationhub-golden-").FullName;
        try
        {
            RepositoryPaths.Copy(Path.Combine("mappings", "codelists"), Path.Combine(root, "codelists"));
            RepositoryPaths.Copy(Path.Combine("mappings", "defaults", "cxml"), Path.Combine(root, "defaults", "cxml"));
            var expected = Path.Combine(root, "defaults", "cxml", "order-request.inbound.samples", "basic.expected.json");
            File.WriteAllText(expected, File.ReadAllText(expected).Replace("\"GLV-100\"", "\"GLV-999\"", StringComparison.Ordinal));
            using var output = new StringWriter();
            using var error = new StringWriter();

            var before = MappingsCommands.Test(new DirectoryInfo(root), null, output, error);
            var approved = MappingsCommands.Approve(new DirectoryInfo(root), "cxml/order-request.inbound/basic", TextWriter.Null, error);
            var after = MappingsCommands.Test(new DirectoryInfo(root), null, TextWriter.Null, error);

            Assert.Equal(1, before);
            Assert.Contains("FAIL  cxml/order-request.inbound/basic", output.ToString(), StringComparison.Ordinal);
            Assert.Contains("-           \"supplierPartId\": \"GLV-999\",", output.ToString(), StringComparison.Ordinal);
            Assert.Contains("+           \"supplierPartId\": \"GLV-100\",", output.ToString(), StringComparison.Ordinal);
            Assert.Contains(" passed, 1 failed", output.ToString(), StringComparison.Ordinal);
            Assert.Equal((0, 0), (approved, after));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
