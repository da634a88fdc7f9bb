using System.CommandLine;
using IntegrationHub.Mapping;

namespace IntegrationHub.Cli.Commands;

/// <summary><c>hub schema export</c>: the JSON Schemas editors use to check and complete map, code list and partner files.</summary>
internal static class SchemaCommand
{
    public static Command Create()
    {
        var folder = MappingsCommands.FolderOption();
        var export = new Command("export", "Write the JSON Schemas for map, code list and partner files to <mappings>/schema/.") { folder };
        export.SetAction(result => Export(result.GetValue(folder), result.InvocationConfiguration.Output, result.InvocationConfiguration.Error));
        return new Command("schema", "JSON Schemas of the files in mappings/.") { export };
    }

    internal static int Export(DirectoryInfo? folder, TextWriter output, TextWriter error)
    {
        if (MappingsCommands.Resolve(folder, error) is not { } root) return 2;
        var target = Path.Combine(root, "schema");
        Directory.CreateDirectory(target);
        foreach (var (name, text) in MapSchemas.All()) File.WriteAllText(Path.Combine(target, name), text);
        output.WriteLine($"Wrote {MapSchemas.All().Count} schemas to {Path.GetRelativePath(Directory.GetCurrentDirectory(), target)}.");
        return 0;
    }
}
