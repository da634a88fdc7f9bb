namespace IntegrationHub.Formats.Cxml;

/// <summary>Which of the three envelope forms a cXML document has.</summary>
public enum CxmlKind
{
    /// <summary>The root is not cXML (an Index or Supplier document), or the envelope has no body.</summary>
    Other,

    /// <summary>A Header and a Request (answered synchronously with a Response).</summary>
    Request,

    /// <summary>A Response: a Status and an optional payload; no Header.</summary>
    Response,

    /// <summary>A Header and a one-way Message (a PunchOutOrderMessage, for example).</summary>
    Message,
}

/// <summary>
/// One credential of From, To or Sender. The shared secret is kept for authentication but never rendered:
/// <see cref="ToString"/> and <see cref="CxmlInspector"/> show it as redacted.
/// </summary>
/// <param name="Domain">The credential domain as sent (case varies in the wild: NetworkID, NetworkId, DUNS, duns).</param>
/// <param name="Type">The type attribute (<c>marketplace</c>) or null.</param>
/// <param name="Identity">The identity text, trimmed.</param>
/// <param name="SharedSecret">The shared secret, or null when none was sent. Never log it.</param>
/// <param name="HasCredentialMac">True when a CredentialMac was sent instead of a shared secret.</param>
public sealed record CxmlCredential(string Domain, string? Type, string Identity, string? SharedSecret, bool HasCredentialMac)
{
    /// <summary>True when the credential's domain is the given one, compared as buyers vary it (case-insensitively).</summary>
    public bool IsDomain(string domain) => string.Equals(Domain.Trim(), domain, StringComparison.OrdinalIgnoreCase);

    /// <summary>A rendering that is safe to log: the shared secret is replaced by a marker.</summary>
    public override string ToString() =>
        $"{Domain}:{Identity}{(Type is null ? "" : $" ({Type})")}{(SharedSecret is null ? "" : " secret=[redacted]")}{(HasCredentialMac ? " mac=[redacted]" : "")}";
}

/// <summary>The Header of a request or message: From, To and Sender (with its UserAgent).</summary>
public sealed record CxmlHeader(
    IReadOnlyList<CxmlCredential> From,
    IReadOnlyList<CxmlCredential> To,
    IReadOnlyList<CxmlCredential> Sender,
    string UserAgent)
{
    /// <summary>A rendering that is safe to log (no secrets).</summary>
    public override string ToString() =>
        $"From {string.Join(", ", From)}; To {string.Join(", ", To)}; Sender {string.Join(", ", Sender)} via \"{UserAgent}\"";
}

/// <summary>A cXML Status: the numeric code, its text, and the optional human detail in the body.</summary>
public sealed record CxmlStatus(int Code, string Text, string Detail, string? Language)
{
    /// <summary>True for 2xx codes.</summary>
    public bool IsSuccess => Code is >= 200 and < 300;
}
