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
}
