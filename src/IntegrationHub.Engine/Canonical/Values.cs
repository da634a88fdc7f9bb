namespace IntegrationHub.Canonical;

/// <summary>An amount in a currency. The amount is exact (decimal); the currency is an ISO 4217 code such as <c>USD</c>.</summary>
public sealed record Money(decimal Amount, string Currency);

/// <summary>An identifier in a scheme: a DUNS number, a buyer's supplier id, a GLN, an ARIBA network id.</summary>
/// <param name="Scheme">Who issued it or what kind it is, for example <c>duns</c>, <c>gln</c>, <c>networkId</c>, <c>buyerAssigned</c>.</param>
/// <param name="Value">The identifier itself.</param>
public sealed record Identifier(string Scheme, string Value);

/// <summary>A named value the canonical model has no field for, kept so that nothing a partner sent is lost.</summary>
public sealed record Extrinsic(string Name, string Value);

/// <summary>A reference to another document or agreement: a contract, a quote, a punchout session, a release.</summary>
/// <param name="Kind">What is referenced, for example <c>contract</c>, <c>quote</c>, <c>punchoutSession</c>, <c>releaseNumber</c>.</param>
/// <param name="Value">The referenced document's number or key.</param>
/// <param name="Date">Its date, where given.</param>
public sealed record Reference(string Kind, string Value, Moment? Date = null);

/// <summary>A free-text note, with what it is about (<c>general</c>, <c>delivery</c>, <c>packing</c> …) and its language.</summary>
public sealed record Note(string Text, string Kind = "general", string? Language = null);

/// <summary>A product classification code, such as UNSPSC <c>44121701</c>.</summary>
public sealed record Classification(string Domain, string Code);

/// <summary>Payment terms: a discount for early payment and the net due days.</summary>
public sealed record PaymentTerms
{
    public decimal? DiscountPercent { get; init; }

    public int? DiscountDays { get; init; }

    public int? NetDays { get; init; }

    public string? Description { get; init; }
}

/// <summary>A charge (freight, handling) or an allowance (discount) on a document or a line.</summary>
public sealed record ChargeOrAllowance
{
    public required ChargeKind Kind { get; init; }

    /// <summary>What it is for, as a code of the X12 1300 list or a cXML modification name.</summary>
    public string? Code { get; init; }

    public string? Description { get; init; }

    public Money? Amount { get; init; }

    public decimal? Percent { get; init; }
}

public enum ChargeKind
{
    Charge,
    Allowance,
}

/// <summary>A tax amount, its kind and its rate.</summary>
public sealed record Tax
{
    /// <summary>For example <c>sales</c>, <c>vat</c>, <c>gst</c>.</summary>
    public string Kind { get; init; } = "sales";

    public Money? Amount { get; init; }

    public decimal? RatePercent { get; init; }

    public Money? TaxableAmount { get; init; }

    public string? Jurisdiction { get; init; }

    public string? Description { get; init; }
}

/// <summary>Carrier, service level and the terms of delivery.</summary>
public sealed record Transport
{
    /// <summary>The carrier's code (SCAC for X12) or name.</summary>
    public string? Carrier { get; init; }

    public string? ServiceLevel { get; init; }

    /// <summary>FOB point or Incoterms code, such as <c>FCA</c> or <c>DDP</c>.</summary>
    public string? DeliveryTerms { get; init; }

    public string? DeliveryTermsLocation { get; init; }

    /// <summary>Who pays freight: <c>prepaid</c>, <c>collect</c>, <c>thirdParty</c>.</summary>
    public string? FreightPayment { get; init; }
}
