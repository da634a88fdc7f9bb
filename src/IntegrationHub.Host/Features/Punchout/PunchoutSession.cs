namespace IntegrationHub.Features.Punchout;

/// <summary>
/// What a buyer's system asked for when it opened a session (protocol-neutral; cXML fills BuyerCookie and, for edit and inspect,
/// Cart; OCI the Oci* fields).
/// </summary>
internal sealed record NewPunchoutSession(
    string PartnerId, string Environment, string Protocol, string Operation, string BuyerOrg, string? ContractId, string ReturnUrl,
    string? BuyerCookie = null, string? OciTarget = null, string? OciOkCode = null, string? OciCaller = null, string? OciVersion = null,
    string? StartProduct = null, IReadOnlyList<RestoredLine>? Cart = null);

/// <summary>A punchout session as stored: who shops, how the cart goes back, and whether it is still open.</summary>
internal sealed record PunchoutSession(
    Guid Id, string PartnerId, string Environment, string Protocol, string Operation, string BuyerOrg, string? ContractId, string ReturnUrl,
    string? BuyerCookie, string? OciTarget, string? OciOkCode, string? OciCaller, string? OciVersion, string? StartProduct, string State,
    DateTime ExpiresAt)
{
    public const string Create = "create";
    public const string Edit = "edit";
    public const string Inspect = "inspect";
    public const string Open = "open";

    /// <summary>An inspect session shows the cart and the catalog but changes nothing.</summary>
    public bool ReadOnly => Operation == Inspect;

    public bool IsOpen => State == Open;
}

/// <summary>Why a start token did not open a session.</summary>
internal enum StartRefusal
{
    None,
    Unknown,
    Used,
    Expired,
}

/// <summary>
/// A line of the cart a buyer sends with edit or inspect, as the catalog knows its product, with the line reference the hub issued
/// for it in an earlier cart (null: a new reference).
/// </summary>
internal sealed record RestoredLine(string SupplierPartId, string SupplierPartAuxiliaryId, decimal Quantity, string? Reference = null);
