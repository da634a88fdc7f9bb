using IntegrationHub.Hosting;
using IntegrationHub.Pipeline;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Host.Tests.Pipeline;

/// <summary>The provider's state is one record: a reader never sees a new reload count with an old set, or the reverse.</summary>
public sealed class MappingsStateTests : IDisposable
{
    private readonly string _mappings = Directory.CreateTempSubdirectory("integrationhub-state-").FullName;

    [Fact]
    public async Task Reload_SwapsTheSetItsCountAndItsRefusedMistakesTogether()
    {
        var map = Path.Combine(_mappings, "defaults", "x12", "850-004010.inbound.map.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(map)!);
        const string good = "map: { format: x12, document: '850', version: '004010', direction: inbound, produces: order }\nfields:\n  orderNumber: BEG/BEG03\n  currency: \"'USD'\"\n";
        File.WriteAllText(map, good);
        using var provider = new MappingsProvider(Options.Create(new HubOptions { MappingsPath = _mappings }), new Environment(_mappings), TimeProvider.System,
            NullLogger<MappingsProvider>.Instance);
        await provider.StartAsync(TestContext.Current.CancellationToken);
        var first = provider.State;

        await File.WriteAllTextAsync(map, good.Replace("orderNumber", "orderNumbr", StringComparison.Ordinal), TestContext.Current.CancellationToken);
        Assert.False(provider.Reload());
        var refused = provider.State;
        File.WriteAllText(map, good);
        Assert.True(provider.Reload());
        var taken = provider.State;
        await provider.StopAsync(TestContext.Current.CancellationToken);

        Assert.Equal((0, 0), (first.Reloads, first.RefusedReload.Count));
        Assert.Same(first.Set, refused.Set);
        Assert.Equal(0, refused.Reloads);
        Assert.Contains("'orderNumbr' is not a field of order", Assert.Single(refused.RefusedReload).Message, StringComparison.Ordinal);
        Assert.NotSame(first.Set, taken.Set);
        Assert.Equal((1, 0), (taken.Reloads, taken.RefusedReload.Count));
        Assert.Same(taken.Set, provider.Current);
    }

    public void Dispose() => Directory.Delete(_mappings, recursive: true);

    private sealed class Environment(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Test";

        public string ApplicationName { get; set; } = "IntegrationHub.Host.Tests";

        public string ContentRootPath { get; set; } = root;

        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }
}
