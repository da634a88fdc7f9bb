using System.Text.RegularExpressions;
using IntegrationHub.Support;

namespace IntegrationHub.Engine.Tests.Mapping;

/// <summary>docs/mapping-language.md shows real files: each example marked with its file must stand in it, word for word.</summary>
public sealed partial class MappingLanguageDocTests
{
    public static TheoryData<string, string> Examples()
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "mapping-language.md")).ReplaceLineEndings("\n");
        var data = new TheoryData<string, string>();
        foreach (Match match in Example().Matches(doc)) data.Add(match.Groups["file"].Value, match.Groups["body"].Value);
        return data;
    }

    [Fact]
    public void Doc_HasExamples() => Assert.True(Examples().Count >= 8);

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_StandsInItsFile(string file, string body)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Root, file)).ReplaceLineEndings("\n");

        Assert.Contains(body, text, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"<!-- example: (?<file>[^ ]+) -->\n```yaml\n(?<body>.*?)```", RegexOptions.Singleline)]
    private static partial Regex Example();
}
