using System.CommandLine;
using System.Text.Json;
using IntegrationHub.Canonical;
using IntegrationHub.Documents;
using IntegrationHub.Mapping;
using IntegrationHub.Partners;
using IntegrationHub.Translation;
using IntegrationHub.Verification;

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
        var to = new Option<string?>("--to") { Description = "canonical (the default) to read a document; or a document (855, 810, 856, ConfirmationRequest, …) to write a canonical JSON file as it, with the sample envelope values." };
        var version = new Option<string?>("--version") { Description = "With --to: the X12 version to write (default: the partner's, else any map's)." };
        var folder = MappingsCommands.FolderOption();
        var command = new Command("translate", "Read a document with the mappings folder and print the canonical document it gives (JSON; one per X12 transaction set), diagnostics on standard error; with --to DOCUMENT, write a canonical document as that document instead. Exit 0: translated; 1: errors; 2: unreadable, or no such partner.")
        {
            file, partner, format, to, version, folder,
        };
        command.SetAction(result => result.GetValue(to) is { } target && target != "canonical"
            ? RunOutbound(result.GetValue(file)!, target, result.GetValue(version), result.GetValue(partner), result.GetValue(folder),
                result.InvocationConfiguration.Output, result.InvocationConfiguration.Error)
            : Run(result.GetValue(file)!, result.GetValue(format), result.GetValue(partner), result.GetValue(folder),
                result.InvocationConfiguration.Output, result.InvocationConfiguration.Error));
        return command;
    }

    /// <summary>
    /// <c>hub translate FILE --to DOCUMENT</c>: a canonical JSON document written as DOCUMENT through the outbound map the
    /// partner would get, with the sample envelope values of the golden samples (fixed time, control numbers 1).
    /// </summary>
    internal static int RunOutbound(FileInfo file, string document, string? version, string? partner, DirectoryInfo? folder, TextWriter output, TextWriter error)
    {
        if (!file.Exists)
        {
            error.WriteLine($"{file.FullName} does not exist.");
            return Unreadable;
        }
        if (MappingsCommands.Resolve(folder, error) is not { } root) return Unreadable;
        var library = FormatSchemas.Load(root);
        foreach (var mistake in library.Errors) error.WriteLine(mistake);
        var recipient = OutboundGolden.SamplePartner;
        if (partner is not null)
        {
            if (PartnerRegistry.Load(root).Find(partner) is not { } found)
            {
                error.WriteLine($"There is no partner '{partner}' in {root}.");
                return Unreadable;
            }
            recipient = found;
        }
        version ??= partner is null ? null : recipient.X12Settings?.Version;
        var map = FormatSchemas.Formats.Select(f => library.FindOutbound(f, document, version, partner)).FirstOrDefault(m => m is not null);
        if (map is null)
        {
            error.WriteLine($"No outbound map writes '{document}'{(version is null ? "" : $" {version}")} in {root}; the outbound maps write {string.Join(", ", library.OutboundMaps.Values.Select(m => m.Header.Document).Distinct().Order(StringComparer.Ordinal))}.");
            return Unreadable;
        }
        object canonical;
        try
        {
            canonical = JsonSerializer.Deserialize(File.ReadAllText(file.FullName), map.Consumes, CanonicalJson.Options) ?? throw new JsonException("the file holds no document");
        }
        catch (JsonException ex)
        {
            error.WriteLine($"{file.Name} is not a canonical {map.Header.Produces}: {ex.Message}");
            return Unreadable;
        }
        error.WriteLine($"map: {map.File}{(map.Extends is null ? "" : $" (extends {map.Extends.File})")}");
        var result = OutboundTranslation.Write(map, canonical, recipient, OutboundGolden.Envelope);
        foreach (var diagnostic in result.Diagnostics) error.WriteLine(diagnostic);
        if (result.Output is null) return HasErrors;
        output.Write(System.Text.Encoding.UTF8.GetString(result.Output));
        return result.Succeeded ? Translated : HasErrors;
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
        // A partner map with mistakes is left out, and the default then reads the document: say so before anything else.
        foreach (var mistake in library.Errors) error.WriteLine(mistake);
        if (partner is not null && PartnerRegistry.Load(root).Find(partner) is null)
        {
            error.WriteLine($"There is no partner '{partner}' in {root} (partners/{partner}/partner.yaml); `hub mappings validate` lists the partners' mistakes.");
            return Unreadable;
        }
        var failed = false;
        var translated = 0;
        var readable = false;
        foreach (var tree in FormatTrees.Each(format, bytes))
        {
            readable |= tree.Tree is not null;
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
        if (translated == 0) return readable ? HasErrors : Unreadable;
        return failed ? HasErrors : Translated;
    }
}
