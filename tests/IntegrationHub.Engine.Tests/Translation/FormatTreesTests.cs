using IntegrationHub.Documents;
using IntegrationHub.Translation;

namespace IntegrationHub.Engine.Tests.Translation;

public sealed class FormatTreesTests
{
    public static TheoryData<string> Formats() => [.. FormatTrees.Formats];

    [Theory]
    [MemberData(nameof(Formats))]
    public void ReadAll_HasAReader_ForEveryFormatMapsMayName(string format)
    {
        var trees = FormatTrees.ReadAll(format, "not a document"u8.ToArray());

        Assert.Contains(trees.SelectMany(t => t.Diagnostics), d => d.Severity == Severity.Error);
    }
}
