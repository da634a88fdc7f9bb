using IntegrationHub.Translation;
using IntegrationHub.Canonical;
using IntegrationHub.Documents;
using IntegrationHub.Mapping;

namespace IntegrationHub.Engine.Tests.Mapping;

public sealed class MapLibraryTests : IDisposable
{
    private const string DefaultMap = """
        map:
          format: x12
          document: '850'
          version: '004010'
          direction: inbound
          produces: order
        fields:
          orderNumber: BEG/BEG03
          currency: "'USD'"
          orderDate: date(BEG/BEG05, 'yyyyMMdd')
          totals:
            subtotal:
              amount: TDS/TDS01
              currency: "'USD'"
        """;

    private readonly string _root = Directory.CreateTempSubdirectory("integrationhub-maps-").FullName;

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private static DocumentNode Tree()
    {
        var set = new DocumentNode("ST");
        var beg = set.Add(new DocumentNode("BEG"));
        beg.Add("BEG03", "PO-1");
        beg.Add("BEG05", "20261126");
        beg.Add("BEG06", "CONTRACT-9");
        set.Add(new DocumentNode("TDS")).Add("TDS01", "12.00");
        return set;
    }

    private const string OutboundMap = """
        map:
          format: x12
          document: '855'
          version: '004010'
          direction: outbound
          consumes: orderAcknowledgment
        fields:
          BAK:
            BAK01: "'00'"
            BAK03: orderNumber
        """;

    [Fact]
    public void FindOutbound_PrefersThePartnersMap_WhenItExtendsTheDefault()
    {
        Write("defaults/x12/855-004010.outbound.map.yaml", OutboundMap);
        Write("partners/acme/maps/855-004010.outbound.map.yaml", "map:\n  extends: x12/855-004010.outbound\nfields:\n  BAK:\n    BAK01: \"'06'\"\n");

        var library = FormatSchemas.Load(_root);

        Assert.Empty(library.Errors);
        Assert.Equal(["partners/acme/855-004010.outbound", "x12/855-004010.outbound"], library.OutboundMaps.Keys.Order(StringComparer.Ordinal));
        Assert.Same(library.OutboundMaps["partners/acme/855-004010.outbound"], library.FindOutbound("x12", "855", "004010", "acme"));
        Assert.Same(library.OutboundMaps["x12/855-004010.outbound"], library.FindOutbound("x12", "855", "004010", "other"));
        Assert.Null(library.FindOutbound("x12", "855", "005010"));
    }

    [Fact]
    public void Load_ReportsOutboundMaps_WhenNoFormatSchemasAreGiven()
    {
        Write("defaults/x12/855-004010.outbound.map.yaml", OutboundMap);

        var library = MapLibrary.Load(_root);

        Assert.Empty(library.OutboundMaps);
        Assert.Contains("outbound maps are checked against the formats' schemas", Assert.Single(library.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Find_PrefersThePartnersMap_AndMergesItOverTheDefault()
    {
        Write("defaults/x12/850-004010.inbound.map.yaml", DefaultMap);
        Write("partners/acme/maps/850.inbound.map.yaml", """
            map:
              extends: x12/850-004010.inbound
              description: Acme bills in Canadian dollars, sends no order date, and names its contract in BEG06
            fields:
              currency: "'CAD'"
              orderDate: ~
              references:
                - kind: "'contract'"
                  value: BEG/BEG06
              totals:
                subtotal:
                  currency: "'CAD'"
            """);
        var library = FormatSchemas.Load(_root);

        var map = library.Find("x12", "850", "004010", MapDirection.Inbound, "acme")!;
        var order = map.Run<Order>(Tree()).Document!;

        Assert.Empty(library.Errors);
        Assert.Equal("CAD", order.Currency);
        Assert.Null(order.OrderDate);
        Assert.Equal(new Reference("contract", "CONTRACT-9"), Assert.Single(order.References));
        Assert.Equal(new Money(12.00m, "CAD"), order.Totals!.Subtotal);
        Assert.Equal("PO-1", order.OrderNumber);
    }

    [Fact]
    public void Find_GivesTheDefault_ToPartnersWithoutTheirOwn()
    {
        Write("defaults/x12/850-004010.inbound.map.yaml", DefaultMap);
        var library = FormatSchemas.Load(_root);

        var map = library.Find("x12", "850", "004010", MapDirection.Inbound, "someone-else")!;

        Assert.Equal("USD", map.Run<Order>(Tree()).Document!.Currency);
        Assert.Null(library.Find("x12", "810", "004010", MapDirection.Inbound));
    }

    [Fact]
    public void Find_GivesTheSameAnswers_WhenAskedAgain_AndBeyondWhatItKeeps()
    {
        Write("defaults/x12/850-004010.inbound.map.yaml", DefaultMap);
        var library = FormatSchemas.Load(_root);
        var map = library.Find("x12", "850", "004010", MapDirection.Inbound);

        // More distinct questions than the library keeps answers for (the versions come from the documents).
        for (var i = 0; i < 1500; i++) Assert.Null(library.Find("x12", "850", $"9{i:00000}", MapDirection.Inbound, "someone"));

        Assert.NotNull(map);
        Assert.Same(map, library.Find("x12", "850", "004010", MapDirection.Inbound));
        Assert.Same(map, library.Find("x12", "850", "004010", MapDirection.Inbound, "someone-else"));
        Assert.Null(library.Find("x12", "850", "004010", MapDirection.Outbound));
        Assert.Null(library.Find("x12", "850", "900001", MapDirection.Inbound, "someone"));
    }

    [Fact]
    public void Load_NamesTheCycle_WhenMapsExtendEachOther()
    {
        Write("partners/acme/maps/a.map.yaml", "map:\n  extends: partners/acme/b\nfields: {}\n");
        Write("partners/acme/maps/b.map.yaml", "map:\n  extends: partners/acme/a\nfields: {}\n");

        var library = FormatSchemas.Load(_root);

        Assert.Contains(library.Errors, e => e.Message.Contains("goes round in a circle: partners/acme/a → partners/acme/b → partners/acme/a", StringComparison.Ordinal));
        Assert.Empty(library.Maps);
    }

    [Fact]
    public void Load_SaysWhichBaseIsMissing_WithItsPosition()
    {
        Write("partners/acme/maps/850.inbound.map.yaml", "map:\n  extends: x12/850-009999.inbound\nfields: {}\n");

        var error = Assert.Single(FormatSchemas.Load(_root).Errors);

        Assert.Equal((Path.Combine("partners", "acme", "maps", "850.inbound.map.yaml"), 2, 12), (error.File, error.Line, error.Column));
        Assert.Contains("there is no map 'x12/850-009999.inbound' to extend", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SaysTheBaseFailedToCompileAndWhy_WhenItExistsButHasMistakes()
    {
        Write("defaults/x12/850-004010.inbound.map.yaml", DefaultMap.Replace("orderNumber: BEG/BEG03", "orderNumber: nosuch(BEG03)", StringComparison.Ordinal));
        Write("partners/acme/maps/850.inbound.map.yaml", "map:\n  extends: x12/850-004010.inbound\nfields: {}\n");

        var errors = MapLibrary.Load(_root).Errors;

        var error = Assert.Single(errors, e => e.File.StartsWith("partners", StringComparison.Ordinal));
        Assert.Contains("the map 'x12/850-004010.inbound' that this one extends failed to compile:", error.Message, StringComparison.Ordinal);
        Assert.Contains("there is no function 'nosuch'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Find_PrefersTheMapOfThatVersion_OverOneForAnyVersion()
    {
        Write("defaults/x12/0-any.inbound.map.yaml", DefaultMap.Replace("  version: '004010'\n", "", StringComparison.Ordinal).Replace("'USD'", "'EUR'", StringComparison.Ordinal));
        Write("defaults/x12/850-004010.inbound.map.yaml", DefaultMap);
        Write("partners/acme/maps/0-any.inbound.map.yaml", "map:\n  extends: x12/0-any.inbound\nfields:\n  currency: \"'GBP'\"\n");
        Write("partners/acme/maps/850.inbound.map.yaml", "map:\n  extends: x12/850-004010.inbound\nfields:\n  currency: \"'CAD'\"\n");
        var library = MapLibrary.Load(_root);
        Assert.Empty(library.Errors);

        Assert.Equal("USD", library.Find("x12", "850", "004010", MapDirection.Inbound)!.Run<Order>(Tree()).Document!.Currency);
        Assert.Equal("EUR", library.Find("x12", "850", "005010", MapDirection.Inbound)!.Run<Order>(Tree()).Document!.Currency);
        Assert.Equal("CAD", library.Find("x12", "850", "004010", MapDirection.Inbound, "acme")!.Run<Order>(Tree()).Document!.Currency);
        Assert.Equal("GBP", library.Find("x12", "850", "005010", MapDirection.Inbound, "acme")!.Run<Order>(Tree()).Document!.Currency);
    }

    [Fact]
    public void Load_RefusesHeaderFields_InAMapThatExtends()
    {
        Write("defaults/x12/850-004010.inbound.map.yaml", DefaultMap);
        Write("partners/acme/maps/850.inbound.map.yaml", "map:\n  extends: x12/850-004010.inbound\n  produces: invoice\nfields: {}\n");

        var error = Assert.Single(FormatSchemas.Load(_root).Errors);

        Assert.Contains("takes 'produces' from it", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_KeepsGoodMaps_WhenAnotherIsBroken()
    {
        Write("defaults/x12/850-004010.inbound.map.yaml", DefaultMap);
        Write("defaults/x12/810-004010.inbound.map.yaml", "map: [broken\n");

        var library = FormatSchemas.Load(_root);

        Assert.Single(library.Errors);
        Assert.Equal(["x12/850-004010.inbound"], library.Maps.Keys);
    }

    [Fact]
    public void FindFolder_FindsTheNearestMappingsFolder_FromBelowOrInside()
    {
        Directory.CreateDirectory(Path.Combine(_root, "mappings", "partners"));
        Directory.CreateDirectory(Path.Combine(_root, "src", "host"));

        Assert.Equal(Path.Combine(_root, "mappings"), MapLibrary.FindFolder(Path.Combine(_root, "src", "host")));
        Assert.Equal(Path.Combine(_root, "mappings"), MapLibrary.FindFolder(Path.Combine(_root, "mappings", "partners")));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
