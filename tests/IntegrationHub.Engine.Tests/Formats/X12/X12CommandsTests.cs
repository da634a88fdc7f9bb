using System.CommandLine;
using IntegrationHub.Cli.Commands;

namespace IntegrationHub.Engine.Tests.Formats.X12;

public sealed class X12CommandsTests
{
    private static string Sample(string name) =>
        Path.Combine(IntegrationHub.Support.RepositoryPaths.Root, "tests", "IntegrationHub.Engine.Tests", "Formats", "X12", "Samples", name);

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var root = new RootCommand { X12Commands.Create(stdout, stderr, new FixedTime(new DateTimeOffset(2024, 2, 3, 4, 5, 0, TimeSpan.Zero))) };
        var exit = root.Parse(args).Invoke();
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Validate_ExitsZeroAndWritesThe997_WhenEverySetIsAccepted()
    {
        var (exit, output, _) = Run("x12", "validate", Sample("850-4010-valid.edi"));

        Assert.Equal(X12Commands.Accepted, exit);
        Assert.Equal(File.ReadAllText(Sample("850-4010-valid.ack")), output);
    }

    [Fact]
    public void Validate_ExitsOneAndWritesA999_WhenASetIsRejectedAnd999IsAsked()
    {
        var (exit, output, errors) = Run("x12", "validate", Sample("850-4010-errors.edi"), "--ack", "999");

        Assert.Equal(X12Commands.NotAccepted, exit);
        Assert.Contains("ST*999*0001*004010~", output, StringComparison.Ordinal);
        Assert.Contains("IK3*PO1*5*PO1*8~", output, StringComparison.Ordinal);
        Assert.Contains("x12.element.invalid-date", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ExitsTwo_WhenTheFileIsNotX12()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, "{\"not\": \"edi\"}");

        var (exit, output, _) = Run("x12", "validate", path);

        File.Delete(path);
        Assert.Equal((X12Commands.NotX12, ""), (exit, output));
    }

    [Fact]
    public void Validate_ExitsTwo_WhenTheFileDoesNotExist()
    {
        var (exit, _, errors) = Run("x12", "validate", Sample("missing.edi"));

        Assert.Equal(X12Commands.NotX12, exit);
        Assert.Contains("Cannot read", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_PrintsLoopsAndTheHlHierarchy()
    {
        var (exit, output, _) = Run("x12", "inspect", Sample("856-5010-hierarchy.edi"));

        Assert.Equal(0, exit);
        Assert.Contains("Set 856 0001 (Ship Notice/Manifest, spec 005010): accepted", output, StringComparison.Ordinal);
        Assert.Contains("      Loop HL\n", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("LIN*1*VP*ABC-1*UP*012345678905   [VP=ABC-1, UP=012345678905]", output, StringComparison.Ordinal);
        Assert.Matches(@"HL 1 level S: .*\n +HL 2 level O: .*\n +HL 3 level P: .*\n +HL 4 level I:", output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void HubCommand_HasTheX12Group()
    {
        var root = IntegrationHub.Cli.HubCommand.Create();

        Assert.Contains(root.Subcommands, command => command.Name == "x12");
    }
}
