using System.CommandLine;
using System.Xml;
using IntegrationHub.Documents;
using IntegrationHub.Formats.Cxml;

namespace IntegrationHub.Cli.Commands;

/// <summary><c>hub cxml inspect FILE</c> and <c>hub cxml validate FILE [--dtd DIR]</c>.</summary>
internal static class CxmlCommands
{
    /// <summary>Exit codes of <c>hub cxml validate</c>.</summary>
    public const int Valid = 0, HasDiagnostics = 1, Unreadable = 2;

    public static Command Create()
    {
        var cxml = new Command("cxml", "Read, inspect and validate cXML documents (read safely: no DTD is fetched, no entity expanded).");
        cxml.Subcommands.Add(Inspect());
        cxml.Subcommands.Add(Validate());
        return cxml;
    }

    private static Command Inspect()
    {
        var file = new Argument<FileInfo>("file") { Description = "The cXML document to read." };
        var command = new Command("inspect", "Show what the hub reads from a cXML document: envelope, header (secrets redacted), payload, diagnostics.") { file };
        command.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            if (!TryRead(parseResult.GetValue(file)!, parseResult.InvocationConfiguration.Error, out var result)) return Unreadable;
            output.Write(CxmlInspector.Describe(result));
            return result.Document is null ? Unreadable : Valid;
        });
        return command;
    }

    private static Command Validate()
    {
        var file = new Argument<FileInfo>("file") { Description = "The cXML document to validate." };
        var dtd = new Option<DirectoryInfo?>("--dtd")
        {
            Description = "Also validate against the cXML DTDs in this folder (e.g. a local copy of the 1.2.069 set); nothing is fetched.",
        };
        var command = new Command("validate", "Check a cXML document. Exit 0: no errors; 1: error diagnostics; 2: unreadable.") { file, dtd };
        command.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var path = parseResult.GetValue(file)!;
            if (!TryRead(path, parseResult.InvocationConfiguration.Error, out var result)) return Unreadable;
            var diagnostics = result.Diagnostics.ToList();
            if (result.Document is not null && parseResult.GetValue(dtd) is { } folder) diagnostics.AddRange(DtdCheck.Validate(path, folder));
            foreach (var diagnostic in diagnostics) output.WriteLine(diagnostic);
            if (result.Document is null) return Unreadable;
            var errors = diagnostics.Count(d => d.Severity == Severity.Error);
            output.WriteLine(errors == 0
                ? $"valid: {result.Document.DocumentType}, {diagnostics.Count} warning(s)"
                : $"invalid: {result.Document.DocumentType}, {errors} error(s), {diagnostics.Count - errors} warning(s)");
            return errors == 0 ? Valid : HasDiagnostics;
        });
        return command;
    }

    private static bool TryRead(FileInfo file, TextWriter error, out CxmlReadResult result)
    {
        result = new CxmlReadResult(null, []);
        try
        {
            using var stream = file.OpenRead();
            result = CxmlReader.Read(stream);
            return true;
        }
        catch (IOException exception)
        {
            error.WriteLine($"cannot read {file.FullName}: {exception.Message}");
            return false;
        }
        catch (UnauthorizedAccessException exception)
        {
            error.WriteLine($"cannot read {file.FullName}: {exception.Message}");
            return false;
        }
    }

    /// <summary>DTD validation with a resolver that maps a DTD URL to the file of the same name in one local folder, and nothing else.</summary>
    private static class DtdCheck
    {
        public static List<Diagnostic> Validate(FileInfo file, DirectoryInfo folder)
        {
            var diagnostics = new List<Diagnostic>();
            var settings = new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Parse,
                ValidationType = ValidationType.DTD,
                XmlResolver = new LocalResolver(folder),
                MaxCharactersFromEntities = 10_000_000,
                MaxCharactersInDocument = 64L * 1024 * 1024,
            };
            settings.ValidationEventHandler += (_, e) =>
            {
                if (e.Exception?.SourceUri?.EndsWith(".dtd", StringComparison.OrdinalIgnoreCase) == true) return;
                diagnostics.Add(new Diagnostic("cxml.dtd.invalid", e.Message, Severity.Error,
                    new Position(-1, e.Exception?.LineNumber ?? 0, e.Exception?.LinePosition ?? 0, string.Empty)));
            };
            try
            {
                using var stream = file.OpenRead();
                using var reader = XmlReader.Create(stream, settings);
                while (reader.Read())
                {
                }
            }
            catch (XmlException exception)
            {
                diagnostics.Add(new Diagnostic("cxml.dtd.unavailable", exception.Message, Severity.Error,
                    new Position(-1, exception.LineNumber, exception.LinePosition, string.Empty)));
            }
            return diagnostics;
        }

        private sealed class LocalResolver(DirectoryInfo folder) : XmlResolver
        {
            public override object GetEntity(Uri absoluteUri, string? role, Type? ofObjectToReturn)
            {
                var local = Path.Combine(folder.FullName, Path.GetFileName(absoluteUri.AbsolutePath));
                return File.Exists(local) ? File.OpenRead(local) : throw new XmlException($"No local DTD for {absoluteUri} in {folder.FullName}; nothing is fetched.");
            }
        }
    }
}
