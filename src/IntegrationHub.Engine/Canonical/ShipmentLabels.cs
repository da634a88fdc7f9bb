namespace IntegrationHub.Canonical;

/// <summary>
/// SSCC-18 labels for the packages of a shipment that came without one. A package keeps a valid SSCC (see
/// <see cref="Sscc.IsValid"/>); any other package (no <c>sscc</c>, or the store's own carton reference in it) takes the
/// next label, in the order of <see cref="Shipment.Packages"/>, and every content and package that named the store's
/// reference (<c>packageSscc</c>, <c>parentSscc</c>) names the label instead.
/// </summary>
public static class ShipmentLabels
{
    /// <summary>How many labels <paramref name="shipment"/> needs.</summary>
    public static int Needed(Shipment shipment) => shipment.Packages.Count(p => !Sscc.IsValid(p.Sscc));

    /// <summary>The shipment with <paramref name="labels"/> (exactly <see cref="Needed"/> of them) on the packages that need one.</summary>
    public static Shipment Apply(Shipment shipment, IReadOnlyList<string> labels)
    {
        if (labels.Count != Needed(shipment))
            throw new ArgumentException($"The shipment needs {Needed(shipment)} labels, not {labels.Count}.", nameof(labels));
        if (labels.Count == 0) return shipment;
        var renamed = new Dictionary<string, string>(StringComparer.Ordinal);
        var next = 0;
        var packages = shipment.Packages.Select(package =>
        {
            if (Sscc.IsValid(package.Sscc)) return package;
            var label = labels[next++];
            if (package.Sscc is { Length: > 0 } reference) renamed.TryAdd(reference, label); // the first package with a reference owns it
            return package with { Sscc = label };
        }).ToList();
        string? Renamed(string? reference) => reference is not null && renamed.TryGetValue(reference, out var label) ? label : reference;
        return shipment with
        {
            Packages = [.. packages.Select(p => p with { ParentSscc = Renamed(p.ParentSscc) })],
            Contents = [.. shipment.Contents.Select(c => c with { PackageSscc = Renamed(c.PackageSscc) })],
        };
    }
}
