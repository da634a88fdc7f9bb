using IntegrationHub.Documents;
using IntegrationHub.Formats.Cxml;
using IntegrationHub.Formats.Oci;
using IntegrationHub.Formats.X12;
using IntegrationHub.Mapping;
using IntegrationHub.Partners;

namespace IntegrationHub.Translation;

/// <summary>The targets of outbound maps, by format: what <see cref="MapLibrary.Load"/> checks outbound maps against.</summary>
public static class FormatSchemas
{
    /// <summary>The formats this build writes from outbound maps.</summary>
    public static IReadOnlyList<string> Formats { get; } = ["cxml", "oci", "x12"];

    /// <summary>The schema of the document a map header names, or null when the hub cannot write it.</summary>
    public static TargetSchema? Find(MapHeader header) => header.Format switch
    {
        "x12" when header.Version is { } version => X12TreeWriter.Schema(header.Document, version),
        "cxml" => CxmlTreeWriter.Schema(header.Document),
        "oci" => OciTreeWriter.Schema(header.Document),
        _ => null,
    };

    /// <summary>Loads a mappings folder with outbound maps checked against these schemas.</summary>
    public static MapLibrary Load(string mappingsFolder) => MapLibrary.Load(mappingsFolder, Find);
}

/// <summary>The hub's side of an outbound envelope, given by the caller (no clock, no counters in the engine).</summary>
/// <param name="X12">For X12 maps: the hub's identity, the time and the control numbers.</param>
/// <param name="Cxml">For cXML maps: the payloadID, timestamp and the hub's credentials.</param>
/// <param name="Oci">For OCI maps: the buyer's login (HOOK_URL, ~TARGET, ~OkCode, its OCI version) the cart goes back to.</param>
public sealed record OutboundEnvelope(X12EnvelopeValues? X12 = null, CxmlEnvelopeValues? Cxml = null, OciLoginRequest? Oci = null);

/// <summary>What an outbound translation gave: the bytes to send (null when an error kept them from being made) and what was found.</summary>
public sealed record OutboundOutput(byte[]? Output, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool Succeeded => Output is not null && Diagnostics.All(d => d.Severity != Severity.Error);
}

/// <summary>
/// Turns a canonical document into the bytes a partner expects: the outbound map builds the format's tree, the format's
/// writer emits it with the partner's delimiters, version and identities and the caller's envelope values, and X12 output
/// is read back and validated against its spec before it is handed out.
/// </summary>
public static class OutboundTranslation
{
    /// <summary>Translates <paramref name="document"/> (of the map's canonical type) for <paramref name="partner"/>.</summary>
    /// <exception cref="ArgumentException">The envelope lacks the values for the map's format, or the format has no writer (a caller's bug).</exception>
    public static OutboundOutput Write(OutboundMap map, object document, Partner partner, OutboundEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(partner);
        ArgumentNullException.ThrowIfNull(envelope);
        var (tree, diagnostics) = map.Run(document);
        if (tree is null) return new OutboundOutput(null, diagnostics);
        return map.Header.Format switch
        {
            "x12" => X12(map, tree, partner, envelope.X12 ?? throw new ArgumentException("An X12 map needs X12 envelope values.", nameof(envelope)), diagnostics),
            "cxml" => Cxml(tree, partner, envelope.Cxml ?? throw new ArgumentException("A cXML map needs cXML envelope values.", nameof(envelope)), diagnostics),
            "oci" => Oci(tree, envelope.Oci ?? throw new ArgumentException("An OCI map needs the buyer's OCI login.", nameof(envelope)), diagnostics),
            _ => throw new ArgumentException($"No writer for format '{map.Header.Format}'.", nameof(map)),
        };
    }

    private static OutboundOutput X12(OutboundMap map, DocumentNode tree, Partner partner, X12EnvelopeValues envelope, IReadOnlyList<Diagnostic> found)
    {
        var environment = envelope.Test ? PartnerEnvironment.Test : PartnerEnvironment.Production;
        var identity = partner.X12.FirstOrDefault(i => i.Environment == environment) ?? (partner.X12.Count > 0 ? partner.X12[0] : null);
        if (identity is null)
            return new OutboundOutput(null, [.. found, Problem("translate.partner.no-x12-identity", $"Partner {partner.Id} has no X12 identity to address the interchange to.")]);
        var settings = partner.X12Settings ?? new X12Settings();
        var delimiters = new X12OutDelimiters(settings.ElementSeparator, settings.ComponentSeparator, settings.RepetitionSeparator, settings.SegmentTerminator);
        var receiver = new X12Receiver(identity.Qualifier, identity.Id, identity.ApplicationId ?? identity.Id);
        var (output, problems) = X12TreeWriter.Write(tree, map.Header.Document, map.Header.Version!, envelope, receiver, delimiters);
        if (output is null) return new OutboundOutput(null, [.. found, .. problems]);
        // What the hub sends it must be able to read: the interchange is read back and validated against the set's spec.
        var readBack = FormatTrees.ReadAll("x12", output).SelectMany(t => t.Diagnostics).ToList();
        return readBack.Any(d => d.Severity == Severity.Error)
            ? new OutboundOutput(null, [.. found, .. readBack])
            : new OutboundOutput(output, [.. found, .. readBack]);
    }

    private static OutboundOutput Cxml(DocumentNode tree, Partner partner, CxmlEnvelopeValues envelope, IReadOnlyList<Diagnostic> found)
    {
        var environment = envelope.DeploymentMode == "test" ? PartnerEnvironment.Test : PartnerEnvironment.Production;
        var identities = partner.Cxml.Where(i => i.Environment == environment).ToList();
        if (identities.Count == 0) identities = [.. partner.Cxml];
        if (identities.Count == 0)
            return new OutboundOutput(null, [.. found, Problem("translate.partner.no-cxml-identity", $"Partner {partner.Id} has no cXML identity to address the document to.")]);
        var to = identities.Select(i => new CxmlCredential(i.Domain, null, i.Identity, null, false)).ToList();
        var (output, problems) = CxmlTreeWriter.Write(tree, envelope, to);
        return new OutboundOutput(output, [.. found, .. problems]);
    }

    private static OutboundOutput Oci(DocumentNode tree, OciLoginRequest session, IReadOnlyList<Diagnostic> found)
    {
        if (string.IsNullOrEmpty(session.HookUrl))
            return new OutboundOutput(null, [.. found, Problem("translate.oci.no-hook-url", "The buyer's OCI login gave no HOOK_URL to return the cart to.")]);
        var (output, problems) = OciTreeWriter.Write(tree, session);
        return new OutboundOutput(output, [.. found, .. problems]);
    }

    private static Diagnostic Problem(string code, string message) => new(code, message, Severity.Error, Position.Unknown);
}
