using System.Xml;
using IntegrationHub.Support;

namespace IntegrationHub.Formats.Cxml;

/// <summary>
/// Validates bytes against the cXML DTDs in ../shared/cxml-dtd through a resolver that maps every DTD system id to the local
/// file of the same name and version, and refuses everything else: nothing is ever fetched.
/// </summary>
internal static class CxmlDtdValidator
{
    public static string DtdFolderOrSkip(string version = CxmlDtd.DefaultVersion)
    {
        var folder = RepositoryPaths.Shared is null ? null : Path.Combine(RepositoryPaths.Shared, "cxml-dtd", version);
        if (folder is null || !Directory.Exists(folder))
            Assert.Skip($"The cXML {version} DTDs (../shared/cxml-dtd/{version}) are not beside this checkout; DTD validation needs them.");
        return folder;
    }

    public static List<string> Validate(byte[] document, string version = CxmlDtd.DefaultVersion)
    {
        var errors = new List<string>();
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Parse,
            ValidationType = ValidationType.DTD,
            XmlResolver = new LocalDtdResolver(DtdFolderOrSkip(version)),
            MaxCharactersFromEntities = 10_000_000,
        };
        // .NET reports the DTDs' own parameter-entity nesting (in their xmldsig part) against the DTD file; only problems
        // in the document itself count.
        settings.ValidationEventHandler += (_, e) =>
        {
            if (e.Exception?.SourceUri?.EndsWith(".dtd", StringComparison.OrdinalIgnoreCase) == true) return;
            errors.Add($"line {e.Exception?.LineNumber}: {e.Message}");
        };
        using var reader = XmlReader.Create(new MemoryStream(document), settings);
        while (reader.Read())
        {
        }
        return errors;
    }

    private sealed class LocalDtdResolver(string folder) : XmlResolver
    {
        public override object GetEntity(Uri absoluteUri, string? role, Type? ofObjectToReturn)
        {
            var file = Path.Combine(folder, Path.GetFileName(absoluteUri.AbsolutePath));
            if (!File.Exists(file)) throw new XmlException($"Refusing to resolve {absoluteUri}: no local DTD of that name.");
            return File.OpenRead(file);
        }
    }
}
