using IntegrationHub.Documents;
using IntegrationHub.Formats.Cxml.Specs;

namespace IntegrationHub.Formats.Cxml;

/// <summary>The envelope of an outbound cXML document: its id, time, parties and version, all given by the caller.</summary>
/// <param name="PayloadId">The payloadID (a retry reuses the first one).</param>
/// <param name="Timestamp">The timestamp, with its offset.</param>
/// <param name="From">The hub's own credentials (From).</param>
/// <param name="Sender">The Sender credentials, with the shared secret where the receiver asks for one.</param>
/// <param name="UserAgent">The Sender's UserAgent.</param>
/// <param name="DeploymentMode"><c>production</c> or <c>test</c>.</param>
/// <param name="Version">The cXML version in the DOCTYPE.</param>
/// <param name="Language">The envelope's xml:lang.</param>
public sealed record CxmlEnvelopeValues(string PayloadId, DateTimeOffset Timestamp, IReadOnlyList<CxmlCredential> From,
    IReadOnlyList<CxmlCredential> Sender, string UserAgent, string DeploymentMode = "production",
    string Version = CxmlDtd.DefaultVersion, string Language = "en-US");

/// <summary>
/// Writes a cXML payload built as a <see cref="DocumentNode"/> tree (elements by name, attributes as <c>@name</c>, an
/// element's own text as its value) inside a Request envelope (a Message for PunchOutOrderMessage), through the strict
/// writer: children in DTD order, the family's DOCTYPE. Also describes payloads for outbound maps as a <see cref="TargetSchema"/>.
/// </summary>
public static class CxmlTreeWriter
{
    private static readonly HashSet<string> Messages = new(StringComparer.Ordinal) { "PunchOutOrderMessage" };

    /// <summary>The targets an outbound map may fill below a payload element; null when the DTD has no such element.</summary>
    public static TargetSchema? Schema(string payload) => ChildOrder.IsKnown(payload) ? Element(payload) : null;

    /// <summary>Writes the payload in its envelope to <paramref name="to"/>; the output is null when a value cannot be carried by XML.</summary>
    public static (byte[]? Output, IReadOnlyList<Diagnostic> Diagnostics) Write(DocumentNode payload, CxmlEnvelopeValues envelope, IReadOnlyList<CxmlCredential> to)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(envelope);
        var diagnostics = new List<Diagnostic>();
        var element = Build(payload, diagnostics, "/cXML/" + (Messages.Contains(payload.Name) ? "Message" : "Request"));
        if (diagnostics.Count > 0) return (null, diagnostics);

        var root = new CxmlElement("cXML")
            .SetAttribute("payloadID", envelope.PayloadId)
            .SetAttribute("timestamp", CxmlTimestamp.Format(envelope.Timestamp))
            .SetAttribute("xml:lang", envelope.Language);
        var header = root.Add(new CxmlElement("Header"));
        header.Add(Party("From", envelope.From));
        header.Add(Party("To", to));
        var sender = header.Add(Party("Sender", envelope.Sender));
        sender.Add(new CxmlElement("UserAgent")).AddText(envelope.UserAgent);
        var body = root.Add(new CxmlElement(Messages.Contains(payload.Name) ? "Message" : "Request"));
        if (envelope.DeploymentMode != "production") body.SetAttribute("deploymentMode", envelope.DeploymentMode);
        body.Add(element);
        return (CxmlWriter.Write(new CxmlDocument(root, null), new CxmlWriterOptions { Version = envelope.Version }), []);
    }

    private static TargetSchema Element(string name)
    {
        var known = ChildOrder.IsKnown(name);
        TargetSchema? Child(string child) => child switch
        {
            "." => TargetSchema.Value("the text of " + name),
            _ when child.StartsWith('@') => TargetSchema.Value(child),
            _ when !known || ChildOrder.Rank(name, child) >= 0 => Element(child),
            _ => null,
        };
        return new TargetSchema(name, Child, known ? ["@attribute", ".", .. ChildOrder.Children(name)] : ["@attribute", "."]) { HoldsValue = true };
    }

    private static CxmlElement Build(DocumentNode node, List<Diagnostic> diagnostics, string parentPath)
    {
        var path = $"{parentPath}/{node.Name}";
        var element = new CxmlElement(node.Name);
        foreach (var attribute in node.Children.Where(c => c.Name.StartsWith('@')))
            element.SetAttribute(attribute.Name[1..], Checked(attribute.Value ?? string.Empty, $"{path}/{attribute.Name}", diagnostics));
        if (!string.IsNullOrEmpty(node.Value)) element.AddText(Checked(node.Value, path, diagnostics));
        foreach (var child in node.Children.Where(c => !c.Name.StartsWith('@'))) element.Add(Build(child, diagnostics, path));
        return element;
    }

    private static CxmlElement Party(string name, IEnumerable<CxmlCredential> credentials)
    {
        var party = new CxmlElement(name);
        foreach (var credential in credentials)
        {
            var element = party.Add(new CxmlElement("Credential")).SetAttribute("domain", credential.Domain);
            if (credential.Type is not null) element.SetAttribute("type", credential.Type);
            element.Add(new CxmlElement("Identity")).AddText(credential.Identity);
            if (credential.SharedSecret is not null) element.Add(new CxmlElement("SharedSecret")).AddText(credential.SharedSecret);
        }
        return party;
    }

    // XML 1.0 cannot carry most control characters, not even escaped: such a value is the document's problem, not a crash.
    private static string Checked(string value, string path, List<Diagnostic> diagnostics)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var bad = c < 0x20 && c is not ('\t' or '\n' or '\r') || c is '\uFFFE' or '\uFFFF'
                || char.IsHighSurrogate(c) && (i + 1 >= value.Length || !char.IsLowSurrogate(value[++i]))
                || char.IsLowSurrogate(c);
            if (!bad) continue;
            diagnostics.Add(new Diagnostic("cxml.write.invalid-character",
                $"The value holds U+{(int)c:X4}, which XML 1.0 cannot carry.", Severity.Error, new Position(-1, 0, 0, path)));
            break;
        }
        return value;
    }
}
