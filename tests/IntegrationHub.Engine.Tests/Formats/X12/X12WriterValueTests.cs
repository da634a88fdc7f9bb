using System.Text;
using IntegrationHub.Formats.X12;

namespace IntegrationHub.Engine.Tests.Formats.X12;

/// <summary>
/// The writer copies short values character by character, eight at a time from eight characters on, and checks them
/// for delimiters the same two ways. These compare both with the plain definition, value by value, for every length
/// up to beyond the longest fast case, with the odd character at every position.
/// </summary>
public sealed class X12WriterValueTests
{
    private static X12OutInterchange Interchange(X12OutSegment segment) =>
        new("ZZ", "SUPPLIER", "ZZ", "BUYER", "240101", "1200", "00401", 42, false, "P", [],
            [new X12OutGroup("PO", "SUPPLIER", "BUYER", "20240101", "1200", "7", "004010", [new X12OutSet("850", "0001", [segment])])]);

    /// <summary>The bytes of REF02 as written, or null when the writer refused the interchange.</summary>
    private static byte[]? Written(string value, Encoding encoding)
    {
        using var output = new MemoryStream();
        var settings = new X12WriteSettings(X12Delimiters.Retail) { Encoding = encoding };
        var problems = new X12Writer(output, settings).Write(Interchange(X12OutSegment.Of("REF", "DP", value, "END")));
        if (problems.Count > 0) return null;
        var bytes = output.ToArray();
        byte[] before = [.. encoding.GetBytes("DP"), (byte)'*'];
        byte[] after = [(byte)'*', .. encoding.GetBytes("END"), (byte)'~'];
        var start = bytes.AsSpan().IndexOf(before) + before.Length;
        var end = bytes.AsSpan().LastIndexOf(after);
        return bytes[start..end];
    }

    public static TheoryData<string, char> Cases() => new()
    {
        { "iso-8859-1", '*' }, { "iso-8859-1", '~' }, { "iso-8859-1", '>' },
        { "iso-8859-1", '\u00dc' }, { "iso-8859-1", '\u0100' },
        { "utf-8", '\u00dc' }, { "utf-8", '\u20ac' }, { "utf-8", '>' },
        { "utf-16", 'Z' }, { "utf-16", '*' },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryLengthAndPosition_WritesTheEncodedValueOrRefusesADelimiter(string encodingName, char odd)
    {
        var encoding = Encoding.GetEncoding(encodingName);
        for (var length = 1; length <= 80; length++)
        {
            for (var at = 0; at < length; at++)
            {
                var value = string.Create(length, (at, odd), static (chars, state) =>
                {
                    for (var i = 0; i < chars.Length; i++) chars[i] = (char)('A' + (i % 26));
                    chars[state.at] = state.odd;
                });
                var written = Written(value, encoding);
                if (odd is '*' or '~' or '>') Assert.Null(written);
                else Assert.Equal(encoding.GetBytes(value), written);
            }
        }
    }

    [Fact]
    public void ElementsAndComponents_InListsArraysOrOtherCollections_AreWrittenAlike()
    {
        IReadOnlyList<IReadOnlyList<string>> asArrays = new IReadOnlyList<string>[] { new[] { "LB", "", "" }, new[] { "12345678901" }, new[] { "" } };
        IReadOnlyList<IReadOnlyList<string>> asLists = new List<IReadOnlyList<string>> { new List<string> { "LB", "", "" }, new List<string> { "12345678901" }, new List<string> { "" } };
        IReadOnlyList<IReadOnlyList<string>> asOther = [["LB", "", ""], ["12345678901"], [""]];
        IReadOnlyList<IReadOnlyList<string>> asQueries = Enumerable.Range(0, 3).Select(i => (IReadOnlyList<string>)asLists[i].ToArray().AsReadOnly()).ToList().AsReadOnly();

        var texts = new[] { asArrays, asLists, asOther, asQueries }.Select(elements =>
        {
            using var output = new MemoryStream();
            Assert.Empty(new X12Writer(output, new X12WriteSettings(X12Delimiters.Retail)).Write(Interchange(new X12OutSegment("MEA", elements))));
            return Encoding.Latin1.GetString(output.ToArray());
        }).ToList();

        Assert.Contains("~MEA*LB*12345678901~", texts[0], StringComparison.Ordinal);
        Assert.All(texts, text => Assert.Equal(texts[0], text));
    }

    [Fact]
    public void ADelimiterInALongComponent_IsRefused_WhateverTheCollection()
    {
        var value = new string('A', 20) + ">" + new string('B', 20);
        IReadOnlyList<IReadOnlyList<string>> asOther = [["X", value]];
        IReadOnlyList<IReadOnlyList<string>> asLists = new List<IReadOnlyList<string>> { new List<string> { "X", value } };

        foreach (var elements in new[] { asOther, asLists })
        {
            using var output = new MemoryStream();
            var problems = new X12Writer(output, new X12WriteSettings(X12Delimiters.Retail)).Write(Interchange(new X12OutSegment("MEA", elements)));
            Assert.Equal(("x12.write.delimiter-in-data", "ST*850*0001/MEA/MEA01"), (Assert.Single(problems).Code, problems[0].Position.Path));
            Assert.Equal(0, output.Length);
        }
    }
}
