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
        var hubReferences = References(typeof(Cli.HubCommand).Assembly)
            .Where(name => name.StartsWith("IntegrationHub", StringComparison.Ordinal))
            .ToList();

        Assert.All(hubReferences, name => Assert.Equal("IntegrationHub.Engine", name));
    }

    [Fact]
    public void Cli_ReferencesNoInfrastructure()
    {
        var offending = References(typeof(Cli.HubCommand).Assembly)
            .Where(name => ForbiddenInEngine.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal)))
            .ToList();

        Assert.Empty(offending);
    }

    private static IEnumerable<string> References(Assembly assembly) =>
        assembly.GetReferencedAssemblies().Select(name => name.Name ?? string.Empty);
}
