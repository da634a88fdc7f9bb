using System.Text.Json;
using IntegrationHub.Canonical;
using IntegrationHub.Support;

namespace IntegrationHub.Engine.Tests.Canonical;

public sealed class CanonicalJsonTests
{
    private static readonly Order SampleOrder = new()
    {
        OrderNumber = "PO-4711",
        OrderDate = new Moment(new DateOnly(2026, 11, 26), new TimeOnly(9, 30), TimeSpan.FromHours(-8)),
        Currency = "USD",
        RequestedDeliveryDate = new Moment(new DateOnly(2026, 12, 3)),
        Parties =
        [
            new Party { Role = PartyRole.Buyer, Name = "Acme Hospital", Identifiers = [new Identifier("duns", "123456789")] },
            new Party
            {
                Role = PartyRole.ShipTo,
                Name = "Acme Hospital, Receiving",
                Address = new Address { Street = ["1 Main St", "Dock 4"], City = "Springfield", Region = "IL", PostalCode = "62701", Country = "US" },
                Contacts = [new Contact { Name = "Pat Doe", Role = "receiving", Email = "receiving@acme.example" }],
            },
        ],
        Terms = new PaymentTerms { DiscountPercent = 2m, DiscountDays = 10, NetDays = 30 },
        References = [new Reference("punchoutSession", "ps-0001")],
        Totals = new DocumentTotals { Subtotal = new Money(60.50m, "USD") },
        Extrinsics = [new Extrinsic("CostCenter", "4100")],
        Lines =
        [
            new OrderLine
            {
                LineNumber = "1",
                Quantity = 10m,
                UnitOfMeasure = "BX",
                Item = new ItemDetail
                {
                    Ids = new ItemIds { SupplierPartId = "GLV-100", SupplierPartAuxiliaryId = "ps-0001/1", Gtin = "00012345678905" },
                    Description = "Nitrile gloves, box of 100",
                    Classifications = [new Classification("UNSPSC", "42132203")],
                    UnitPrice = new Money(6.05m, "USD"),
                },
            },
        ],
    };

    [Fact]
    public void Serialize_WritesTheDocumentedForm_ForAnOrder()
    {
        Golden.AssertMatches(Path.Combine(RepositoryPaths.Root, "tests", "IntegrationHub.Engine.Tests", "Canonical", "Samples", "order.json"),
            CanonicalJson.Serialize(SampleOrder));
    }

    [Fact]
    public void Deserialize_GivesBackTheSameText_WhenRoundTripped()
    {
        var json = CanonicalJson.Serialize(SampleOrder);

        Assert.Equal(json, CanonicalJson.Serialize(CanonicalJson.Deserialize<Order>(json)));
    }

    [Fact]
    public void ALineWithoutAnItem_SharesTheOneEmptyItem_WhichReadsAndWritesAsANewOne()
    {
        var first = new OrderLine { LineNumber = "1", Quantity = 1, UnitOfMeasure = "EA" };
        var second = new OrderLine { LineNumber = "2", Quantity = 2, UnitOfMeasure = "EA" };

        // Made once for every line, so that a line given its own item does not make and drop an empty one first.
        Assert.Same(first.Item, second.Item);
        Assert.Same(first.Item.Ids, new ItemDetail { Description = "x" }.Ids);
        Assert.Equal(new ItemDetail { Ids = new ItemIds() }, first.Item);
        var read = CanonicalJson.Deserialize<Order>(CanonicalJson.Serialize(SampleOrder with { Lines = [first] }));
        Assert.Equal(new ItemDetail(), read.Lines[0].Item);
        Assert.Equal(CanonicalJson.Serialize(SampleOrder with { Lines = [first with { Item = new ItemDetail { Ids = new ItemIds() } }] }),
            CanonicalJson.Serialize(SampleOrder with { Lines = [first] }));
    }

    [Fact]
    public void Serialize_KeepsTheScaleOfAmounts()
    {
        var json = CanonicalJson.Serialize(new Money(60.50m, "USD"));

        Assert.Contains("\"amount\": 60.50", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "orderNumber": "1", "currency": "USD", "colour": "red" }""", "colour")]
    [InlineData("""{ "currency": "USD" }""", "orderNumber")]
    [InlineData("""{ "orderNumber": "1", "currency": "USD", "type": 2 }""", "type")]
    [InlineData("""{ "orderNumber": "1", "currency": "USD", "orderDate": "26/11/2026" }""", "26/11/2026")]
    public void Deserialize_RefusesWithTheCulprit_WhenJsonIsNotAnOrder(string json, string culprit)
    {
        var error = Assert.ThrowsAny<JsonException>(() => CanonicalJson.Deserialize<Order>(json));

        Assert.Contains(culprit, error.Message, StringComparison.Ordinal);
    }
}
