using System.Globalization;

namespace IntegrationHub.Formats.Cxml;

/// <summary>The quick decimal form gives exactly what decimal.Parse gives (value and scale), and leaves the rest to it.</summary>
public sealed class CxmlValuesTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("2")]
    [InlineData("007")]
    [InlineData("1065.00")]
    [InlineData("12.5")]
    [InlineData("-3.50")]
    [InlineData(".5")]
    [InlineData("5.")]
    [InlineData("999999999999999999")]
    [InlineData("0.00000000000000001")]
    [InlineData("-123456789012.345678")]
    public void TryPlainDecimal_GivesDecimalParsesValueAndScale_WhenFormIsPlain(string raw)
    {
        Assert.True(CxmlValues.TryPlainDecimal(raw, out var quick));

        var parsed = decimal.Parse(raw, NumberStyles.Number, CultureInfo.InvariantCulture);
        Assert.Equal(decimal.GetBits(parsed), decimal.GetBits(quick));
        Assert.Equal(parsed.ToString(CultureInfo.InvariantCulture), quick.ToString(CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData(".")]
    [InlineData("-0")]
    [InlineData("-0.00")]
    [InlineData("1.2.3")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("+1")]
    [InlineData("1,000")]
    [InlineData("1e3")]
    [InlineData("1234567890123456789")]
    [InlineData("１２")]
    public void TryPlainDecimal_LeavesItToDecimalParse_WhenFormIsNotPlain(string raw) =>
        Assert.False(CxmlValues.TryPlainDecimal(raw, out _));

    [Theory]
    [InlineData("1,000.50", "1000.50")]
    [InlineData(" 7 ", "7")]
    [InlineData("+1", "1")]
    [InlineData("-0", "0")]
    [InlineData("1234567890123456789.5", "1234567890123456789.5")]
    public void Decimal_StillReadsTheOtherForms_ThroughDecimalParse(string raw, string expected) =>
        Assert.Equal(expected, CxmlValues.Decimal(raw)?.ToString(CultureInfo.InvariantCulture));

    [Fact]
    public void Decimal_MatchesDecimalParse_OnGeneratedPlainNumbers()
    {
        var random = new Random(20261202);
        for (var index = 0; index < 20_000; index++)
        {
            var integer = random.NextInt64(0, 1_000_000_000_000);
            var fraction = random.Next(0, 7);
            var text = (random.Next(4) == 0 ? "-" : "") + integer.ToString(CultureInfo.InvariantCulture)
                + (fraction == 0 ? "" : "." + random.Next(0, 1_000_000).ToString(CultureInfo.InvariantCulture).PadLeft(fraction, '0')[..fraction]);
            var quick = CxmlValues.Decimal(text);
            var parsed = decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);
            Assert.True(quick.HasValue, text);
            Assert.Equal(decimal.GetBits(parsed), decimal.GetBits(quick.Value));
        }
    }
}
