using IntegrationHub.Canonical;

namespace IntegrationHub.Mapping;

public enum MapDirection
{
    Inbound,
    Outbound,
}

/// <summary>What a map is for: which format, document and version it reads or writes, and which canonical document it produces.</summary>
public sealed record MapHeader(string Format, string Document, string? Version, MapDirection Direction, string Produces)
{
    /// <summary>Where in the document the map's paths start (for cXML, <c>Request/OrderRequest</c>); null for the top.</summary>
    public Documents.DocumentPath? Root { get; init; }

    /// <summary>
    /// The formats maps are written over, by the name map files use; <c>Translation.FormatTrees</c> reads each into trees (a
    /// test checks that it does). A map over any other format is a load error.
    /// </summary>
    public static IReadOnlyList<string> Formats { get; } = ["cxml", "x12"];

    /// <summary>The canonical documents a map may produce, by the name map files use.</summary>
    public static IReadOnlyDictionary<string, Type> CanonicalTypes { get; } = new Dictionary<string, Type>(StringComparer.Ordinal)
    {
        ["order"] = typeof(Order),
        ["orderChange"] = typeof(OrderChange),
        ["orderAcknowledgment"] = typeof(OrderAcknowledgment),
        ["shipment"] = typeof(Shipment),
        ["invoice"] = typeof(Invoice),
        ["punchoutSessionRequest"] = typeof(PunchoutSessionRequest),
        ["cart"] = typeof(Cart),
    };
}
