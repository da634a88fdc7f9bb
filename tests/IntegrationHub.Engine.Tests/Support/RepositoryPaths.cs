namespace IntegrationHub.Support;

/// <summary>Where the repository and the shared corpus are, found from the test binaries' folder.</summary>
public static class RepositoryPaths
{
    /// <summary>The repository root: the folder that holds IntegrationHub.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The shared folder beside the repository (../shared), or null when this checkout has none.</summary>
    public static string? Shared
    {
        get
        {
            var shared = Path.GetFullPath(Path.Combine(Root, "..", "shared"));
            return Directory.Exists(shared) ? shared : null;
        }
    }

    /// <summary>A folder of ../shared/corpus; skips the calling test, with the reason, when it is absent.</summary>
    public static string CorpusOrSkip(string format)
    {
        var folder = Shared is null ? null : Path.Combine(Shared, "corpus", format);
        if (folder is null || !Directory.Exists(folder))
            Assert.Skip($"The shared corpus ../shared/corpus/{format} is not beside this checkout; corpus tests need it.");
        return folder;
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "IntegrationHub.sln"))) return folder.FullName;
        }
        throw new InvalidOperationException($"No IntegrationHub.sln above {AppContext.BaseDirectory}.");
    }

    /// <summary>Copies a folder of the repository, such as <c>mappings</c>, to <paramref name="target"/> (created), for tests that change files.</summary>
    public static void Copy(string relativeFolder, string target)
    {
        var source = Path.Combine(Root, relativeFolder);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
    }
}
