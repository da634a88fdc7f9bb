using System.Text.Json;
using IntegrationHub.Mapping;
using IntegrationHub.Support;

namespace IntegrationHub.Engine.Tests.Mapping;

public sealed class MapSchemasTests
{
    [Fact]
    public void SchemaFolder_IsCurrent_SoEditorsCheckWhatTheHubChecks()
    {
        var folder = Path.Combine(RepositoryPaths.Root, "mappings", "schema");
        var stale = MapSchemas.All()
            .Where(schema => !File.Exists(Path.Combine(folder, schema.Key)) || File.ReadAllText(Path.Combine(folder, schema.Key)).ReplaceLineEndings("\n") != schema.Value)
            .Select(schema => schema.Key)
            .ToList();

        Assert.True(stale.Count == 0, $"mappings/schema is stale ({string.Join(", ", stale)}); run `hub schema export`.");
    }

    [Fact]
    public void OrderMapSchema_NamesTheOrdersFields()
    {
        using var schema = JsonDocument.Parse(MapSchemas.All()["map.order.schema.json"]);
        var fields = schema.RootElement.GetProperty("properties").GetProperty("fields").GetProperty("properties");

        Assert.True(fields.TryGetProperty("orderNumber", out _));
        Assert.True(fields.GetProperty("lines").GetProperty("anyOf")[0].GetProperty("properties").GetProperty("fields").GetProperty("properties").TryGetProperty("quantity", out _));
        Assert.False(fields.TryGetProperty("colour", out _));
    }

    [Fact]
    public void MapSchema_ListsTheFormatsMapsRead()
    {
        using var schema = JsonDocument.Parse(MapSchemas.All()["map.order.schema.json"]);
        var format = schema.RootElement.GetProperty("properties").GetProperty("map").GetProperty("properties").GetProperty("format");

        Assert.Equal(["cxml", "x12"], format.GetProperty("enum").EnumerateArray().Select(v => v.GetString()));
    }
}
