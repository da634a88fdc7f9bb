namespace IntegrationHub.Persistence;

/// <summary>Finds the PostgreSQL server programs (initdb, pg_ctl) on PATH or in the usual package locations.</summary>
public sealed record PostgresBinaries(string Directory)
{
    public string InitDb => Path.Combine(Directory, "initdb");

    public string PgCtl => Path.Combine(Directory, "pg_ctl");

    /// <summary>What to do when no server binaries are found, in one message.</summary>
    public const string Remedies =
        "No connection string is configured (ConnectionStrings:Hub) and no PostgreSQL server binaries (initdb, pg_ctl) " +
        "were found on PATH or in /usr/lib/postgresql/*/bin, /usr/local/pgsql/bin or Homebrew's folders. " +
        "Either install PostgreSQL's server package (Debian/Ubuntu: apt-get install postgresql; macOS: brew install postgresql), " +
        "or set ConnectionStrings__Hub to a PostgreSQL database, or run `docker compose up`.";

    /// <summary>The folder holding both initdb and pg_ctl, preferring PATH, then the newest packaged version.</summary>
    public static PostgresBinaries? Find() =>
        Find(Environment.GetEnvironmentVariable("PATH") ?? string.Empty, PackageRoots);

    /// <summary>The usual install roots: Debian's versioned folders and Homebrew's.</summary>
    internal static readonly string[] PackageRoots = ["/usr/lib/postgresql", "/usr/local/opt", "/opt/homebrew/opt", "/usr/local/pgsql/bin", "/opt/homebrew/bin"];

    internal static PostgresBinaries? Find(string path, IReadOnlyList<string> roots)
    {
        foreach (var candidate in Candidates(path, roots))
        {
            if (File.Exists(Path.Combine(candidate, "initdb")) && File.Exists(Path.Combine(candidate, "pg_ctl")))
                return new PostgresBinaries(ResolveLinks(candidate));
        }
        return null;
    }

    // PATH first; then each root that is itself a bin folder, or that holds versioned installs (postgresql@16/bin, 15/bin).
    private static IEnumerable<string> Candidates(string path, IReadOnlyList<string> roots)
    {
        foreach (var entry in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            yield return entry;
        foreach (var root in roots.Where(System.IO.Directory.Exists))
        {
            yield return root;
            var versions = System.IO.Directory.GetDirectories(root)
                .Where(d => char.IsAsciiDigit(Path.GetFileName(d)[0]) || Path.GetFileName(d).StartsWith("postgresql", StringComparison.Ordinal))
                .OrderByDescending(VersionOf);
            foreach (var version in versions) yield return Path.Combine(version, "bin");
        }
    }

    private static int VersionOf(string folder)
    {
        var digits = new string(Path.GetFileName(folder).SkipWhile(c => !char.IsAsciiDigit(c)).TakeWhile(char.IsAsciiDigit).ToArray());
        return int.TryParse(digits, out var version) ? version : 0;
    }

    // Debian links /usr/local/bin/pg_ctl and friends into /usr/lib/postgresql/N/bin; pg_ctl finds postgres beside its real path.
    private static string ResolveLinks(string folder)
    {
        var target = new FileInfo(Path.Combine(folder, "pg_ctl")).ResolveLinkTarget(returnFinalTarget: true);
        return target is null ? folder : Path.GetDirectoryName(target.FullName) ?? folder;
    }
}
