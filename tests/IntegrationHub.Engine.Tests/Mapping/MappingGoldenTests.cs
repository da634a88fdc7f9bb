using IntegrationHub.Translation;
using IntegrationHub.Mapping;
using IntegrationHub.Support;
using IntegrationHub.Verification;

namespace IntegrationHub.Engine.Tests.Mapping;

/// <summary>Every golden sample of every map in mappings/: the suite runs what `hub mappings test` runs.</summary>
public sealed class MappingGoldenTests
{
    private static readonly string Folder = Path.Combine(RepositoryPaths.Root, "mappings");
    private static readonly Lazy<MapLibrary> Library = new(() => FormatSchemas.Load(Folder));

    public static TheoryData<string> Cases() => [.. GoldenCases.Discover(Folder, Library.Value).Select(c => c.ToString())];

    [Fact]
    public void Mappings_LoadWithoutMistakes() => Assert.Empty(Library.Value.Errors);

    [Fact]
    public void EveryMap_HasGoldenSamples()
    {
        var covered = GoldenCases.Discover(Folder, Library.Value).Select(c => c.MapId).ToHashSet();

        Assert.All(Library.Value.Maps.Keys.Concat(Library.Value.OutboundMaps.Keys), id => Assert.True(covered.Contains(id), $"{id} has no golden samples"));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void GoldenCase_GivesItsExpectedOutput(string name)
    {
        var golden = GoldenCases.Discover(Folder, Library.Value).Single(c => c.ToString() == name);

        var outcome = GoldenCases.Run(golden, Library.Value, IntegrationHub.Partners.PartnerRegistry.Load(Folder));

        Golden.AssertMatches(golden.ExpectedFile, outcome.Actual);
    }
}
