using IntegrationHub.Features.PurchaseOrders;
using IntegrationHub.Pipeline;
using Microsoft.Extensions.Configuration;

namespace IntegrationHub.Host.Tests.PurchaseOrders;

public sealed class PartnerSecretsTests
{
    private static PartnerSecrets Secrets(IConfiguration configuration) =>
        new(configuration, Microsoft.Extensions.Options.Options.Create(new PipelineOptions { SecretHashIterations = 10_000 }));

    private static IConfigurationRoot Configuration(string? secret) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Partners:acme:Secret"] = secret }).Build();

    [Fact]
    public void Matches_IsTrueOnlyForTheConfiguredSecret_WhenAsked()
    {
        using var secrets = Secrets(Configuration("correct horse"));

        Assert.True(secrets.Matches("Partners:acme:Secret", "correct horse"));
        Assert.True(secrets.Matches("Partners:acme:Secret", "correct horse")); // remembered
        Assert.False(secrets.Matches("Partners:acme:Secret", "correct horse "));
        Assert.False(secrets.Matches("Partners:acme:Secret", null));
        Assert.False(secrets.Matches("Partners:other:Secret", "correct horse"));
        Assert.False(secrets.Matches(null, "correct horse"));
    }

    [Fact]
    public void Matches_MatchesNothing_WhenTheSecretIsNotConfigured()
    {
        using var secrets = Secrets(Configuration(null));

        Assert.False(secrets.Matches("Partners:acme:Secret", ""));
        Assert.False(secrets.Matches("Partners:acme:Secret", "anything"));
    }

    [Fact]
    public async Task Matches_AgreesAcrossThreads_WhenManyRequestsPresentTheSecretAtOnce()
    {
        using var secrets = Secrets(Configuration("shared"));

        var results = await Task.WhenAll(Enumerable.Range(0, 32).Select(i => Task.Run(() => secrets.Matches("Partners:acme:Secret", i % 2 == 0 ? "shared" : "wrong"))));

        Assert.Equal(Enumerable.Range(0, 32).Select(i => i % 2 == 0), results);
    }

    [Fact]
    public void Matches_TakesTheNewSecret_WhenConfigurationIsReloaded()
    {
        var configuration = Configuration("old");
        using var secrets = Secrets(configuration);
        Assert.True(secrets.Matches("Partners:acme:Secret", "old"));

        configuration["Partners:acme:Secret"] = "new";
        configuration.Reload();

        Assert.False(secrets.Matches("Partners:acme:Secret", "old"));
        Assert.True(secrets.Matches("Partners:acme:Secret", "new"));
    }

    [Fact]
    public void Matches_SpendsADecoyRun_WhenTheNameIsUnknownOrNotConfigured()
    {
        using var secrets = Secrets(Configuration("correct horse"));

        Assert.False(secrets.Matches(null, "guess"));                    // an identity the caller did not find
        Assert.False(secrets.Matches("Partners:other:Secret", "guess")); // a name with no configured secret
        Assert.False(secrets.Matches(null, "guess"));                    // never remembered: each asks again

        Assert.Equal(3, secrets.DecoyRuns);
    }

    [Fact]
    public void Matches_SpendsNoDecoyRun_WhenTheNameIsKnown()
    {
        using var secrets = Secrets(Configuration("correct horse"));

        Assert.False(secrets.Matches("Partners:acme:Secret", "wrong"));
        Assert.True(secrets.Matches("Partners:acme:Secret", "correct horse"));
        Assert.False(secrets.Matches(null, null)); // nothing presented: nothing to compare

        Assert.Equal(0, secrets.DecoyRuns);
    }
}
