using System.Text;
using IntegrationHub.Formats.X12;
using Xunit;

namespace IntegrationHub.Engine.Tests.Formats.X12;

public sealed class PackedCodesTests
{
    [Theory]
    [InlineData(3)]
    [InlineData(9)]
    [InlineData(200)]
    public void Contains_FindsEveryCodeAndNoOther_WhenListIsShortOrLong(int count)
    {
        var codes = Enumerable.Range(0, count).Select(i => $"C{i}").Append("ZZZZZZZ").ToArray();
        var packed = new PackedCodes(codes);

        foreach (var code in codes) Assert.True(packed.Contains(Encoding.Latin1.GetBytes(code)), code);
        Assert.False(packed.Contains("C"u8));
        Assert.False(packed.Contains(Encoding.Latin1.GetBytes($"C{count}")));
        Assert.False(packed.Contains("ZZZZZZ"u8));
        Assert.False(packed.Contains(""u8));
        Assert.False(packed.Contains("ZZZZZZZZ"u8));
    }

    [Fact]
    public void Get_GivesOneNumberPerId_OnEveryThread()
    {
        var here = SegmentIds.Get("HL"u8, Encoding.Latin1, out var hl);
        SegmentIds.Get("SN1"u8, Encoding.Latin1, out var sn1);
        var there = 0;
        var thread = new Thread(() => SegmentIds.Get("HL"u8, Encoding.Latin1, out there));
        thread.Start();
        thread.Join();

        Assert.Equal("HL", here);
        Assert.True(hl >= 0);
        Assert.NotEqual(hl, sn1);
        Assert.Equal(hl, there);
        SegmentIds.Get("H\u0001"u8.ToArray(), Encoding.Latin1, out var odd);
        Assert.Equal(-1, odd);
    }
}
