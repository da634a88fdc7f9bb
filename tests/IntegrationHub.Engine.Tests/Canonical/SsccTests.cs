using IntegrationHub.Canonical;

namespace IntegrationHub.Engine.Tests.Canonical;

public sealed class SsccTests
{
    // Published examples: GS1's SSCC 1 0614141 123456789 7, GS1 Germany's 3 7610425 002123456 9, and the UPC-A 03600024145 7
    // (the same mod-10 rule over 11 digits).
    [Theory]
    [InlineData("10614141123456789", 7)]
    [InlineData("37610425002123456", 9)]
    [InlineData("03600024145", 7)]
    [InlineData("00000000000000000", 0)]
    public void CheckDigit_IsTheGs1Mod10Digit_ForKnownCodes(string digits, int expected) => Assert.Equal(expected, Sscc.CheckDigit(digits));

    [Fact]
    public void Compose_GivesTheKnownSscc_WhenGivenItsParts() =>
        Assert.Equal("00106141411234567897", Sscc.Compose(1, "0614141", 123456789));

    [Fact]
    public void Compose_PadsTheSerialReference_ToFillSeventeenDigits()
    {
        var sscc = Sscc.Compose(0, "123456789012", 42);

        Assert.Equal("00" + "0" + "123456789012" + "0042", sscc[..19]);
        Assert.True(Sscc.IsValid(sscc));
    }

    [Fact]
    public void Compose_Refuses_WhenTheSerialDoesNotFitThePrefix()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Sscc.Compose(0, "123456789012", 10_000));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sscc.Compose(10, "0614141", 1));
        Assert.Throws<ArgumentException>(() => Sscc.Compose(0, "12345", 1));
    }

    [Theory]
    [InlineData("106141411234567897", true)]
    [InlineData("00106141411234567897", true)]
    [InlineData("106141411234567898", false)] // wrong check digit
    [InlineData("01106141411234567897", false)] // 20 digits without the application identifier 00
    [InlineData("10614141123456789", false)]
    [InlineData("CARTON-1", false)]
    [InlineData(null, false)]
    public void IsValid_ChecksLengthAndCheckDigit(string? value, bool valid) => Assert.Equal(valid, Sscc.IsValid(value));

    [Fact]
    public void Capacity_IsWhatTheSerialDigitsHold() => Assert.Equal(1_000_000_000, Sscc.Capacity("0614141"));
}
