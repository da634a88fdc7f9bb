using IntegrationHub.Verification;

namespace IntegrationHub.Engine.Tests.Verification;

public sealed class LineDiffTests
{
    [Fact]
    public void Render_ShowsChangedLinesWithContext()
    {
        var expected = "a\nb\nc\nd\ne\nf\ng\n";
        var actual = "a\nb\nc\nD\ne\nf\ng\n";

        Assert.Equal("  b\n  c\n- d\n+ D\n  e\n  f", LineDiff.Render(expected, actual));
    }

    [Fact]
    public void Render_MarksAGapBetweenDistantChanges() =>
        Assert.Equal("- 1\n+ one\n  2\n  3\n  …\n  7\n  8\n- 9\n+ nine", LineDiff.Render("1\n2\n3\n4\n5\n6\n7\n8\n9", "one\n2\n3\n4\n5\n6\n7\n8\nnine"));

    [Fact]
    public void Render_IsEmpty_WhenOnlyLineEndingsDiffer() =>
        Assert.Equal(string.Empty, LineDiff.Render("a\r\nb\r\n", "a\nb"));
}
