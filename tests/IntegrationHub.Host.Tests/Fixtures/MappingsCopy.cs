namespace IntegrationHub.Host.Tests.Fixtures;

/// <summary>A copy of the repository's <c>mappings/</c> folder in a temporary folder, for a test to change; deleted on dispose.</summary>
public sealed class MappingsCopy : IDisposable
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("integrationhub-mappings-").FullName;

    public MappingsCopy() => CopyFolder(Path.Combine(PurchaseOrders.Documents.RepositoryRoot, "mappings"), Folder);

    /// <summary>The path of a file in the copy, from its path relative to <c>mappings/</c>.</summary>
    public string File(string relative) => Path.Combine(Folder, relative);

    /// <summary>Copies every folder and file under <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static void CopyFolder(string from, string to)
    {
        foreach (var folder in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, folder)));
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            System.IO.File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
    }

    public void Dispose()
    {
        if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
    }
}
