using IntegrationHub.Support;

namespace IntegrationHub.Formats.Cxml;

/// <summary>The hand-written cXML samples beside these tests (Samples/*.xml), and their golden outputs.</summary>
internal static class CxmlSamples
{
    public static string Folder { get; } = Path.Combine(RepositoryPaths.Root, "tests", "IntegrationHub.Engine.Tests", "Formats", "Cxml", "Samples");

    public static TheoryData<string> Names()
    {
        var names = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Folder, "*.xml").Where(f => !f.EndsWith(".written.xml", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
            names.Add(Path.GetFileNameWithoutExtension(file));
        return names;
    }

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(Folder, name + ".xml"));

    public static string PathOf(string name, string suffix) => Path.Combine(Folder, name + suffix);
}
