using IntegrationHub.Translation;
using System.CommandLine;
using IntegrationHub.Mapping;
using IntegrationHub.Partners;
using IntegrationHub.Verification;

namespace IntegrationHub.Cli.Commands;

/// <summary><c>hub mappings validate|test|approve</c>: check the mappings folder as the hub will load it, and run its golden samples.</summary>
internal static class MappingsCommands
{
    public static Option<DirectoryInfo?> FolderOption() => new("--mappings")
    {
        Description = "The mappings folder (default: the nearest 'mappings' folder at or above the current one).",
    };

    public static Command Create()
    {
        var mappings = new Command("mappings", "Work with the mappings folder: maps, code lists, partners and golden samples.");
        mappings.Subcommands.Add(ValidateCommand());
        mappings.Subcommands.Add(TestCommand());
        mappings.Subcommands.Add(ApproveCommand());
        return mappings;
    }

    private static Command ValidateCommand()
    {
        var folder = FolderOption();
        var command = new Command("validate", "Load every map, code list and partner file and report each mistake as file:line:column: message. Exit 0 when there are none, 1 otherwise, 2 when there is no mappings folder.") { folder };
        command.SetAction(result => Validate(result.GetValue(folder), result.InvocationConfiguration.Output, result.InvocationConfiguration.Error));
        return command;
    }

    private static Command TestCommand()
    {
        var folder = FolderOption();
        var partner = new Option<string?>("--partner") { Description = "Only this partner's maps." };
        var command = new Command("test", "Run every golden sample: each input through its map, compared with its expected output; a diff for each difference. Exit 0 when all pass, 1 otherwise.") { folder, partner };
        command.SetAction(result => Test(result.GetValue(folder), result.GetValue(partner), result.InvocationConfiguration.Output, result.InvocationConfiguration.Error));
        return command;
    }

    private static Command ApproveCommand()
    {
        var folder = FolderOption();
        var name = new Argument<string>("case") { Description = "The case, as `hub mappings test` names it (e.g. cxml/order-request.inbound/basic)." };
        var command = new Command("approve", "Make a golden case's current output its expected output. Read the diff before you commit it.") { name, folder };
        command.SetAction(result => Approve(result.GetValue(folder), result.GetValue(name)!, result.InvocationConfiguration.Output, result.InvocationConfiguration.Error));
        return command;
    }

    internal static int Validate(DirectoryInfo? folder, TextWriter output, TextWriter error)
    {
        if (Resolve(folder, error) is not { } root) return 2;
        var maps = FormatSchemas.Load(root);
        var partners = PartnerRegistry.Load(root);
        var errors = maps.Errors.Concat(partners.Errors).ToList();
        foreach (var mistake in errors) error.WriteLine(mistake);
        output.WriteLine($"{maps.Maps.Count + maps.OutboundMaps.Count} maps ({maps.OutboundMaps.Count} outbound), {maps.CodeLists.Names.Count()} code lists, {partners.Partners.Count} partners; {errors.Count} mistake{(errors.Count == 1 ? "" : "s")}.");
        return errors.Count == 0 ? 0 : 1;
    }

    internal static int Test(DirectoryInfo? folder, string? partner, TextWriter output, TextWriter error)
    {
        if (Resolve(folder, error) is not { } root) return 2;
        var library = FormatSchemas.Load(root);
        var partners = PartnerRegistry.Load(root);
        foreach (var mistake in library.Errors) error.WriteLine(mistake);
        var failed = 0;
        var cases = GoldenCases.Discover(root, library, partner);
        foreach (var golden in cases)
        {
            var outcome = GoldenCases.Run(golden, library, partners);
            if (outcome.Passed)
            {
                output.WriteLine($"pass  {golden}");
                continue;
            }
            failed++;
            output.WriteLine($"FAIL  {golden}");
            output.WriteLine(outcome.Expected is null
                ? $"      no expected output yet: review the output below, then `hub mappings approve {golden}`"
                : LineDiff.Render(outcome.Expected, outcome.Actual));
            if (outcome.Expected is null) output.WriteLine(outcome.Actual);
        }
        output.WriteLine($"{cases.Count - failed} passed, {failed} failed");
        return failed == 0 && library.Errors.Count == 0 ? 0 : 1;
    }

    internal static int Approve(DirectoryInfo? folder, string name, TextWriter output, TextWriter error)
    {
        if (Resolve(folder, error) is not { } root) return 2;
        var library = FormatSchemas.Load(root);
        var golden = GoldenCases.Discover(root, library).FirstOrDefault(c => c.ToString() == name);
        if (golden is null)
        {
            error.WriteLine($"There is no golden case '{name}'; `hub mappings test` lists them.");
            return 2;
        }
        var outcome = GoldenCases.Run(golden, library, PartnerRegistry.Load(root));
        GoldenCases.Approve(outcome);
        output.WriteLine($"{Path.GetRelativePath(root, golden.ExpectedFile)} now holds the current output{(outcome.Passed ? " (it already did)" : "")}.");
        return 0;
    }

    internal static string? Resolve(DirectoryInfo? folder, TextWriter error)
    {
        var root = folder?.FullName ?? MapLibrary.FindFolder(Directory.GetCurrentDirectory());
        if (root is not null && Directory.Exists(root)) return root;
        error.WriteLine(folder is null ? "No 'mappings' folder here or above; give one with --mappings." : $"{folder.FullName} does not exist.");
        return null;
    }
}
