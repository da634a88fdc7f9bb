namespace IntegrationHub.Formats.Cxml;

/// <summary>
/// A cXML document as read (or built): the lossless element tree plus the envelope in typed form
/// and, where the hub models the payload, a typed view of it in <see cref="Model"/>.
/// </summary>
public sealed class CxmlDocument
{
    internal CxmlDocument(CxmlElement root, string? systemId)
    {
        Root = root;
        SystemId = systemId;
        Timestamp = CxmlTimestamp.Parse(root.Attribute("timestamp"));
        var body = root.Element("Request") ?? root.Element("Message") ?? root.Element("Response");
        Kind = root.Name != "cXML" || body is null ? CxmlKind.Other : body.Name switch
        {
            "Request" => CxmlKind.Request,
            "Message" => CxmlKind.Message,
            _ => CxmlKind.Response,
        };
        Body = body;
        Payload = body?.Elements.FirstOrDefault(element => element.Name != "Status");
        var status = body?.Element("Status");
        if (status is not null)
        {
            Status = new CxmlStatus(
                int.TryParse(status.Attribute("code"), out var code) ? code : 0,
                status.Attribute("text") ?? string.Empty,
                status.InnerText.Trim(),
                status.Attribute("xml:lang"));
        }
        Header = ReadHeader(root.Element("Header"));
    }

    /// <summary>The whole document; the writer writes this tree.</summary>
    public CxmlElement Root { get; }

    /// <summary>The DOCTYPE's system identifier as received (a DTD URL), or null when there was none.</summary>
    public string? SystemId { get; }

    /// <summary>The payloadID; empty when absent.</summary>
    public string PayloadId => Root.Attribute("payloadID") ?? string.Empty;

    /// <summary>The timestamp, raw and understood.</summary>
    public CxmlTimestamp Timestamp { get; }

    /// <summary>The deprecated version attribute, or the version in the DOCTYPE URL, or null.</summary>
    public string? Version => Root.Attribute("version") ?? CxmlDtd.VersionOf(SystemId);

    /// <summary>The xml:lang of the envelope, or null.</summary>
    public string? Language => Root.Attribute("xml:lang");

    /// <summary>Request, Response, Message or Other.</summary>
    public CxmlKind Kind { get; }

    /// <summary>The Header, or null (a Response has none).</summary>
    public CxmlHeader? Header { get; }

    /// <summary>The Request, Message or Response element, or null.</summary>
    public CxmlElement? Body { get; }

    /// <summary>The payload element (OrderRequest, PunchOutOrderMessage, ProfileResponse …), or null.</summary>
    public CxmlElement? Payload { get; }

    /// <summary>The payload's element name, or the root's name for non-envelope documents.</summary>
    public string DocumentType => Payload?.Name ?? (Kind == CxmlKind.Other ? Root.Name : Body?.Name ?? Root.Name);

    /// <summary>The deploymentMode of a Request or Message: <c>production</c> (the default) or <c>test</c>.</summary>
    public string DeploymentMode => Body?.Attribute("deploymentMode") is { Length: > 0 } mode ? mode : "production";

    /// <summary>The Status of a Response (or of a Message that carries one), or null.</summary>
    public CxmlStatus? Status { get; }

    /// <summary>The typed view of the payload when the hub models it (see the Cxml*Request/Message records), else null.</summary>
    public object? Model { get; internal set; }

    private static CxmlHeader? ReadHeader(CxmlElement? header)
    {
        if (header is null) return null;
        var sender = header.Element("Sender");
        return new CxmlHeader(
            Credentials(header.Element("From")),
            Credentials(header.Element("To")),
            Credentials(sender),
            sender?.Element("UserAgent")?.InnerText.Trim() ?? string.Empty);
    }

    private static List<CxmlCredential> Credentials(CxmlElement? party) =>
        party?.ElementsNamed("Credential").Select(credential => new CxmlCredential(
            credential.Attribute("domain") ?? string.Empty,
            credential.Attribute("type"),
            credential.Element("Identity")?.InnerText.Trim() ?? string.Empty,
            credential.Element("SharedSecret")?.InnerText.Trim(),
            credential.Element("CredentialMac") is not null)).ToList() ?? [];
}
