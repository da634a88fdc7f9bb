using System.Net;
using System.Text.Json;
using IntegrationHub.Host.Tests.Fixtures;

namespace IntegrationHub.Host.Tests.Pipeline;

/// <summary>Hot reload: a good edit is taken at once, a broken one is refused and the last good mappings stay.</summary>
public sealed class MappingsProviderTests(HubDatabaseFixture database) : IClassFixture<HubDatabaseFixture>, IDisposable
{
    private readonly MappingsCopy _copy = new();

    private string Mappings => _copy.Folder;

    [Fact]
    public async Task Reload_KeepsTheLastGoodMappings_WhenAnEditIsBroken_AndTakesTheFix()
    {
        if (database.Server.Unavailable is not null) Assert.Skip(database.Server.Unavailable);
        await using var app = new HubAppFactory(database.ConnectionString, new Dictionary<string, string?> { ["Hub:MappingsPath"] = Mappings });
        var client = app.CreateAdminClient();
        var before = await MappingsAsync(client);
        Assert.Empty(before.GetProperty("mistakes").EnumerateArray());
        var maps = before.GetProperty("maps").GetInt32();
        var map = Path.Combine(Mappings, "defaults", "x12", "850-004010.inbound.map.yaml");
        var good = await File.ReadAllTextAsync(map, TestContext.Current.CancellationToken);

        await File.WriteAllTextAsync(map, good.Replace("orderNumber: BEG/BEG03", "orderNumbr: BEG/BEG03", StringComparison.Ordinal), TestContext.Current.CancellationToken);
        Assert.True(await Http.EventuallyAsync(async () => (await MappingsAsync(client)).GetProperty("refusedReload").GetArrayLength() > 0, TimeSpan.FromSeconds(20)));
        var refused = await MappingsAsync(client);

        await File.WriteAllTextAsync(map, good.Replace("description: The default reading", "description: Still the default reading", StringComparison.Ordinal), TestContext.Current.CancellationToken);
        Assert.True(await Http.EventuallyAsync(async () => (await MappingsAsync(client)).GetProperty("reloads").GetInt32() >= 1, TimeSpan.FromSeconds(20)));
        var fixedUp = await MappingsAsync(client);

        Assert.Equal(maps, refused.GetProperty("maps").GetInt32());
        Assert.Equal(0, refused.GetProperty("reloads").GetInt32());
        Assert.Contains("850-004010.inbound.map.yaml:", refused.GetProperty("refusedReload")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("'orderNumbr' is not a field of order", refused.GetProperty("refusedReload")[0].GetString(), StringComparison.Ordinal);
        Assert.Empty(fixedUp.GetProperty("refusedReload").EnumerateArray());
        Assert.Equal(maps, fixedUp.GetProperty("maps").GetInt32());
    }

    public void Dispose() => _copy.Dispose();

    private static async Task<JsonElement> MappingsAsync(HttpClient client)
    {
        var (status, body) = await client.GetJsonAsync("/api/admin/status");
        Assert.Equal(HttpStatusCode.OK, status);
        return body.GetProperty("mappings");
    }
}
