using IntegrationHub.Mapping;
using IntegrationHub.Support;

namespace IntegrationHub.Engine.Tests.Mapping;

public sealed class CodeListTests
{
    [Fact]
    public void Load_ReadsEveryCodeListInMappings_WithoutErrors()
    {
        var errors = new List<MapError>();

        var lists = CodeListSet.Load(Path.Combine(RepositoryPaths.Root, "mappings", "codelists"), errors);

        Assert.Empty(errors);
        Assert.Contains("x12/entity-identifier", lists.Names);
        Assert.Equal("H87", lists.Find("uom/x12")!.Codes["PC"]);
    }

    [Fact]
    public void Reverse_TakesTheFirstCodeListedForAMeaning()
    {
        var errors = new List<MapError>();

        var list = CodeListSet.Parse("x12/purpose", "purpose.yaml", "codes:\n  '00': new\n  '06': new\n", errors)!;

        Assert.Equal("00", list.Reverse["new"]);
    }

    [Theory]
    [InlineData("codes:\n  EA: EA\n  EA: H87\n", 3, 3, "Duplicate key EA")]
    [InlineData("units:\n  EA: EA\n", 1, 1, "expected a mapping with 'codes:'")]
    [InlineData("codes:\n  EA: [EA]\n", 2, 3, "expected 'CODE: meaning'")]
    [InlineData("codes: {EA: EA\n", 2, 1, "not valid YAML")]
    public void Parse_SaysWhereAndWhat_WhenTheFileIsWrong(string yaml, int line, int column, string message)
    {
        var errors = new List<MapError>();

        CodeListSet.Parse("test", "test.yaml", yaml, errors);

        var error = Assert.Single(errors);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal((line, column), (error.Line, error.Column));
    }
}
