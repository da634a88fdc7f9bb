using IntegrationHub.Canonical;
using IntegrationHub.Documents;
using IntegrationHub.Mapping;
using IntegrationHub.Mapping.Functions;

namespace IntegrationHub.Engine.Tests.Mapping.Functions;

public sealed class FunctionLibraryTests
{
    private static readonly CodeListSet CodeLists = Lists();

    private static DocumentNode Segment()
    {
        var po1 = new DocumentNode("PO1");
        po1.Add("PO101", "1");
        po1.Add("PO102", "12");
        po1.Add("PO103", "CA");
        po1.Add("PO104", "6.05");
        po1.Add("PO105", string.Empty);
        po1.Add("PO106", "BP");
        po1.Add("PO107", "VP"); // a buyer part number that happens to read like a qualifier
        po1.Add("PO108", "VP");
        po1.Add("PO109", "GLV-100");
        po1.Add("TDS01", "12345");
        po1.Add("DTM02", "20261126");
        po1.Add("DTM03", "0930");
        po1.Add("BAD", "twelve");
        po1.Add("SPACED", "  padded  ");
        var amounts = po1.Add(new DocumentNode("AMOUNTS"));
        foreach (var amount in new[] { "1.50", "2.25", "" }) amounts.Add("AMT02", amount);
        return po1;
    }

    private static CodeListSet Lists()
    {
        var set = new CodeListSet();
        set.Add(new CodeList("uom/x12", new Dictionary<string, string> { ["CA"] = "CS", ["EA"] = "EA", ["PC"] = "H87" }));
        return set;
    }

    private static (object? Value, List<Diagnostic> Diagnostics) Run(string expression, DocumentNode? node = null)
    {
        var parsed = ExpressionParser.Parse(expression, CodeLists, out var error, out _);
        Assert.True(parsed is not null, error);
        var diagnostics = new List<Diagnostic>();
        var context = new EvaluationContext(CodeLists, diagnostics) { Node = node ?? Segment() };
        context.Target.Enter("test");
        return (parsed.Evaluate(context), diagnostics);
    }

    // Plain numbers are read by hand; value and scale must be decimal.TryParse's with the map's number style, and the
    // rest must still be refused as it refuses them.
    [Theory]
    [InlineData("1065.00")]
    [InlineData("007")]
    [InlineData("-3.50")]
    [InlineData(".5")]
    [InlineData("5.")]
    [InlineData("-0")]
    [InlineData("-0.00")]
    [InlineData("999999999999999999")]
    [InlineData("1234567890123456789")]
    [InlineData("0.00000000000000001")]
    [InlineData("1,000")]
    [InlineData("+1")]
    [InlineData(" 1")]
    [InlineData("1e3")]
    [InlineData("-")]
    public void Number_GivesWhatDecimalParseGives(string text)
    {
        var diagnostics = new List<Diagnostic>();
        var context = new EvaluationContext(CodeLists, diagnostics) { Node = Segment() };
        context.Target.Enter("test");
        var parses = decimal.TryParse(text, FunctionLibrary.NumberStyle, System.Globalization.CultureInfo.InvariantCulture, out var expected);

        var number = FunctionLibrary.Number(context, text);

        Assert.Equal(parses, number.HasValue);
        if (parses) Assert.Equal(decimal.GetBits(expected), decimal.GetBits(number!.Value));
        Assert.Equal(parses, diagnostics.Count == 0);
    }

    [Theory]
    [InlineData("PO103", "CA")]
    [InlineData("'literal'", "literal")]
    [InlineData("'it''s'", "it's")]
    [InlineData("default(PO105, PO103)", "CA")]
    [InlineData("default(PO105, 'EA')", "EA")]
    [InlineData("concat(PO101, '-', PO103)", "1-CA")]
    [InlineData("concat(PO105, PO103)", "CA")]
    [InlineData("join(AMOUNTS/AMT02, '+')", "1.50+2.25")]
    [InlineData("upper(lower(PO103))", "CA")]
    [InlineData("lower(PO103)", "ca")]
    [InlineData("trim(SPACED)", "padded")]
    [InlineData("substring(DTM02, 1, 4)", "2026")]
    [InlineData("substring(DTM02, 7)", "26")]
    [InlineData("lookup(PO103, 'uom/x12')", "CS")]
    [InlineData("lookup('XX', 'uom/x12', 'EA')", "EA")]
    [InlineData("code('H87', 'uom/x12')", "PC")]
    [InlineData("if(equals(PO103, 'CA'), 'case', 'other')", "case")]
    [InlineData("if(present(PO105), 'set', 'unset')", "unset")]
    [InlineData("qualified(., 'VP', 6)", "GLV-100")]
    [InlineData("qualified(., 'BP', 6)", "VP")]
    public void Evaluate_GivesText(string expression, string expected)
    {
        var (value, diagnostics) = Run(expression);

        Assert.Equal(expected, value);
        Assert.Empty(diagnostics);
    }

    [Theory]
    [InlineData("decimal(PO104)", "6.05")]
    [InlineData("implied(TDS01, 2)", "123.45")]
    [InlineData("implied(PO104, 2)", "6.05")]
    [InlineData("integer(PO102)", "12")]
    [InlineData("multiply(PO102, PO104)", "72.60")]
    [InlineData("add(PO102, 0.5)", "12.5")]
    [InlineData("subtract(PO102, 2)", "10")]
    [InlineData("divide(PO102, 8)", "1.5")]
    [InlineData("round(divide(PO102, 7), 2)", "1.71")]
    [InlineData("sum(AMOUNTS/AMT02)", "3.75")]
    [InlineData("count(AMOUNTS/AMT02)", "3")]
    [InlineData("position()", "1")]
    public void Evaluate_GivesNumber(string expression, string expected)
    {
        var (value, diagnostics) = Run(expression);

        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Assert.IsType<decimal>(value));
        Assert.Empty(diagnostics);
    }

    [Fact]
    public void Qualified_IsAbsent_WhenNoPairHasTheQualifier() => Assert.Null(Run("qualified(., 'UP', 6)").Value);

    // PO106..PO115: VP ABC, BP VP (a buyer part that reads like a qualifier), VN XYZ, UP (no value), MG M>1 (components).
    private const string ReadPo1 = "PO1*1*2*EA*9.5**VP*ABC*BP*VP*VN*XYZ*UP**MG*M>1~\n";

    [Theory]
    [InlineData("VP", "6")]
    [InlineData("VP", "7")]
    [InlineData("VP", "8")]
    [InlineData("BP", "6")]
    [InlineData("VN", "6")]
    [InlineData("UP", "6")]
    [InlineData("MG", "6")]
    [InlineData("EA", "1")]
    [InlineData("EA", "3")]
    [InlineData("2", "0")]
    [InlineData("2", "-1")]
    [InlineData("1", "-2")]
    [InlineData("VP", "6.5")]
    [InlineData("VP", "15")]
    [InlineData("VP", "1000000000000")]
    [InlineData("", "4")]
    [InlineData("M>1", "14")]
    public void Qualified_GivesTheSame_OnAReadSegmentAsOnPlainElementNodes(string qualifier, string first)
    {
        var input = Formats.X12.X12Samples.Bytes(Formats.X12.X12Samples.Po4010.Replace("PO1*1*2*EA*9.5**VP*ABC~\n", ReadPo1, StringComparison.Ordinal));
        var read = IntegrationHub.Formats.X12.X12DocumentTree.Read(new MemoryStream(input), out _).Single().Tree;
        var plain = Formats.X12.ReferenceX12Tree.Read(input).Single();
        var expression = $"qualified(PO1Loop/PO1, '{qualifier}', {first})";

        var (onRead, readDiagnostics) = Run(expression, read);
        var (onPlain, plainDiagnostics) = Run(expression, plain);

        Assert.Equal(onPlain, onRead);
        Assert.Equal(plainDiagnostics, readDiagnostics);
    }

    // A line with two PO1s: the first has VN and BP, the second VP and an empty UP; PO1 (0) has a pair from element 1.
    private static DocumentNode TwoSegments()
    {
        var line = new DocumentNode("PO1Loop");
        foreach (var pairs in new[] { new[] { "VN", "N-1", "BP", "B-1" }, ["VP", "P-2", "UP", ""] })
        {
            var po1 = line.Add(new DocumentNode("PO1"));
            for (var i = 0; i < pairs.Length; i++) po1.Add($"PO1{i + 6:00}", pairs[i]);
        }
        return line;
    }

    // default() of qualified() calls over one path and first element is read in one walk (the parser joins them); its
    // value must be the first of the calls, each on its own, that has one.
    [Theory]
    [InlineData("qualified(PO1, 'VP', 6)", "qualified(PO1, 'VN', 6)")]
    [InlineData("qualified(PO1, 'VN', 6)", "qualified(PO1, 'VP', 6)")]
    [InlineData("qualified(PO1, 'UP', 6)", "qualified(PO1, 'BP', 6)", "qualified(PO1, 'VP', 6)")]
    [InlineData("qualified(PO1, 'XX', 6)", "qualified(PO1, 'UP', 6)")]
    [InlineData("qualified(PO1, 'VP', 7)", "qualified(PO1, 'VN', 6)")]
    [InlineData("qualified(PO1, 'XX', 6)", "'fallback'", "qualified(PO1, 'BP', 6)")]
    [InlineData("qualified(PO1, 'XX', 6)", "qualified(PO1, 'BP', PO106)")]
    [InlineData("qualified(PO1[PO106='VP'], 'VN', 6)", "qualified(PO1, 'VN', 6)")]
    public void Default_OfQualifiedCalls_GivesTheFirstCallWithAValue(params string[] calls)
    {
        var expected = calls.Select(call => Run(call, TwoSegments()).Value).FirstOrDefault(value => value is not null);

        var (value, diagnostics) = Run($"default({string.Join(", ", calls)})", TwoSegments());

        Assert.Equal(expected, value);
        Assert.Empty(diagnostics);
    }

    [Fact]
    public void Default_OfQualifiedCalls_OverOnePath_IsOneExpression_ThatAsksInTurn()
    {
        var parsed = ExpressionParser.Parse("default(qualified(PO1, 'VP', 6), qualified(PO1, 'VN', 6))", CodeLists, out var error, out _);

        Assert.True(parsed is not null, error);
        var joined = Assert.IsType<QualifiedExpression>(parsed);
        Assert.Equal(["VP", "VN"], joined.Qualifiers);
        Assert.Equal("default(qualified(PO1, 'VP', 6), qualified(PO1, 'VN', 6))", joined.ToString());
        Assert.Equal("P-2", Run(joined.ToString(), TwoSegments()).Value);
    }

    [Fact]
    public void Qualified_OnAReadSegment_PointsAProblemAtTheValueElement()
    {
        var input = Formats.X12.X12Samples.Bytes(Formats.X12.X12Samples.Po4010.Replace("PO1*1*2*EA*9.5**VP*ABC~\n", ReadPo1, StringComparison.Ordinal));
        var read = IntegrationHub.Formats.X12.X12DocumentTree.Read(new MemoryStream(input), out _).Single().Tree;

        var (_, diagnostics) = Run("decimal(qualified(PO1Loop/PO1, 'VN', 6))", read);

        var problem = Assert.Single(diagnostics);
        Assert.Equal("map.value.not-a-number", problem.Code);
        Assert.Equal("/850/PO1Loop/PO1/PO111", problem.Position.Path);
    }

    [Fact]
    public void HlParent_ReadsTheNearestEnclosingLevel_InAnHlHierarchy()
    {
        var set = new DocumentNode("856");
        DocumentNode Hl(string id, string parent, string level)
        {
            var loop = set.Add(new DocumentNode("HLLoop"));
            var hl = loop.Add(new DocumentNode("HL"));
            hl.Add("HL01", id);
            hl.Add("HL02", parent);
            hl.Add("HL03", level);
            return loop;
        }
        Hl("1", "", "S");
        Hl("2", "1", "O").Add(new DocumentNode("PRF")).Add("PRF01", "PO-4711");
        Hl("3", "2", "P").Add(new DocumentNode("MAN")).Add("MAN02", "00012345600000000017");
        var item = Hl("4", "3", "I");
        var expression = ExpressionParser.Parse("hlparent('O', 'PRF/PRF01')", CodeLists, out _, out _)!;
        var pack = ExpressionParser.Parse("hlparent('P', 'MAN/MAN02')", CodeLists, out _, out _)!;
        var none = ExpressionParser.Parse("hlparent('T', 'MAN/MAN02')", CodeLists, out _, out _)!;
        var context = new EvaluationContext(CodeLists, []) { Node = item };
        context.Target.Enter("test");

        Assert.Equal("PO-4711", expression.Evaluate(context));
        Assert.Equal("00012345600000000017", pack.Evaluate(context));
        Assert.Null(none.Evaluate(context));
    }

    [Fact]
    public void Divide_IsAbsent_WhenDividingByZero() => Assert.Null(Run("divide(PO102, 0)").Value);

    [Theory]
    [InlineData("date(DTM02, 'yyyyMMdd')", "2026-11-26")]
    [InlineData("datetime(DTM02, DTM03)", "2026-11-26T09:30:00")]
    [InlineData("datetime(DTM02, DTM03, '-08:00')", "2026-11-26T09:30:00-08:00")]
    [InlineData("datetime(DTM02, PO105)", "2026-11-26")]
    [InlineData("timestamp('2026-11-26T09:30:00-08:00')", "2026-11-26T09:30:00-08:00")]
    [InlineData("timestamp('2026-11-26')", "2026-11-26")]
    public void Evaluate_GivesMoment(string expression, string expected)
    {
        var (value, diagnostics) = Run(expression);

        Assert.Equal(expected, Assert.IsType<Moment>(value).ToString());
        Assert.Empty(diagnostics);
    }

    [Theory]
    [InlineData("decimal(BAD)", "map.value.not-a-number", "/BAD")]
    [InlineData("integer(PO104)", "map.value.not-an-integer", "/PO104")]
    [InlineData("date(BAD, 'yyyyMMdd')", "map.value.not-a-date", "/BAD")]
    [InlineData("datetime(DTM02, BAD)", "map.value.not-a-time", "/BAD")]
    [InlineData("timestamp(BAD)", "map.value.not-a-timestamp", "/BAD")]
    [InlineData("lookup(BAD, 'uom/x12')", "map.code.unknown", "/BAD")]
    public void Evaluate_ReportsWhereTheValueCameFrom_WhenItCannotBeConverted(string expression, string code, string source)
    {
        var (_, diagnostics) = Run(expression);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(code, diagnostic.Code);
        Assert.Equal(Severity.Error, diagnostic.Severity);
        Assert.EndsWith(source, diagnostic.Position.Path, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nosuch(PO101)", "there is no function 'nosuch'")]
    [InlineData("decimal(PO101, PO102)", "takes 1 argument, not 2")]
    [InlineData("default(PO101)", "takes at least 2 arguments, not 1")]
    [InlineData("date(DTM02, PO101)", "argument 2 must be a 'quoted' literal")]
    [InlineData("lookup(PO103, 'uom/none')", "there is no code list 'uom/none'")]
    [InlineData("concat(PO101 PO102)", "expected ',' or ')'")]
    [InlineData("'open", "not closed")]
    [InlineData("PO1[", "path 'PO1['")]
    public void Parse_SaysWhatIsWrong_WhenExpressionIsMalformed(string expression, string message)
    {
        Assert.Null(ExpressionParser.Parse(expression, CodeLists, out var error, out _));

        Assert.Contains(message, error, StringComparison.Ordinal);
    }
}
