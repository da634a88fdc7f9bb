using System.CommandLine;
using IntegrationHub.Mapping;
using IntegrationHub.Partners;

namespace IntegrationHub.Cli.Commands;

/// <summary><c>hub mappings …</c>: check the mappings folder as the hub will load it.</summary>
internal static class MappingsCommands
{
    public static Command Create()
    {
        var folder = new Option<DirectoryInfo?>("--mappings")
        {
            Description = "The mappings folder (default: the nearest 'mappings' folder at or above the current one).",
        };
        var validate = new Command("validate", "Load every map, code list and partner file and report each mistake as file:line:column: message. Exit code 0 when there are none, 1 otherwise.")
        {
            folder,
        };
        validate.SetAction(result => Validate(result.GetValue(folder), Console.Out, Console.Error));
        return new Command("mappings", "Work with the mappings folder: maps, code lists and partners.") { validate };
    }

    internal static int Validate(DirectoryInfo? folder, TextWriter output, TextWriter error)
    {
        var root = folder?.FullName ?? FindMappings(Directory.GetCurrentDirectory());
        if (root is null || !Directory.Exists(root))
        {
            error.WriteLine(folder is null
                ? "No 'mappings' folder here or above; give one with --mappings."
                : $"{folder.FullName} does not exist.");
            return 2;
        }
        var maps = MapLibrary.Load(root);
        var partners = PartnerRegistry.Load(root);
        var errors = maps.Errors.Concat(partners.Errors).ToList();
        foreach (var mistake in errors) error.WriteLine(mistake);
        output.WriteLine($"{maps.Maps.Count} maps, {maps.CodeLists.Names.Count()} code lists, {partners.Partners.Count} partners; {errors.Count} mistake{(errors.Count == 1 ? "" : "s")}.");
        return errors.Count == 0 ? 0 : 1;
    }

    internal static string? FindMappings(string start)
    {
        for (var at = new DirectoryInfo(start); at is not null; at = at.Parent)
        {
            var candidate = Path.Combine(at.FullName, "mappings");
            if (Directory.Exists(candidate)) return candidate;
            if (at.Name == "mappings") return at.FullName;
        }
        return null;
    }
}
