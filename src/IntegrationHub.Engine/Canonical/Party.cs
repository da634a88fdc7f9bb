namespace IntegrationHub.Canonical;

/// <summary>The part a party plays in a document.</summary>
public enum PartyRole
{
    Buyer,
    Seller,
    ShipTo,
    BillTo,
    ShipFrom,
    RemitTo,
    SoldTo,
    Supplier,
    Carrier,
    Requester,

    /// <summary>A role the canonical model has no name for; <see cref="Party.RoleCode"/> keeps the partner's own code.</summary>
    Other,
}

/// <summary>A party by role, with its identifiers, address and contacts.</summary>
public sealed record Party
{
    public required PartyRole Role { get; init; }

    /// <summary>The role as the document gave it (X12 N101 <c>PO</c>, a cXML address role), where it says more than <see cref="Role"/>.</summary>
    public string? RoleCode { get; init; }

    public string? Name { get; init; }

    public IReadOnlyList<Identifier> Identifiers { get; init; } = [];

    public Address? Address { get; init; }

    public IReadOnlyList<Contact> Contacts { get; init; } = [];
}

/// <summary>A postal address. The country is an ISO 3166-1 alpha-2 code.</summary>
public sealed record Address
{
    /// <summary>Names on the label: the company, an attention line, a department.</summary>
    public IReadOnlyList<string> Names { get; init; } = [];

    public IReadOnlyList<string> Street { get; init; } = [];

    public string? City { get; init; }

    /// <summary>State, province or region, as the document gave it (ISO 3166-2 subdivision code where known).</summary>
    public string? Region { get; init; }

    public string? PostalCode { get; init; }

    public string? Country { get; init; }
}

/// <summary>A person or desk to reach, and how.</summary>
public sealed record Contact
{
    public string? Name { get; init; }

    /// <summary>For example <c>buyer</c>, <c>receiving</c>, <c>accountsPayable</c>, <c>technical</c>.</summary>
    public string? Role { get; init; }

    public string? Email { get; init; }

    public string? Phone { get; init; }

    public string? Fax { get; init; }
}
