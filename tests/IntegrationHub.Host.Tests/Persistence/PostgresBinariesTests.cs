using IntegrationHub.Persistence;

namespace IntegrationHub.Host.Tests.Persistence;

public sealed class PostgresBinariesTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("integrationhub-bins-").FullName;

    [Fact]
    public void Find_ReturnsNull_WhenNeitherPathNorRootsHoldThem() =>
        Assert.Null(PostgresBinaries.Find(Path.Combine(_root, "empty"), [Path.Combine(_root, "nowhere")]));

    [Fact]
    public void Find_TakesNewestVersionedFolder_WhenPathHasNone()
    {
        foreach (var version in new[] { "13", "16", "9.6" }) Fake(Path.Combine(_root, "lib", version, "bin"));

        var found = PostgresBinaries.Find(string.Empty, [Path.Combine(_root, "lib")]);

        Assert.Equal(Path.Combine(_root, "lib", "16", "bin"), found?.Directory);
    }

    [Fact]
    public void Find_PrefersPath_WhenBothHoldThem()
    {
        Fake(Path.Combine(_root, "path"));
        Fake(Path.Combine(_root, "lib", "17", "bin"));

        var found = PostgresBinaries.Find(Path.Combine(_root, "path"), [Path.Combine(_root, "lib")]);

        Assert.Equal(Path.Combine(_root, "path"), found?.Directory);
    }

    [Fact]
    public void Remedies_NameEveryWayOut() =>
        Assert.All(["apt-get install postgresql", "ConnectionStrings__Hub", "docker compose up"],
            remedy => Assert.Contains(remedy, PostgresBinaries.Remedies, StringComparison.Ordinal));

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static void Fake(string folder)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "initdb"), string.Empty);
        File.WriteAllText(Path.Combine(folder, "pg_ctl"), string.Empty);
    }
}
