using System.Globalization;
using IntegrationHub.Canonical;

namespace IntegrationHub.Engine.Tests.Canonical;

public sealed class MomentTests
{
    [Theory]
    [InlineData("2026-11-26")]
    [InlineData("2026-11-26T14:05:00")]
    [InlineData("2026-11-26T14:05:00-08:00")]
    [InlineData("2026-11-26T14:05:00+05:30")]
    [InlineData("2026-11-26T14:05:00Z")]
    [InlineData("2026-11-26T14:05:00.250Z")]
    public void ToString_GivesBackTheText_WhenParsed(string text)
    {
        Assert.True(Moment.TryParse(text, out var moment));

        Assert.Equal(text, moment.ToString());
    }

    [Fact]
    public void TryParse_KeepsWhatWasGivenAndNoMore_WhenOnlyADate()
    {
        Assert.True(Moment.TryParse("2026-02-28", out var moment));

        Assert.Equal(new DateOnly(2026, 2, 28), moment.Date);
        Assert.Null(moment.Time);
        Assert.Null(moment.Offset);
    }

    [Theory]
    [InlineData("")]
    [InlineData("20261126")]
    [InlineData("2026-02-30")]
    [InlineData("2026-11-26T25:00:00")]
    [InlineData("yesterday")]
    public void TryParse_Refuses_WhenNotIso8601(string text) =>
        Assert.False(Moment.TryParse(text, out _));

    // The usual forms are read by hand; each of these must give what the format parser gives (or refuse as it refuses).
    [Theory]
    [InlineData("2026-11-26")]
    [InlineData("2024-02-29")]
    [InlineData("2026-02-29")]
    [InlineData("2026-13-01")]
    [InlineData("2026-00-10")]
    [InlineData("2026-11-00")]
    [InlineData("0000-01-01")]
    [InlineData("0001-01-01")]
    [InlineData("9999-12-31")]
    [InlineData("2026-1a-26")]
    [InlineData("2026/11/26")]
    [InlineData("\u0662\u0660\u0662\u0666-11-26")]
    [InlineData("2026-11-26T10:14:00+01:00")]
    [InlineData("2026-11-26T23:59:59-13:59")]
    [InlineData("2026-11-26T00:00:00-00:00")]
    [InlineData("2026-11-26T24:00:00+01:00")]
    [InlineData("2026-11-26T10:60:00+01:00")]
    [InlineData("2026-11-26T10:14:60+01:00")]
    [InlineData("2026-11-26T10:14:00+14:00")]
    [InlineData("2026-11-26T10:14:00-14:00")]
    [InlineData("2026-11-26T10:14:00+14:01")]
    [InlineData("2026-11-26T10:14:00+15:00")]
    [InlineData("2026-11-26T10:14:00+01:60")]
    [InlineData("2026-11-26 10:14:00+01:00")]
    [InlineData("2026-11-26T10:14:00*01:00")]
    [InlineData("0001-01-01T00:00:00+01:00")]
    [InlineData("9999-12-31T23:59:59-01:00")]
    [InlineData("2026-11-26T10:14:00.5+01:00")]
    [InlineData("2026-11-26T10:14:00Z")]
    public void TryParse_GivesWhatTheFormatParserGives(string text)
    {
        var expected = Reference(text, out var expectedMoment);

        Assert.Equal(expected, Moment.TryParse(text, out var moment));
        Assert.Equal(expectedMoment, moment);
    }

    private static bool Reference(string text, out Moment moment)
    {
        moment = default;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            moment = new Moment(date);
            return true;
        }
        if (DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"],
                CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset))
        {
            moment = Moment.FromDateTimeOffset(withOffset);
            return true;
        }
        return false;
    }
}
