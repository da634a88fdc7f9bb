using IntegrationHub.Canonical;

namespace IntegrationHub.Engine.Tests.Canonical;

public sealed class ShipmentLabelsTests
{
    private const string Kept = "00106141411234567897";

    private static Shipment Shipment(params Package[] packages) => new()
    {
        ShipmentId = "S-1", ShipDate = new Moment(new DateOnly(2026, 12, 1)), Packages = packages,
        Contents =
        [
            new ShipmentLine { OrderNumber = "PO-1", LineNumber = "1", Quantity = 2, UnitOfMeasure = "EA", PackageSscc = "C1" },
            new ShipmentLine { OrderNumber = "PO-1", LineNumber = "2", Quantity = 1, UnitOfMeasure = "EA", PackageSscc = Kept },
            new ShipmentLine { OrderNumber = "PO-1", LineNumber = "3", Quantity = 1, UnitOfMeasure = "EA" },
        ],
    };

    [Fact]
    public void Apply_LabelsPackagesWithoutAValidSscc_AndRenamesWhatPointedAtThem()
    {
        var shipment = Shipment(new Package { Sscc = "PALLET-1" }, new Package { Sscc = "C1", ParentSscc = "PALLET-1" }, new Package { Sscc = Kept },
            new Package());
        string[] labels = [Sscc.Compose(0, "0614141", 1), Sscc.Compose(0, "0614141", 2), Sscc.Compose(0, "0614141", 3)];

        var labelled = ShipmentLabels.Apply(shipment, labels);

        Assert.Equal(3, ShipmentLabels.Needed(shipment));
        Assert.Equal([labels[0], labels[1], Kept, labels[2]], labelled.Packages.Select(p => p.Sscc));
        Assert.Equal(labels[0], labelled.Packages[1].ParentSscc);
        Assert.Equal([labels[1], Kept, null], labelled.Contents.Select(c => c.PackageSscc));
        Assert.Equal(0, ShipmentLabels.Needed(labelled));
    }

    [Fact]
    public void Apply_ChangesNothing_WhenEveryPackageHasAValidSscc()
    {
        var shipment = Shipment(new Package { Sscc = Kept });

        Assert.Same(shipment, ShipmentLabels.Apply(shipment, []));
    }

    [Fact]
    public void Apply_Refuses_WhenGivenTheWrongNumberOfLabels() =>
        Assert.Throws<ArgumentException>(() => ShipmentLabels.Apply(Shipment(new Package()), []));
}
