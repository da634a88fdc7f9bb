using System.Reflection;
using IntegrationHub.Documents;

namespace IntegrationHub.Engine.Tests;

/// <summary>The dependency rules of DESIGN.md, checked on the compiled assemblies.</summary>
public sealed class ArchitectureTests
{
    private static readonly string[] ForbiddenInEngine =
        ["Microsoft.AspNetCore", "Npgsql", "Dapper", "Hangfire", "System.Net.Http", "Serilog", "Microsoft.Extensions.Hosting"];

    [Fact]
    public void Engine_ReferencesNoInfrastructure()
    {
        var offending = References(typeof(Diagnostic).Assembly)
            .Where(name => ForbiddenInEngine.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal)))
            .ToList();

        Assert.Empty(offending);
    }

    [Fact]
    public void Cli_ReferencesOnlyEngineAmongHubAssemblies()
    {
        var hubReferences = References(typeof(global::IntegrationHub.Cli.HubCommand).Assembly)
            .Where(name => name.StartsWith("IntegrationHub", StringComparison.Ordinal))
            .ToList();

        Assert.All(hubReferences, name => Assert.Equal("IntegrationHub.Engine", name));
    }

    [Fact]
    public void Cli_ReferencesNoInfrastructure()
    {
        var offending = References(typeof(global::IntegrationHub.Cli.HubCommand).Assembly)
            .Where(name => ForbiddenInEngine.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal)))
            .ToList();

        Assert.Empty(offending);
    }

    // Inside Engine the rules are between namespaces, so they are checked on the sources: which namespaces each folder names.
    [Theory]
    [InlineData("Documents", new string[] { })]
    [InlineData("Canonical", new string[] { })]
    [InlineData("Formats", new[] { "Documents", "Formats" })]
    [InlineData("Mapping", new[] { "Documents", "Canonical", "Mapping" })]
    [InlineData("Partners", new[] { "Documents", "Canonical", "Mapping", "Partners" })]
    public void EngineFolder_NamesOnlyTheNamespacesItMayDependOn(string folder, string[] allowed)
    {
        var root = Path.Combine(Support.RepositoryPaths.Root, "src", "IntegrationHub.Engine", folder);
        if (!Directory.Exists(root)) Assert.Skip($"src/IntegrationHub.Engine/{folder} does not exist yet.");
        var own = folder;
        var offending = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(file), @"IntegrationHub\.(\w+)")
                .Select(m => (File: Path.GetRelativePath(root, file), Namespace: m.Groups[1].Value)))
            .Where(use => use.Namespace != own && !allowed.Contains(use.Namespace))
            .Select(use => $"{folder}/{use.File} uses IntegrationHub.{use.Namespace}")
            .Distinct()
            .ToList();

        Assert.Empty(offending);
    }

    private static IEnumerable<string> References(Assembly assembly) =>
        assembly.GetReferencedAssemblies().Select(name => name.Name ?? string.Empty);
}
