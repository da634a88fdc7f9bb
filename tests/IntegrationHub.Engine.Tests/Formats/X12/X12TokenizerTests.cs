using System.Text;
using IntegrationHub.Formats.X12;

namespace IntegrationHub.Engine.Tests.Formats.X12;

public sealed class X12TokenizerTests
{
    [Fact]
    public void TryRead_YieldsEachSegmentWithoutTerminatorOrLineBreak_WhenSegmentsEndWithNewlines()
    {
        var segments = X12Samples.Segments(X12Samples.Stream(X12Samples.Po4010));

        Assert.Equal(9, segments.Count);
        Assert.Equal("GS*PO*BUYER*SUPPLIER*20240101*1200*1*X*004010", segments[1]);
        Assert.Equal("IEA*1*000000001", segments[^1]);
    }

    [Fact]
    public void TryRead_GivesTheSameSegments_WhenTheStreamReturnsOneByteAtATime()
    {
        var whole = X12Samples.Segments(X12Samples.Stream(X12Samples.Po4010));
        var trickled = X12Samples.Segments(new OneByteStream(X12Samples.Bytes(X12Samples.Po4010)));

        Assert.Equal(whole, trickled);
    }

    [Fact]
    public void TryRead_KeepsMultiByteTerminatorsWhole_WhenTheStreamReturnsOneByteAtATime()
    {
        var text = X12Samples.Po4010.Replace("~", "\u2026", StringComparison.Ordinal);
        var bytes = Encoding.UTF8.GetBytes(text);

        var segments = X12Samples.Segments(new OneByteStream(bytes));

        Assert.Equal(9, segments.Count);
        Assert.Equal("PO1*1*2*EA*9.5**VP*ABC", segments[4]);
    }

    [Fact]
    public void TryRead_SkipsTheBom_WhenTheInputStartsWithOne()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(X12Samples.Bytes(X12Samples.Po4010)).ToArray();
        var tokenizer = new X12Tokenizer(new MemoryStream(bytes));

        Assert.True(tokenizer.TryRead(out var isa));
        Assert.True(isa.IsIsa);
        Assert.Equal(3, isa.Offset);
        Assert.Empty(tokenizer.Findings);
    }

    [Fact]
    public void TryRead_ReadsDelimitersByCounting_WhenTheIsaIsNotFixedWidth()
    {
        var text = X12Samples.Po4010.Replace("*BUYER          *", "*BUYER*", StringComparison.Ordinal).Replace("~", "!", StringComparison.Ordinal);
        var tokenizer = new X12Tokenizer(X12Samples.Stream(text));

        Assert.True(tokenizer.TryRead(out _));

        Assert.Equal((byte)'!', tokenizer.Delimiters!.Terminator.Single());
        Assert.Equal((byte)'>', tokenizer.Delimiters.Component);
        Assert.Contains(tokenizer.Findings, finding => finding.Code == "x12.isa.width");
    }

    [Theory]
    [InlineData("^", "00501", (byte)'^')]
    [InlineData("U", "00501", (byte)0)]
    [InlineData("^", "00401", (byte)0)]
    [InlineData("-", "00406", (byte)'-')]
    public void TryRead_UsesIsa11AsRepetitionSeparator_OnlyFrom00402AndWhenNotAlphanumeric(string isa11, string isa12, byte expected)
    {
        var text = X12Samples.Po4010.Replace("*U*00401*", $"*{isa11}*{isa12}*", StringComparison.Ordinal);
        var tokenizer = new X12Tokenizer(X12Samples.Stream(text));

        Assert.True(tokenizer.TryRead(out _));

        Assert.Equal(expected, tokenizer.Delimiters!.Repetition);
    }

    [Fact]
    public void TryRead_TakesTheByteAfterIsa15AsTerminator_WhenIsa16IsMissing()
    {
        var text = X12Samples.Po4010.Replace("*P*>~\n", "*P*~\n", StringComparison.Ordinal).Replace("~\n", "~\n", StringComparison.Ordinal);
        var tokenizer = new X12Tokenizer(X12Samples.Stream(text));

        Assert.True(tokenizer.TryRead(out _));

        Assert.Equal((byte)'~', tokenizer.Delimiters!.Terminator.Single());
        Assert.Equal(0, tokenizer.Delimiters.Component);
    }

    [Fact]
    public void TryRead_ReportsAndSkipsTheSegment_WhenItExceedsTheBound()
    {
        var text = X12Samples.Po4010.Replace("CTT*1~", "CTT*" + new string('9', 5000) + "~", StringComparison.Ordinal);
        var tokenizer = new X12Tokenizer(new OneByteStream(X12Samples.Bytes(text)), new X12ReadOptions { MaxSegmentLength = 1000 });
        var defects = new List<SegmentDefect>();

        while (tokenizer.TryRead(out var token)) defects.Add(token.Defect);

        Assert.Equal(9, defects.Count);
        Assert.Equal(SegmentDefect.TooLong, defects[5]);
        Assert.Contains(tokenizer.Findings, finding => finding.Code == "x12.segment.too-long" && finding.SegmentId == "CTT");
    }

    [Fact]
    public void TryRead_FlagsTheLastSegment_WhenTheInputIsTruncated()
    {
        var text = X12Samples.Po4010[..X12Samples.Po4010.IndexOf("CTT", StringComparison.Ordinal)] + "CTT*1";
        var tokenizer = new X12Tokenizer(X12Samples.Stream(text));
        var last = SegmentDefect.None;

        while (tokenizer.TryRead(out var token)) last = token.Defect;

        Assert.Equal(SegmentDefect.Unterminated, last);
    }

    [Fact]
    public void TryRead_YieldsNothing_WhenTheInputHoldsNoIsa()
    {
        var segments = X12Samples.Segments(X12Samples.Stream("hello, this is not EDI at all"));

        Assert.Empty(segments);
    }

    [Fact]
    public void TryRead_RemovesLineBreaks_WhenUnwrappingIsOn()
    {
        var wrapped = string.Concat(X12Samples.Po4010.Replace("\n", "", StringComparison.Ordinal).Chunk(80).Select(line => new string(line) + "\r\n"));

        var segments = X12Samples.Segments(X12Samples.Stream(wrapped), new X12ReadOptions { UnwrapLines = true });

        Assert.Equal(X12Samples.Segments(X12Samples.Stream(X12Samples.Po4010)), segments);
    }
}
