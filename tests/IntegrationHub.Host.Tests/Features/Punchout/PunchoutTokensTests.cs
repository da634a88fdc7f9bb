using IntegrationHub.Features.Punchout;

namespace IntegrationHub.Host.Tests.Features.Punchout;

public sealed class PunchoutTokensTests
{
    [Theory]
    [InlineData("/punchout/s/abcDEF123_-/cart/add", "/punchout/s/[token]/cart/add")]
    [InlineData("/punchout/s/abcDEF123_-", "/punchout/s/[token]")]
    [InlineData("/oci/demo-buyer", "/oci/demo-buyer")]
    [InlineData("/punchout/start", "/punchout/start")]
    public void RedactPath_HidesTheSessionToken_WhenThePathCarriesOne(string path, string logged) =>
        Assert.Equal(logged, PunchoutTokens.RedactPath(path));

    [Fact]
    public void New_GivesDistinctUrlSafeTokens()
    {
        var tokens = Enumerable.Range(0, 100).Select(_ => PunchoutTokens.New()).ToList();

        Assert.Equal(100, tokens.Distinct(StringComparer.Ordinal).Count());
        Assert.All(tokens, token => Assert.Matches("^[A-Za-z0-9_-]{43}$", token));
    }
}
