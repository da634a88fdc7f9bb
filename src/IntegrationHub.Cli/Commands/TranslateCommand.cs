using System.CommandLine;
using System.Text.Json;
using IntegrationHub.Canonical;
using IntegrationHub.Documents;
using IntegrationHub.Mapping;
using IntegrationHub.Translation;

namespace IntegrationHub.Cli.Commands;

/// <summary><c>hub translate FILE</c>: what the hub would make of a document, offline.</summary>
internal static class TranslateCommand
{
    public const int Translated = 0, HasErrors = 1, Unreadable = 2;

    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "The document: cXML (.xml) or X12 (.edi, .x12)." };
        var partner = new Option<string?>("--partner") { Description = "Use this partner's maps where it has its own." };
        var format = new Option<string?>("--format") { Description = "The format, when the file's content does not tell: " + string.Join(", ", FormatTrees.Formats) };
        var folder = MappingsCommands.FolderOption();
        var command = new Command("translate", "Read a document with the mappings folder and print the canonical document it gives (JSON; one per X12 transaction set), diagnostics on standard error. Exit 0: translated; 1: errors; 2: unreadable.")
        {
            file, partner, format, folder,
        };
        command.SetAction(result => Run(result.GetValue(file)!, result.GetValue(format), result.GetValue(partner), result.GetValue(folder),
            result.InvocationConfiguration.Output, result.InvocationConfiguration.Error));
        return command;
    }

    internal static int Run(FileInfo file, string? format, string? partner, DirectoryInfo? folder, TextWriter output, TextWriter error)
    {
        if (!file.Exists)
        {
            error.WriteLine($"{file.FullName} does not exist.");
            return Unreadable;
        }
        if (MappingsCommands.Resolve(folder, error) is not { } root) return Unreadable;
        var bytes = File.ReadAllBytes(file.FullName);
        format ??= FormatTrees.Detect(bytes);
        if (format is null || !FormatTrees.Formats.Contains(format))
        {
            error.WriteLine($"Cannot tell the format of {file.Name}; give --format ({string.Join(", ", FormatTrees.Formats)}).");
            return Unreadable;
        }
        var library = FormatSchemas.Load(root);
        var trees = FormatTrees.ReadAll(format, bytes);
        var failed = false;
        var translated = 0;
        foreach (var tree in trees)
        {
            foreach (var diagnostic in tree.Diagnostics) error.WriteLine(diagnostic);
            failed |= tree.Diagnostics.Any(d => d.Severity == Severity.Error);
            if (tree.Tree is null) continue;
            var map = library.Find(format, tree.DocumentType ?? string.Empty, tree.Version, MapDirection.Inbound, partner);
            if (map is null)
            {
                error.WriteLine($"No inbound map for {format} {tree.DocumentType} {tree.Version}{(partner is null ? "" : $" (partner {partner})")} in {root}.");
                failed = true;
                continue;
            }
            error.WriteLine($"map: {map.File}{(map.Extends is null ? "" : $" (extends {map.Extends.File})")}");
            var (document, diagnostics) = map.Run(tree.Tree);
            foreach (var diagnostic in diagnostics) error.WriteLine(diagnostic);
            failed |= document is null || diagnostics.Any(d => d.Severity == Severity.Error);
            if (document is null) continue;
            output.WriteLine(JsonSerializer.Serialize(document, map.Produces, CanonicalJson.Options));
            translated++;
        }
        if (translated == 0) return trees.Any(t => t.Tree is not null) ? HasErrors : Unreadable;
        return failed ? HasErrors : Translated;
    }
}
