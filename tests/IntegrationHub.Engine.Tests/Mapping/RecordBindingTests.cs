using IntegrationHub.Canonical;
using IntegrationHub.Documents;
using IntegrationHub.Mapping;
using IntegrationHub.Support;
using IntegrationHub.Translation;
using IntegrationHub.Verification;

namespace IntegrationHub.Engine.Tests.Mapping;

/// <summary>Inbound maps make the canonical records directly; what they make is what reading the map's JSON makes.</summary>
public sealed class RecordBindingTests
{
    private static readonly string Folder = Path.Combine(RepositoryPaths.Root, "mappings");
    private static readonly Lazy<MapLibrary> Library = new(() => FormatSchemas.Load(Folder));

    public static TheoryData<string> InboundCases() =>
        [.. GoldenCases.Discover(Folder, Library.Value).Where(c => Library.Value.Maps.ContainsKey(c.MapId)).Select(c => c.ToString())];

    [Fact]
    public void EveryShippedInboundMap_BindsDirectly() =>
        Assert.All(Library.Value.Maps, pair => Assert.True(pair.Value.BindsDirectly, $"{pair.Key} goes through JSON"));

    [Theory]
    [MemberData(nameof(InboundCases))]
    public void Run_MakesWhatItsJsonMakes_ForEveryGoldenSample(string name)
    {
        var golden = GoldenCases.Discover(Folder, Library.Value).Single(c => c.ToString() == name);
        var map = Library.Value.Maps[golden.MapId];
        var tree = FormatTrees.Read(map.Header.Format, File.ReadAllBytes(golden.InputFile));
        if (tree.Tree is null) return; // the reader refused it: no map runs (its golden file says why)

        var (direct, directFindings) = map.Run(tree.Tree, throughJson: false);
        var (json, jsonFindings) = map.Run(tree.Tree, throughJson: true);

        Assert.Equal(jsonFindings.Select(d => d.ToString()), directFindings.Select(d => d.ToString()));
        Assert.Equal(json is null, direct is null);
        if (json is null) return;
        Assert.Equal(json.GetType(), direct!.GetType());
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(json, map.Produces, CanonicalJson.Options),
            System.Text.Json.JsonSerializer.Serialize(direct, map.Produces, CanonicalJson.Options));
    }

    private static InboundMap Compile(string fields)
    {
        var errors = new List<MapError>();
        var map = MapCompiler.CompileInbound("order.map.yaml", "map: { format: cxml, document: OrderRequest, direction: inbound, produces: order }\n" + fields, new CodeListSet(), errors);
        Assert.Empty(errors);
        return map!;
    }

    private static DocumentNode Header()
    {
        var root = new DocumentNode("OrderRequestHeader");
        root.Add("@orderID", "PO-1");
        return root;
    }

    [Fact]
    public void Run_KeepsPositionalDefaultsAndFractionsOfSeconds_AsTheJsonDoes()
    {
        const string yaml = """
            fields:
              orderNumber: "@orderID"
              currency: "'USD'"
              orderDate: timestamp(@orderDate)
              notes:
                - text: "'deliver to dock 4'"
              references:
                - kind: "'contract'"
                  value: "@contract"
            """;
        var map = Compile(yaml);
        var root = Header();
        root.Add("@orderDate", "2026-11-26T14:05:00.1234567-08:00");
        root.Add("@contract", "C-9");

        var order = Assert.IsType<Order>(map.Run(root).Document);

        Assert.True(map.BindsDirectly);
        Assert.Equal(new Note("deliver to dock 4"), Assert.Single(order.Notes)); // Kind keeps its default, general
        Assert.Equal(new Reference("contract", "C-9"), Assert.Single(order.References));
        Assert.Equal(new TimeOnly(14, 5, 0, 123), order.OrderDate!.Value.Time); // as its ISO 8601 text keeps it
        Assert.Equal(OrderType.New, order.Type);
        var viaJson = Assert.IsType<Order>(map.Run(root, throughJson: true).Document);
        Assert.Equal(viaJson.OrderDate, order.OrderDate);
        Assert.Equal(viaJson.Notes, order.Notes);
        Assert.Equal(viaJson.References, order.References);
    }

    [Fact]
    public void Run_LetsTheModelRefuseTheRecord_WhenTheMapLeavesARequiredFieldUnfilled()
    {
        const string yaml = """
            fields:
              orderNumber: "@orderID"
            """;
        var map = Compile(yaml);
        var root = Header();

        var (document, diagnostics) = map.Run(root);

        Assert.False(map.BindsDirectly);
        Assert.Null(document);
        var refused = Assert.Single(diagnostics);
        Assert.Equal("map.result.invalid", refused.Code);
        Assert.Contains("currency", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_HandsNumbersOverUnboxed_KeepingTheirScale_InConstructorsAndSetters()
    {
        const string yaml = """
            fields:
              orderNumber: "@orderID"
              currency: "'USD'"
              lines:
                - lineNumber: "'1'"
                  quantity: "@quantity"
                  unitOfMeasure: "'EA'"
                  item:
                    unitPrice:
                      amount: "@price"
                      currency: "'USD'"
                    priceBasis:
                      quantity: "@per"
                      unitOfMeasure: "'EA'"
                      conversionFactor: "@factor"
                  accounting:
                    - percent: "@percent"
            """;
        var map = Compile(yaml);
        var root = Header();
        root.Add("@quantity", "2.50");
        root.Add("@price", "10.000");
        root.Add("@per", "100");
        root.Add("@factor", "1.5");
        root.Add("@percent", "40.0");

        var order = Assert.IsType<Order>(map.Run(root).Document);

        Assert.True(map.BindsDirectly);
        var line = Assert.Single(order.Lines);
        Assert.Equal("2.50", line.Quantity.ToString(System.Globalization.CultureInfo.InvariantCulture)); // a setter
        Assert.Equal(new Money(10.000m, "USD"), line.Item.UnitPrice); // a constructor parameter
        Assert.Equal("10.000", line.Item.UnitPrice!.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(new PriceBasis(100m, "EA", 1.5m), line.Item.PriceBasis); // a decimal? constructor parameter
        Assert.Equal(40.0m, Assert.Single(line.Accounting).Percent); // a decimal? setter
        var viaJson = Assert.IsType<Order>(map.Run(root, throughJson: true).Document);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(viaJson, CanonicalJson.Options),
            System.Text.Json.JsonSerializer.Serialize(order, CanonicalJson.Options));
    }

    [Fact]
    public void Binder_TakesNumbersUnboxed_OnlyForDecimalFields()
    {
        var type = CanonicalJson.Options.GetTypeInfo(typeof(PriceBasis));
        string[] names = ["quantity", "unitOfMeasure", "conversionFactor"];
        var binder = new RecordBinder(type, [.. names.Select(n => new FieldRule(n, RemovedRule.Instance, false))]);

        Assert.True(binder.CanBind);
        Assert.Equal([true, false, true], Enumerable.Range(0, names.Length).Select(binder.TakesNumber));
        var made = binder.Build([RecordBinder.InNumbers, "KGM", RecordBinder.InNumbers], [12.50m, 0m, 0.5m]);
        Assert.Equal(new PriceBasis(12.50m, "KGM", 0.5m), made);
        Assert.Equal(new PriceBasis(3m, "EA"), binder.Build([3m, "EA", null])); // boxed values and defaults still bind
    }

    public enum Tone { Plain, Loud = 3 }

    // Every kind of constructor default a record may declare, each of which the compiled constructor takes as its own type.
    public sealed record Defaults(string Name, DateOnly Day = default, Tone Tone = Tone.Loud, int Count = 7, string Kind = "x", decimal? Share = null, decimal Rate = 1.5m);

    [Fact]
    public void Binder_GivesEachParameterItsDeclaredDefault_WhenItsFieldHasNoValue()
    {
        var options = new System.Text.Json.JsonSerializerOptions
        {
            TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
            PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase,
        };
        string[] names = ["name", "day", "tone", "count", "kind", "share", "rate"];
        var binder = new RecordBinder(options.GetTypeInfo(typeof(Defaults)), [.. names.Select(n => new FieldRule(n, RemovedRule.Instance, false))]);

        Assert.True(binder.CanBind);
        Assert.Equal(new Defaults("a"), binder.Build(["a", null, null, null, null, null, null]));
        var given = binder.Build(["b", new DateOnly(2026, 12, 3), Tone.Plain, 2, "y", RecordBinder.InNumbers, RecordBinder.InNumbers], [0m, 0m, 0m, 0m, 0m, 0.25m, 2m]);
        Assert.Equal(new Defaults("b", new DateOnly(2026, 12, 3), Tone.Plain, 2, "y", 0.25m, 2m), given);
    }
}
