using IntegrationHub.Documents;

namespace IntegrationHub.Engine.Tests.Documents;

public sealed class DocumentPathTests
{
    // An 850 laid out as the X12 format lays sets out: loops, segments, elements.
    private static DocumentNode Order()
    {
        var set = new DocumentNode("ST");
        var beg = set.Add(new DocumentNode("BEG"));
        beg.Add("BEG01", "00");
        beg.Add("BEG03", "PO-4711");
        foreach (var (qualifier, name) in new[] { ("BY", "Acme Hospital"), ("ST", "Acme Receiving") })
        {
            var loop = set.Add(new DocumentNode("N1Loop"));
            var n1 = loop.Add(new DocumentNode("N1"));
            n1.Add("N101", qualifier);
            n1.Add("N102", name);
        }
        foreach (var (quantity, part) in new[] { ("10", "GLV-100"), ("2", "MSK-7") })
        {
            var po1 = set.Add(new DocumentNode("PO1Loop")).Add(new DocumentNode("PO1"));
            po1.Add("PO102", quantity);
            po1.Add("PO107", part);
            po1.Add("PO108", string.Empty);
        }
        return set;
    }

    [Theory]
    [InlineData("BEG/BEG03", "PO-4711")]
    [InlineData("/BEG/BEG03", "PO-4711")]
    [InlineData("N1Loop[N1/N101='ST']/N1/N102", "Acme Receiving")]
    [InlineData("N1Loop[N1/N101!='ST']/N1/N102", "Acme Hospital")]
    [InlineData("PO1Loop[2]/PO1/PO107", "MSK-7")]
    [InlineData("PO1Loop/PO1/PO107", "GLV-100")]
    [InlineData("*/BEG01", "00")]
    public void Value_FindsTheValue_WhenPathMatches(string path, string expected) =>
        Assert.Equal(expected, DocumentPath.Parse(path).Value(Order()));

    [Theory]
    [InlineData("BEG/BEG99")]
    [InlineData("N1Loop[N1/N101='ZZ']/N1/N102")]
    [InlineData("PO1Loop[3]/PO1/PO107")]
    [InlineData("PO1Loop/PO1/PO108")]
    public void Value_IsNull_WhenNothingMatches(string path) =>
        Assert.Null(DocumentPath.Parse(path).Value(Order()));

    [Fact]
    public void Select_KeepsDocumentOrder_WhenManyMatch() =>
        Assert.Equal(["GLV-100", "MSK-7"], DocumentPath.Parse("PO1Loop/PO1/PO107").Select(Order()).Select(n => n.Value));

    [Fact]
    public void Select_FiltersOnAbsence_WithBang() =>
        Assert.Equal(2, DocumentPath.Parse("PO1Loop/PO1[!PO108]").Select(Order()).Count());

    [Fact]
    public void Select_FiltersOnPresence_WhenConditionHasNoValue() =>
        Assert.Empty(DocumentPath.Parse("PO1Loop/PO1[PO108]").Select(Order()));

    [Fact]
    public void Select_ClimbsToParent_WithDotDot()
    {
        var po107 = DocumentPath.Parse("PO1Loop[2]/PO1/PO107").First(Order())!;

        Assert.Equal("2", DocumentPath.Parse("../PO102").Value(po107));
        Assert.Equal("PO-4711", DocumentPath.Parse("/BEG/BEG03").Value(po107));
    }

    [Theory]
    [InlineData("", 1, "empty")]
    [InlineData("BEG//BEG03", 5, "expected a name")]
    [InlineData("N1Loop[N1/N101='ST'/N102", 20, "expected ']'")]
    [InlineData("N1Loop[N1/N101='ST]", 16, "not closed")]
    [InlineData("N1Loop[N1/N101=ST]", 16, "quoted value")]
    [InlineData("PO1Loop[0]", 9, "positions start at 1")]
    [InlineData("BEG/BEG03]", 10, "found ']'")]
    [InlineData("PO1[!PO108='x']", 11, "it takes no value")]
    [InlineData("PO1Loop[99999999999]", 9, "the position is too large")]
    public void TryParse_SaysWhatAndWhere_WhenPathIsMalformed(string text, int column, string message)
    {
        Assert.Null(DocumentPath.TryParse(text, out var error, out var at));

        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Equal(column, at);
    }

    [Theory]
    [InlineData(33, 10_000, "filters are nested deeper than 32")]
    [InlineData(1, 100_000, "a path has at most 64 steps")]
    public void TryParse_RefusesAHostilePath_WithoutOverflowingTheStack(int depthOrSteps, int repeat, string message)
    {
        var text = depthOrSteps == 1
            ? string.Join('/', Enumerable.Repeat("A", repeat))
            : string.Concat(Enumerable.Repeat("A[", repeat)) + "B" + new string(']', repeat);

        Assert.Null(DocumentPath.TryParse(text, out var error, out var column));

        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Equal(depthOrSteps == 1 ? 129 : 66, column); // the step or the filter that goes too far
    }

    [Fact]
    public void Path_NamesPositionsAmongSiblings()
    {
        var node = DocumentPath.Parse("PO1Loop[2]/PO1/PO107").First(Order())!;

        Assert.Equal("/ST/PO1Loop[2]/PO1/PO107", node.Path);
    }
}
