namespace IntegrationHub.Partners;

/// <summary>Which of a partner's systems an identity belongs to: documents from a test system never reach production stores.</summary>
public enum PartnerEnvironment
{
    Production,
    Test,
}

/// <summary>A trading partner, as <c>mappings/partners/ID/partner.yaml</c> describes it.</summary>
public sealed record Partner
{
    /// <summary>The folder name; lower-case letters, digits and dashes.</summary>
    public required string Id { get; init; }

    public required string Name { get; init; }

    public IReadOnlyList<X12Identity> X12 { get; init; } = [];

    public IReadOnlyList<CxmlIdentity> Cxml { get; init; } = [];

    public IReadOnlyList<OciIdentity> Oci { get; init; } = [];

    /// <summary>What the partner's X12 looks like and how it is acknowledged; null for a partner that sends no X12.</summary>
    public X12Settings? X12Settings { get; init; }

    /// <summary>Hosts the punchout may send carts back to (BrowserFormPost, HOOK_URL).</summary>
    public IReadOnlyList<string> ReturnUrlHosts { get; init; } = [];

    /// <summary>The form field a cXML punchout cart goes back in (<c>punchout.cartReturnField</c>): cXML-base64 unless the buyer wants cXML-urlencoded.</summary>
    public Formats.Cxml.CartReturnField CartReturnField { get; init; } = Formats.Cxml.CartReturnField.Base64;

    /// <summary>Where the hub sends documents to this partner, by protocol (<c>x12</c>, <c>cxml</c>).</summary>
    public IReadOnlyDictionary<string, string> Endpoints { get; init; } = new Dictionary<string, string>();

    /// <summary>The GS1 numbers the hub labels this partner's packages with (<c>sscc:</c>); null: the hub's configured default.</summary>
    public SsccSettings? Sscc { get; init; }

    /// <summary>The folder the partner's file is in.</summary>
    public string Folder { get; init; } = string.Empty;
}

/// <summary>How a partner appears in an X12 envelope: ISA05/06 (or ISA07/08) and GS02 (or GS03).</summary>
/// <param name="Qualifier">ISA05, such as <c>ZZ</c> or <c>01</c>.</param>
/// <param name="Id">ISA06, without its padding.</param>
/// <param name="ApplicationId">GS02; null to accept any.</param>
/// <param name="Environment">ISA15 P (production) or T (test).</param>
/// <param name="ApiKey">The name of the configuration key or environment variable that holds the key the partner presents when it posts X12 over
/// HTTP (X-Api-Key, or the password of Basic authentication); never the key. Null: the partner cannot post X12 over HTTP.</param>
public sealed record X12Identity(string Qualifier, string Id, string? ApplicationId, PartnerEnvironment Environment, string? ApiKey = null);

/// <summary>How a partner appears in a cXML header (From or Sender credential), and where its shared secret is.</summary>
/// <param name="Domain">Credential domain, such as <c>NetworkID</c> or <c>DUNS</c>; compared without regard to case.</param>
/// <param name="Identity">Credential identity.</param>
/// <param name="SharedSecret">The name of the configuration key or environment variable that holds the secret; never the secret.</param>
/// <param name="Environment">Which of the partner's systems this is.</param>
public sealed record CxmlIdentity(string Domain, string Identity, string? SharedSecret, PartnerEnvironment Environment);

/// <summary>How an OCI buyer logs in: its user name, and where its password is.</summary>
/// <param name="Username">The USERNAME login parameter.</param>
/// <param name="Password">The name of the configuration key or environment variable that holds the password; never the password.</param>
/// <param name="Environment">Which of the partner's systems this is.</param>
public sealed record OciIdentity(string Username, string? Password, PartnerEnvironment Environment);

/// <summary>A partner's X12 habits.</summary>
public sealed record X12Settings
{
    /// <summary>The version the hub writes to this partner, such as <c>004010</c>.</summary>
    public string Version { get; init; } = "004010";

    /// <summary>The acknowledgment the hub sends for this partner's sets: <c>997</c>, <c>999</c> or <c>none</c>.</summary>
    public string Acknowledgment { get; init; } = "997";

    /// <summary>When the hub sends a TA1: <c>requested</c> (ISA14 = 1), <c>always</c>, <c>errors</c> or <c>never</c>.</summary>
    public string InterchangeAcknowledgment { get; init; } = "requested";

    public char ElementSeparator { get; init; } = '*';

    public char ComponentSeparator { get; init; } = ':';

    public char RepetitionSeparator { get; init; } = '^';

    public char SegmentTerminator { get; init; } = '~';
}

/// <summary>Which GS1 company prefix and extension digit the SSCC-18 labels of a supplier's packages carry.</summary>
/// <param name="CompanyPrefix">The GS1 company prefix, 6 to 12 digits.</param>
/// <param name="ExtensionDigit">The extension digit, 0 to 9, that the supplier chose for these labels.</param>
public sealed record SsccSettings(string CompanyPrefix, int ExtensionDigit);
