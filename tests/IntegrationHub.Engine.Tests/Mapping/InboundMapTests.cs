using IntegrationHub.Canonical;
using IntegrationHub.Documents;
using IntegrationHub.Mapping;
using IntegrationHub.Support;

namespace IntegrationHub.Engine.Tests.Mapping;

public sealed class InboundMapTests
{
    private static readonly string Samples = Path.Combine(RepositoryPaths.Root, "tests", "IntegrationHub.Engine.Tests", "Mapping", "Samples");

    private static CodeListSet CodeLists()
    {
        var set = new CodeListSet();
        set.Add(new CodeList("x12/purpose", new Dictionary<string, string> { ["00"] = "new", ["01"] = "cancel", ["05"] = "change" }));
        set.Add(new CodeList("x12/entity", new Dictionary<string, string> { ["BY"] = "buyer", ["ST"] = "shipTo" }));
        set.Add(new CodeList("x12/id-qualifier", new Dictionary<string, string> { ["1"] = "duns", ["92"] = "buyerAssigned" }));
        set.Add(new CodeList("x12/uom", new Dictionary<string, string> { ["EA"] = "EA", ["CA"] = "CS" }));
        set.Add(new CodeList("x12/ref", new Dictionary<string, string> { ["DP"] = "department" }));
        return set;
    }

    private static InboundMap Map()
    {
        var errors = new List<MapError>();
        var map = MapCompiler.CompileInbound("order.map.yaml", File.ReadAllText(Path.Combine(Samples, "order.map.yaml")), CodeLists(), errors);
        Assert.Empty(errors);
        return map!;
    }

    private static DocumentNode Tree(string purpose = "00", string orderNumber = "PO-4711", string unit = "EA")
    {
        var set = new DocumentNode("ST");
        var beg = set.Add(new DocumentNode("BEG"));
        beg.Add("BEG01", purpose);
        beg.Add("BEG02", "SA");
        beg.Add("BEG03", orderNumber);
        beg.Add("BEG05", "20261126");
        foreach (var (qualifier, value) in new[] { ("DP", "42"), ("ZZ", "misc") })
        {
            var reference = set.Add(new DocumentNode("REF"));
            reference.Add("REF01", qualifier);
            reference.Add("REF02", value);
        }
        var buyer = set.Add(new DocumentNode("N1Loop")).Add(new DocumentNode("N1"));
        buyer.Add("N101", "BY");
        buyer.Add("N102", "Acme Hospital");
        buyer.Add("N103", "1");
        buyer.Add("N104", "123456789");
        var shipTo = set.Add(new DocumentNode("N1Loop"));
        var n1 = shipTo.Add(new DocumentNode("N1"));
        n1.Add("N101", "ST");
        n1.Add("N102", "Acme Receiving");
        var n3 = shipTo.Add(new DocumentNode("N3"));
        n3.Add("N301", "1 Main St");
        n3.Add("N302", "Dock 4");
        var n4 = shipTo.Add(new DocumentNode("N4"));
        n4.Add("N401", "Springfield");
        n4.Add("N404", "US");
        foreach (var (line, quantity, price, part) in new[] { ("1", "10", "6.05", "GLV-100"), ("2", "3", "12.50", "MSK-7") })
        {
            var po1 = set.Add(new DocumentNode("PO1Loop")).Add(new DocumentNode("PO1"));
            po1.Add("PO101", line);
            po1.Add("PO102", quantity);
            po1.Add("PO103", unit);
            po1.Add("PO104", price);
            po1.Add("PO106", "VP");
            po1.Add("PO107", part);
        }
        return set;
    }

    [Fact]
    public void Run_MakesTheExpectedOrder_FromAnX12ShapedTree()
    {
        var result = Map().Run<Order>(Tree());

        Assert.Empty(result.Diagnostics);
        Golden.AssertMatches(Path.Combine(Samples, "order.expected.json"), CanonicalJson.Serialize(result.Document));
    }

    [Fact]
    public void Run_ReportsTheRequiredField_WhenItsSourceIsEmpty()
    {
        var result = Map().Run<Order>(Tree(orderNumber: string.Empty));

        Assert.Null(result.Document);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("map.required.missing", diagnostic.Code);
        Assert.Contains("order.orderNumber", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("BEG/BEG03", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_PointsAtTheNode_WhenACodeIsNotInItsList()
    {
        var result = Map().Run<Order>(Tree(unit: "ZZ"));

        Assert.False(result.Succeeded);
        Assert.Equal(2, result.Diagnostics.Count);
        Assert.All(result.Diagnostics, d => Assert.Equal("map.code.unknown", d.Code));
        Assert.Equal("/ST/PO1Loop[2]/PO1/PO103", result.Diagnostics[1].Position.Path);
        Assert.Contains("order.lines[2].unitOfMeasure", result.Diagnostics[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_RefusesAValueOutsideTheEnum_WhenACodeListMeansSomethingTheModelLacks()
    {
        var lists = CodeLists();
        lists.Add(new CodeList("x12/purpose", new Dictionary<string, string> { ["00"] = "brand-new" }));
        var errors = new List<MapError>();
        var map = MapCompiler.CompileInbound("order.map.yaml", File.ReadAllText(Path.Combine(Samples, "order.map.yaml")), lists, errors)!;

        var result = map.Run<Order>(Tree());

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("map.value.not-allowed", diagnostic.Code);
        Assert.Contains("'brand-new' is not one of new, change, cancel", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_ReportsADiagnostic_WhenArithmeticOnTheDocumentOverflows()
    {
        var errors = new List<MapError>();
        var map = MapCompiler.CompileInbound("huge.map.yaml", """
            map: { format: x12, document: '850', direction: inbound, produces: order }
            fields:
              orderNumber: BEG/BEG03
              currency: "'USD'"
              totals:
                gross:
                  amount: multiply(BEG/BEG03, BEG/BEG03)
                  currency: "'USD'"
            """, CodeLists(), errors)!;
        Assert.Empty(errors);

        var result = map.Run<Order>(Tree(orderNumber: "79228162514264337593543950335"));

        Assert.Equal("map.value.out-of-range", Assert.Single(result.Diagnostics).Code);
        Assert.Null(result.Document);
    }

    [Fact]
    public void Run_NumbersAnEachBlocksElements_AmongTheEntriesOfItsList()
    {
        var errors = new List<MapError>();
        var map = MapCompiler.CompileInbound("refs.map.yaml", """
            map: { format: x12, document: '850', direction: inbound, produces: order }
            fields:
              orderNumber: BEG/BEG03
              currency: "'USD'"
              references:
                - kind: "'first'"
                  value: BEG/BEG01
                - each: REF
                  fields:
                    kind: "'ref'"
                    value: lookup(REF01, 'x12/ref')
            """, CodeLists(), errors)!;
        Assert.Empty(errors);

        var result = map.Run<Order>(Tree());

        // BEG01 is entry 1, REF*DP entry 2, REF*ZZ (not in the list) entry 3.
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Contains("order.references[3].value:", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_Refuses_WhenAskedForAnotherDocumentType() =>
        Assert.Throws<InvalidOperationException>(() => Map().Run<Invoice>(Tree()));

    // An absolute path's value is kept per tree and run: each line sees its own tree's root, never another run's.
    [Fact]
    public void Run_ReadsAnAbsolutePathFromEachLine_OfItsOwnTree()
    {
        var errors = new List<MapError>();
        var map = MapCompiler.CompileInbound("absolute.map.yaml", MapCompilerTests.Header + """
              orderNumber: BEG/BEG03
              currency: default(/CUR/CUR02, 'USD')
              lines:
                each: PO1Loop
                fields:
                  lineNumber: PO1/PO101
                  quantity: PO1/PO102
                  unitOfMeasure: PO1/PO103
                  item:
                    unitPrice:
                      amount: PO1/PO104
                      currency: default(CUR/CUR02, /CUR/CUR02, 'USD')
            """, CodeLists(), errors);
        Assert.Empty(errors);
        var euros = Tree();
        var cur = euros.Add(new DocumentNode("CUR"));
        cur.Add("CUR01", "BY");
        cur.Add("CUR02", "EUR");
        var lineCur = euros.Children.Last(c => c.Name == "PO1Loop").Add(new DocumentNode("CUR"));
        lineCur.Add("CUR01", "BY");
        lineCur.Add("CUR02", "CAD");

        var first = map!.Run<Order>(euros).Document!;
        var second = map.Run<Order>(Tree()).Document!;

        Assert.Equal("EUR", first.Currency);
        Assert.Equal(["EUR", "CAD"], first.Lines.Select(l => l.Item.UnitPrice!.Currency));
        Assert.Equal("USD", second.Currency);
        Assert.Equal(["USD", "USD"], second.Lines.Select(l => l.Item.UnitPrice!.Currency));
    }
}
