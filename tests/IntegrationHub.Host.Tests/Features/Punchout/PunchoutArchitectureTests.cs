using System.Text.RegularExpressions;
using IntegrationHub.Host.Tests.Fixtures;

namespace IntegrationHub.Host.Tests.Features.Punchout;

public sealed partial class PunchoutArchitectureTests
{
    // DESIGN.md: Host features reach the formats only through the engine's Translation entry point.
    [Fact]
    public void PunchoutFeature_NamesNoFormatNamespace()
    {
        var folder = Path.Combine(HostProcess.RepositoryRoot, "src", "IntegrationHub.Host", "Features", "Punchout");
        var offending = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(file => FormatNamespace().IsMatch(File.ReadAllText(file)))
            .Select(file => Path.GetRelativePath(folder, file))
            .ToList();

        Assert.NotEmpty(Directory.EnumerateFiles(folder, "*.cs"));
        Assert.Empty(offending);
    }

    [GeneratedRegex(@"IntegrationHub\.Formats\b|\bFormats\.(Oci|Cxml|X12)\b")]
    private static partial Regex FormatNamespace();
}
