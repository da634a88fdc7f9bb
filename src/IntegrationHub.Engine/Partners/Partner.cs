namespace IntegrationHub.Partners;

/// <summary>Which of a partner's systems an identity belongs to: documents from a test system never reach production stores.</summary>
public enum PartnerEnvironment
{
    Production,
    Test,
}

/// <summary>What a partner is to the supplier (<c>partner.role</c>).</summary>
public enum PartnerRole
{
    /// <summary>Orders from the supplier: the hub sends it acknowledgments, ship notices and invoices.</summary>
    Buyer,

    /// <summary>Ships or bills the supplier's orders on its behalf (a 3PL warehouse, a drop-ship vendor): the hub receives its 856/810/855 or cXML.</summary>
    Vendor,
}

/// <summary>A trading partner, as <c>mappings/partners/ID/partner.yaml</c> describes it.</summary>
public sealed record Partner
{
    /// <summary>The folder name; lower-case letters, digits and dashes.</summary>
    public required string Id { get; init; }

    public required string Name { get; init; }

    public PartnerRole Role { get; init; } = PartnerRole.Buyer;

    /// <summary>
    /// A buyer's <c>forward:</c> list: which documents a vendor sends about this buyer's orders the hub passes on to it in
    /// its own format (<see cref="ForwardShipments"/>, <see cref="ForwardInvoices"/>, <see cref="ForwardAcknowledgments"/>); empty: the
    /// supplier's stores get them and the buyer nothing.
    /// </summary>
    public IReadOnlyList<string> Forward { get; init; } = [];

    public const string ForwardShipments = "shipments", ForwardInvoices = "invoices", ForwardAcknowledgments = "acknowledgments";

    public IReadOnlyList<X12Identity> X12 { get; init; } = [];

    public IReadOnlyList<CxmlIdentity> Cxml { get; init; } = [];

    public IReadOnlyList<OciIdentity> Oci { get; init; } = [];

    /// <summary>What the partner's X12 looks like and how it is acknowledged; null for a partner that sends no X12.</summary>
    public X12Settings? X12Settings { get; init; }

    /// <summary>Hosts the punchout may send carts back to (BrowserFormPost, HOOK_URL).</summary>
    public IReadOnlyList<string> ReturnUrlHosts { get; init; } = [];

    /// <summary>The form field a cXML punchout cart goes back in (<c>punchout.cartReturnField</c>): cXML-base64 unless the buyer wants cXML-urlencoded.</summary>
    public Formats.Cxml.CartReturnField CartReturnField { get; init; } = Formats.Cxml.CartReturnField.Base64;

    /// <summary>
    /// The hub's own credential (From and Sender) in the PunchOutOrderMessages it returns to this buyer (<c>punchout.cartCredential</c>),
    /// for buyers that check it, such as Coupa; null: the hub's configured default.
    /// </summary>
    public HubCredential? CartCredential { get; init; }

    /// <summary>Where the buyer's setup request names its contract (<c>punchout.contract</c>); null: the buyer names none.</summary>
    public ContractSource? Contract { get; init; }

    /// <summary>Where the hub sends documents to this partner, by protocol (<c>x12</c>, <c>cxml</c>).</summary>
    public IReadOnlyDictionary<string, string> Endpoints { get; init; } = new Dictionary<string, string>();

    /// <summary>How the hub authenticates when it posts to an endpoint, by protocol; a protocol not named posts without credentials.</summary>
    public IReadOnlyDictionary<string, EndpointCredentials> EndpointCredentials { get; init; } = new Dictionary<string, EndpointCredentials>();

    /// <summary>The GS1 numbers the hub labels this partner's packages with (<c>sscc:</c>); null: the hub's configured default.</summary>
    public SsccSettings? Sscc { get; init; }

    /// <summary>
    /// How many cXML requests this partner may send to <c>POST /cxml</c> per minute and hub process (<c>limits.cxmlRequestsPerMinute</c>);
    /// null: the hub's configured default. Past it the hub answers a cXML Status 560 with Retry-After, which buyers retry.
    /// </summary>
    public int? CxmlRequestsPerMinute { get; init; }

    public const int MaxCxmlRequestsPerMinute = 10_000_000;

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

/// <summary>A credential the hub presents as itself: a cXML domain and identity, without a secret.</summary>
public sealed record HubCredential(string Domain, string Identity);

/// <summary>
/// Where a buyer's punchout setup names its contract (the price list the hub uses before the buyer's general one).
/// </summary>
/// <param name="Extrinsic">cXML: the name of the PunchOutSetupRequest Extrinsic that holds the contract id.</param>
/// <param name="OciParameter">OCI: the name of the login parameter that holds it.</param>
public sealed record ContractSource(string? Extrinsic, string? OciParameter);

/// <summary>How an OCI buyer logs in: its user name, and where its password is.</summary>
/// <param name="Username">The USERNAME login parameter.</param>
/// <param name="Password">The name of the configuration key or environment variable that holds the password; never the password.</param>
/// <param name="Environment">Which of the partner's systems this is.</param>
public sealed record OciIdentity(string Username, string? Password, PartnerEnvironment Environment);

/// <summary>How the hub authenticates to a partner's endpoint: Basic (a user and a password) or an API key in a header.</summary>
/// <param name="Scheme"><c>basic</c> or <c>apiKey</c>.</param>
/// <param name="Secret">The name of the configuration key or environment variable that holds the password or key; never the secret.</param>
/// <param name="User">The Basic user name (basic only).</param>
/// <param name="Header">The header the key goes in (apiKey only); <c>X-Api-Key</c> unless named.</param>
public sealed record EndpointCredentials(string Scheme, string Secret, string? User = null, string Header = "X-Api-Key")
{
    public const string Basic = "basic", ApiKey = "apiKey";
}

/// <summary>What the hub does with a GS06 or ST02 the sender used before (<c>x12.duplicateGroups</c>, <c>x12.duplicateSets</c>).</summary>
public enum DuplicatePolicy
{
    /// <summary>Not checked (the sender reuses its numbers).</summary>
    Ignore,

    /// <summary>Accepted, with a warning diagnostic on the message for an engineer.</summary>
    Flag,

    /// <summary>Rejected in the 997/999 (AK905 19 for a 005010 group, AK502 23 for a set) and not translated.</summary>
    Reject,
}

/// <summary>A partner's X12 habits.</summary>
public sealed record X12Settings
{
    /// <summary>The version the hub writes to this partner, such as <c>004010</c>.</summary>
    public string Version { get; init; } = "004010";

    /// <summary>The acknowledgment the hub sends for this partner's sets: <c>997</c>, <c>999</c> or <c>none</c>.</summary>
    public string Acknowledgment { get; init; } = "997";

    /// <summary>When the hub sends a TA1: <c>requested</c> (ISA14 = 1), <c>always</c>, <c>errors</c> or <c>never</c>.</summary>
    public string InterchangeAcknowledgment { get; init; } = "requested";

    /// <summary>A group control number (GS06) the sender used before: flagged unless the partner file says otherwise.</summary>
    public DuplicatePolicy DuplicateGroups { get; init; } = DuplicatePolicy.Flag;

    /// <summary>A set control number (ST02) the sender used before: not checked unless the partner file asks (many senders restart ST02 in every group).</summary>
    public DuplicatePolicy DuplicateSets { get; init; } = DuplicatePolicy.Ignore;

    /// <summary>The REF01 qualifier under which the partner's 850 names the punchout session the order came from (<c>x12.sessionReference</c>).</summary>
    public string SessionReference { get; init; } = DefaultSessionReference;

    /// <summary>The qualifier a partner file that says nothing is read with: <c>ZZ</c>, mutually defined.</summary>
    public const string DefaultSessionReference = "ZZ";

    public char ElementSeparator { get; init; } = '*';

    public char ComponentSeparator { get; init; } = ':';

    public char RepetitionSeparator { get; init; } = '^';

    public char SegmentTerminator { get; init; } = '~';
}

/// <summary>Which GS1 company prefix and extension digit the SSCC-18 labels of a supplier's packages carry.</summary>
/// <param name="CompanyPrefix">The GS1 company prefix, 6 to 12 digits.</param>
/// <param name="ExtensionDigit">The extension digit, 0 to 9, that the supplier chose for these labels.</param>
public sealed record SsccSettings(string CompanyPrefix, int ExtensionDigit);
