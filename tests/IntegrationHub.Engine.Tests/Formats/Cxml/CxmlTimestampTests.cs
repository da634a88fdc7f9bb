namespace IntegrationHub.Formats.Cxml;

public sealed class CxmlTimestampTests
{
    [Theory]
    [InlineData("2008-01-07T09:14:50-08:00", "2008-01-07T17:14:50Z", true)]
    [InlineData("2026-11-26T10:15:00.125+01:00", "2026-11-26T09:15:00.125Z", true)]
    [InlineData("2018-01-01T00:00:00-0500", "2018-01-01T05:00:00Z", false)]
    [InlineData("2010-12-22T19:03:37Z", "2010-12-22T19:03:37Z", false)]
    [InlineData("2016-04-20T04:34:19", "2016-04-20T04:34:19Z", false)]
    [InlineData("2020-09-25 15:30:43", "2020-09-25T15:30:43Z", false)]
    [InlineData("Mon May 19 18:29:48 +0000 2008", "2008-05-19T18:29:48Z", false)]
    [InlineData("Wed Oct 08 03:59:32 UTC 2025", "2025-10-08T03:59:32Z", false)]
    [InlineData(" 2008-01-07T09:14:50-08:00 ", "2008-01-07T17:14:50Z", false)]
    public void Parse_ReadsTheInstant_WhenTimestampHasAFormSeenInTheWild(string raw, string utc, bool standard)
    {
        var timestamp = CxmlTimestamp.Parse(raw);

        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), timestamp.Value);
        Assert.Equal(standard, timestamp.IsStandard);
        Assert.Equal(raw, timestamp.Raw);
    }

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("2026-13-45T99:00:00")]
    public void Parse_KeepsRawWithoutValue_WhenTimestampIsUnreadable(string raw)
    {
        var timestamp = CxmlTimestamp.Parse(raw);

        Assert.Null(timestamp.Value);
        Assert.Equal(raw, timestamp.ToString());
    }

    [Fact]
    public void Format_WritesNumericOffsetNeverZ_WhenInstantIsUtc()
    {
        Assert.Equal("2026-11-26T09:15:00+00:00", CxmlTimestamp.Format(new DateTimeOffset(2026, 11, 26, 9, 15, 0, TimeSpan.Zero)));
        Assert.Equal("2026-11-26T10:15:00+01:00", CxmlTimestamp.Format(new DateTimeOffset(2026, 11, 26, 10, 15, 0, TimeSpan.FromHours(1))));
    }
}
