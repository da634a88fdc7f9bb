namespace IntegrationHub.Benchmarks.Host;

/// <summary>The <c>--name value</c> pairs of a whole-process load tool's command line.</summary>
internal static class LoadOptions
{
    public static Dictionary<string, string> Parse(string[] args) =>
        args.Select((a, i) => (a, i)).Where(p => p.a.StartsWith("--", StringComparison.Ordinal) && p.i + 1 < args.Length)
            .ToDictionary(p => p.a[2..], p => args[p.i + 1], StringComparer.Ordinal);
}
