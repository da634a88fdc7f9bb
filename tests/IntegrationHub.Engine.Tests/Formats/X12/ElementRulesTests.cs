using System.Text;
using IntegrationHub.Formats.X12;

namespace IntegrationHub.Engine.Tests.Formats.X12;

/// <summary>
/// The byte checks of the validator's hot path against the checks on text they stand in for: for every element type,
/// length bound and code list, a value is valid on its bytes exactly when the text check finds nothing.
/// </summary>
public sealed class ElementRulesTests
{
    private static readonly X12Segment Segment = X12Samples.Units($"{X12Samples.Isa4010}IEA*0*000000001~").OfType<X12Interchange>().Single().Isa;

    private static readonly HashSet<string> UnitCodes = new(StringComparer.Ordinal) { "EA", "CA", "BX", "DZ", "PK", "LB", "KG", "FT", "YD", "RL", "PR", "CS" };

    public static TheoryData<string, int, int, string> Values()
    {
        var data = new TheoryData<string, int, int, string>();
        string[] texts = ["A", "AB", "ABCDEFGHIJ", "caf\u00e9", "\u00e9\u00e8", "TAB\tIN", "NUL\0", "\u001F", " ", "12 34", "\u00ff\u00fe\u00fd"];
        string[] numbers = ["0", "1", "-1", "12345", "-", "--1", "1.5", "1.", ".5", "1.2.3", "-0.25", "12a", "\u00b2", "1e5", "+1", "0000000000"];
        string[] dates = ["20240101", "20240229", "20230229", "20241301", "20240132", "240101", "000101", "2024010", "2024010A", "00000101", "99991231", "19000229"];
        string[] times = ["1200", "2359", "2400", "1260", "120000", "123059", "123060", "1230591", "12305912", "123", "123059123", "12a0"];
        foreach (var (type, min, max) in new[] { ("AN", 1, 10), ("AN", 2, 3), ("ID", 2, 2) })
            foreach (var value in texts.Concat(numbers)) data.Add(type, min, max, value);
        foreach (var (type, min, max) in new[] { ("N0", 1, 5), ("N2", 1, 9), ("R", 1, 4), ("R", 2, 10) })
            foreach (var value in numbers.Concat(texts)) data.Add(type, min, max, value);
        foreach (var (min, max) in new[] { (8, 8), (6, 6), (6, 8) })
            foreach (var value in dates) data.Add("DT", min, max, value);
        foreach (var (min, max) in new[] { (4, 4), (4, 8), (6, 6) })
            foreach (var value in times) data.Add("TM", min, max, value);
        return data;
    }

    [Theory]
    [MemberData(nameof(Values))]
    public void IsValid_AgreesWithTheTextCheck_ForEveryTypeAndLength(string type, int min, int max, string value)
    {
        var element = new ElementSpec("1", Usage.Optional, type, min, max);

        AssertAgrees(element, null, value);
    }

    [Theory]
    [InlineData("EA")]
    [InlineData("CS")]
    [InlineData("ea")]
    [InlineData("E")]
    [InlineData("EAX")]
    [InlineData("ZZ")]
    [InlineData("\u00e9A")]
    public void IsValid_AgreesWithTheTextCheck_ForAClosedAndAnOpenCodeList(string value)
    {
        foreach (var closed in new[] { true, false })
        {
            // A long list (a hash set inside) and a short one (a plain array).
            foreach (var codes in new[] { UnitCodes, new HashSet<string>(StringComparer.Ordinal) { "EA", "CS", "\u00e9A" } })
            {
                var element = new ElementSpec("355", Usage.Mandatory, "ID", 1, 3) { Codes = codes, CodesClosed = closed };
                AssertAgrees(element, new PackedCodes(codes), value);
            }
        }
    }

    [Fact]
    public void PackedCodes_FindsNothingItCouldNotPack_SoTheTextCheckDecides()
    {
        var codes = new PackedCodes(["LONGCODE1", "\u0100X", "OK"]);

        Assert.True(codes.Contains("OK"u8));
        Assert.False(codes.Contains("LONGCODE1"u8));
        Assert.False(codes.Contains([0x00, (byte)'X']));
        Assert.False(codes.Contains([]));
    }

    [Fact]
    public void NotePlan_HoldsExactlyWhenTheNoteFindsNothing_ForEveryCombinationOfPresentElements()
    {
        foreach (var kind in "PRCLE")
        {
            var note = new SyntaxNote(kind, [2, 4, 5]);
            var plan = new NotePlan(note);
            for (var combination = 0; combination < 8; combination++)
            {
                ulong present = 0;
                if ((combination & 1) != 0) present |= 1UL << 2;
                if ((combination & 2) != 0) present |= 1UL << 4;
                if ((combination & 4) != 0) present |= 1UL << 5;
                var count = int.PopCount(combination);
                var first = (combination & 1) != 0;
                var expected = kind switch
                {
                    'P' => count is 0 or 3,
                    'R' => count > 0,
                    'C' => !first || count == 3,
                    'L' => !first || count > 1,
                    _ => count <= 1,
                };
                Assert.True(expected == plan.Holds(present), $"{note} with elements {combination}");
            }
        }
    }

    [Fact]
    public void NotePlan_NeverHolds_WhenAPositionCannotBeABit()
    {
        Assert.False(new NotePlan(new SyntaxNote('E', [2, 64])).Holds(ulong.MaxValue));
        Assert.False(new NotePlan(new SyntaxNote('R', [3, 3])).Holds(ulong.MaxValue));
    }

    [Theory]
    [InlineData("utf-8", 20, new string[0])]
    [InlineData("utf-8", 31, new[] { "x12.element.too-long" })]
    [InlineData("iso-8859-1", 16, new[] { "x12.element.too-long" })]
    [InlineData("iso-8859-1", 7, new string[0])]
    public void Validate_CountsCharactersInTheReadersEncoding_NotBytes(string encoding, int umlauts, string[] expected)
    {
        // REF02 is AN 1/30; each U+00DC is two bytes in UTF-8, which read as two characters in Latin-1.
        var errors = ElementErrorsWithRef02(new string('\u00dc', umlauts), Encoding.UTF8, new X12ReadOptions { Encoding = Encoding.GetEncoding(encoding) });

        Assert.Equal(expected, errors);
    }

    [Theory]
    [InlineData("DP\u0007X", new[] { "x12.element.invalid-character" })]
    [InlineData("DPX", new string[0])]
    public void Validate_FindsAControlCharacterInATextElement(string ref02, string[] expected)
    {
        // Checked on the bytes first (the usual valid case), then as text: a control character must still be reported.
        var errors = ElementErrorsWithRef02(ref02, Encoding.Latin1, X12ReadOptions.Default);

        Assert.Equal(expected, errors);
    }

    /// <summary>The element findings of a small 850 whose REF02 is <paramref name="ref02"/>, written in <paramref name="written"/>.</summary>
    private static List<string> ElementErrorsWithRef02(string ref02, Encoding written, X12ReadOptions options)
    {
        var body = $"ST*850*0001~BEG*00*SA*PO1**20240101~REF*DP*{ref02}~PO1*1*1*EA*1~CTT*1~SE*6*0001~";
        var text = $"{X12Samples.Isa4010}GS*PO*A*B*20240101*1200*1*X*004010~{body}GE*1*1~IEA*1*000000001~";
        var set = new X12Reader(new MemoryStream(written.GetBytes(text)), options).Read().OfType<X12TransactionSet>().Single();
        return [.. new X12SetValidator(X12SpecLibrary.Embedded).Validate(set).Findings.Where(f => f.Level == X12Level.Element).Select(f => f.Code)];
    }

    private static void AssertAgrees(ElementSpec element, PackedCodes? codes, string value)
    {
        var findings = new List<X12Finding>();
        var context = new ElementContext(null, Segment, 1, "", findings);
        ElementRules.CheckValue(element, 1, 0, value, context);
        var valid = ElementRules.IsValid(element, codes, Encoding.Latin1.GetBytes(value), context);
        Assert.True(valid == (findings.Count == 0), $"{element.Type} {element.MinLength}/{element.MaxLength} '{value}': bytes say {valid}, text found {string.Join(", ", findings.Select(f => f.Code))}");
    }
}
