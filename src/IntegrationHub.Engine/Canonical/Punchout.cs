namespace IntegrationHub.Canonical;

public enum PunchoutOperation
{
    Create,
    Edit,
    Inspect,
}

/// <summary>A buyer's request to start a punchout session (cXML PunchOutSetupRequest, OCI login).</summary>
public sealed record PunchoutSessionRequest
{
    public required PunchoutOperation Operation { get; init; }

    /// <summary>The buyer's session key, returned unchanged with the cart.</summary>
    public string? BuyerCookie { get; init; }

    /// <summary>Where the cart goes back to (cXML BrowserFormPost, OCI HOOK_URL).</summary>
    public required string ReturnUrl { get; init; }

    /// <summary>The person shopping.</summary>
    public Contact? User { get; init; }

    public Party? ShipTo { get; init; }

    /// <summary>A product the buyer chose in its own catalog (level-2 punchout), to open directly.</summary>
    public ItemIds? SelectedItem { get; init; }

    /// <summary>For edit and inspect: the cart as the buyer has it.</summary>
    public IReadOnlyList<CartLine> CartLines { get; init; } = [];

    public IReadOnlyList<Party> Parties { get; init; } = [];

    public IReadOnlyList<Extrinsic> Extrinsics { get; init; } = [];
}

/// <summary>The cart that goes back to the buyer (cXML PunchOutOrderMessage, OCI NEW_ITEM fields).</summary>
public sealed record Cart
{
    public string? BuyerCookie { get; init; }

    public required string Currency { get; init; }

    /// <summary>What the buyer may do with this cart later: <c>create</c>, <c>edit</c> or <c>inspect</c>.</summary>
    public PunchoutOperation OperationAllowed { get; init; } = PunchoutOperation.Edit;

    public Money? Total { get; init; }

    public Money? Shipping { get; init; }

    public Money? Tax { get; init; }

    public IReadOnlyList<CartLine> Lines { get; init; } = [];
}

/// <summary>One line of a cart.</summary>
public sealed record CartLine
{
    public string? LineNumber { get; init; }

    public required decimal Quantity { get; init; }

    public required string UnitOfMeasure { get; init; }

    public required ItemDetail Item { get; init; }

    public IReadOnlyList<Extrinsic> Extrinsics { get; init; } = [];
}
