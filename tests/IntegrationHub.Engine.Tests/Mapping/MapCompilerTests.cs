using IntegrationHub.Mapping;

namespace IntegrationHub.Engine.Tests.Mapping;

public sealed class MapCompilerTests
{
    /// <summary>The header of an inbound 850 order map, up to its fields.</summary>
    internal const string Header = """
        map:
          format: x12
          document: '850'
          version: '004010'
          direction: inbound
          produces: order
        fields:

        """;

    private static List<MapError> Errors(string yaml)
    {
        var errors = new List<MapError>();
        var codeLists = new CodeListSet();
        codeLists.Add(new CodeList("uom/x12", new Dictionary<string, string> { ["EA"] = "EA" }));
        var map = MapCompiler.CompileInbound("test.map.yaml", yaml, codeLists, errors);
        if (errors.Count == 0) Assert.NotNull(map);
        else Assert.Null(map);
        return errors;
    }

    [Fact]
    public void Compile_Succeeds_WhenMapIsWellFormed() =>
        Assert.Empty(Errors(Header + """
              orderNumber: BEG/BEG03
              currency: default(CUR/CUR02, 'USD')
              orderDate: date(BEG/BEG05, 'yyyyMMdd')
              parties:
                each: N1Loop
                fields:
                  role: lookup(N1/N101, 'uom/x12')
                  address:
                    street:
                      - N3/N301
                      - N3/N302
              lines:
                each: PO1Loop
                fields:
                  lineNumber: PO1/PO101
                  quantity: PO1/PO102
                  unitOfMeasure: lookup(PO1/PO103, 'uom/x12')
            """));

    [Theory]
    [InlineData("  colour: BEG/BEG03\n", 8, 3, "'colour' is not a field of order")]
    [InlineData("  orderNumber: nosuch(BEG03)\n", 8, 16, "there is no function 'nosuch'")]
    [InlineData("  orderNumber: decimal(BEG03, BEG04)\n", 8, 16, "takes 1 argument, not 2")]
    [InlineData("  orderNumber: 'concat(BEG03'\n", 8, 29, "expected ',' or ')'")]
    [InlineData("  orderNumber: BEG//BEG03\n", 8, 20, "expected a name")]
    [InlineData("  currency: lookup(CUR02, 'currencies')\n", 8, 13, "there is no code list 'currencies'")]
    [InlineData("  lines: PO1Loop\n", 8, 10, "'lines' is a list; give 'each: <path>'")]
    [InlineData("  lines:\n    each: PO1Loop\n", 9, 5, "give 'fields:' beside 'each:'")]
    [InlineData("  lines:\n    each: PO1Loop\n    fields: {}\n    field: {}\n", 11, 5, "unexpected key 'field' beside 'each:'")]
    [InlineData("  totals: TDS/TDS01\n", 8, 11, "'totals' is an object")]
    [InlineData("  orderNumber:\n    value: BEG03\n", 9, 5, "'orderNumber' is a single value")]
    [InlineData("  lines:\n    each: PO1Loop\n    fields:\n      qty: PO102\n", 11, 7, "'qty' is not a field of lines")]
    [InlineData("  ? [a, b]\n  : BEG03\n", 8, 5, "a field name is a single word")]
    [InlineData("  orderNumber: join(concat(N9), ',')\n", 8, 16, "join: argument 1 must be a path")]
    [InlineData("  orderNumber: count('N9')\n", 8, 16, "count: argument 1 must be a path")]
    [InlineData("  orderNumber: sum(decimal(TDS01))\n", 8, 16, "sum: argument 1 must be a path")]
    [InlineData("  orderNumber: qualified(upper(PO1), 'VP', 6)\n", 8, 16, "qualified: argument 1 must be a path")]
    public void Compile_NamesLineColumnAndWhatWasExpected_WhenMapHasAMistake(string fields, int line, int column, string message)
    {
        var error = Assert.Single(Errors(Header + fields));

        Assert.Equal("test.map.yaml", error.File);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal((line, column), (error.Line, error.Column));
    }

    [Theory]
    [InlineData("map: [unclosed\n", "not valid YAML")]
    [InlineData("- just\n- a list\n", "a map is a mapping")]
    [InlineData("fields:\n  orderNumber: BEG03\n", "expected 'map:'")]
    [InlineData("map:\n  format: x12\n  document: '850'\n  direction: sideways\n  produces: order\nfields: {}\n", "direction is 'inbound' or 'outbound'")]
    [InlineData("map:\n  format: x12\n  document: '850'\n  direction: inbound\n  produces: pizza\nfields: {}\n", "'pizza' is not a canonical document")]
    [InlineData("map:\n  format: x12\n  document: '850'\n  direction: inbound\nfields: {}\n", "'map:' needs 'produces:'")]
    [InlineData("map:\n  format: x12\n  document: '850'\n  direction: inbound\n  produces: order\n", "expected 'fields:'")]
    [InlineData("", "the file is empty")]
    public void Compile_ExplainsTheShapeOfAMap_WhenTheFileIsNotOne(string yaml, string message) =>
        Assert.Contains(Errors(yaml), e => e.Message.Contains(message, StringComparison.Ordinal));

    [Fact]
    public void Compile_NamesTheFormatsThereAre_WhenTheFormatIsUnknown()
    {
        var error = Assert.Single(Errors("map:\n  format: edifact\n  document: ORDERS\n  direction: inbound\n  produces: order\nfields: {}\n"));

        Assert.Equal((2, 11), (error.Line, error.Column));
        Assert.Contains("'edifact' is not a format maps read; expected one of cxml, x12", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_RefusesCallsNestedTooDeeply_WithoutOverflowingTheStack()
    {
        var error = Assert.Single(Errors(Header + "  orderNumber: " + string.Concat(Enumerable.Repeat("concat(", 10_000)) + "A" + new string(')', 10_000) + "\n"));

        Assert.Contains("calls are nested deeper than 32", error.Message, StringComparison.Ordinal);
        Assert.Equal((8, 16 + (32 * 7)), (error.Line, error.Column)); // the 33rd call
    }

    [Fact]
    public void Compile_RefusesYamlNestedTooDeeply_WithoutOverflowingTheStack()
    {
        var error = Assert.Single(Errors(Header + "  orderNumber: " + new string('[', 100_000) + new string(']', 100_000) + "\n"));

        Assert.Contains("the YAML nests deeper than 64 levels", error.Message, StringComparison.Ordinal);
        Assert.Equal(8, error.Line);
        Assert.InRange(error.Column, 16 + 60, 16 + 64); // at the 65th list, as the YAML parser marks it
    }

    [Fact]
    public void Compile_ReportsEveryMistake_NotJustTheFirst() =>
        Assert.Equal(3, Errors(Header + "  colour: A\n  orderNumber: nosuch(B)\n  flavour: C\n").Count);
}
