using System.ComponentModel.DataAnnotations;

namespace IntegrationHub.Features.Punchout;

/// <summary>The <c>Punchout</c> configuration section.</summary>
public sealed class PunchoutOptions
{
    public const string Section = "Punchout";

    /// <summary>How long a start URL may wait before the buyer's browser opens it, in seconds. Default 300.</summary>
    [Range(10, 3600)]
    public int StartTokenSeconds { get; set; } = 300;

    /// <summary>How long a session may shop once started, in minutes. Default 120.</summary>
    [Range(1, 24 * 60)]
    public int SessionMinutes { get; set; } = 120;

    /// <summary>
    /// OCI calls (logins, searches) one client address may make per minute to one partner's <c>/oci</c> URL, counted across all
    /// hub processes on the database (see <see cref="SharedRateLimit"/>). Default 120; past it the hub answers 429 with Retry-After.
    /// </summary>
    [Range(1, 100_000)]
    public int OciCallsPerMinute { get; set; } = 120;

    /// <summary>
    /// Count <see cref="OciCallsPerMinute"/> in PostgreSQL, one budget for every hub process (default true); false: each process
    /// counts on its own, so N processes behind a balancer allow N times the limit, and no OCI call writes a count.
    /// </summary>
    public bool SharedRateLimit { get; set; } = true;

    /// <summary>The hub's cXML credential domain in the PunchOutOrderMessages it returns (From and Sender). Default NetworkID.</summary>
    [Required]
    public string CxmlDomain { get; set; } = "NetworkID";

    /// <summary>The hub's cXML identity in the PunchOutOrderMessages it returns (the supplier's id at the buyer). Default integration-hub.</summary>
    [Required]
    public string CxmlIdentity { get; set; } = "integration-hub";

    /// <summary>The currency of an empty cart's total (a cancelled cXML session). Default EUR.</summary>
    [RegularExpression("^[A-Z]{3}$")]
    public string CartCurrency { get; set; } = "EUR";

    /// <summary>
    /// The hub's address as buyers' browsers reach it (scheme, host and any path base, such as <c>https://punchout.example.com</c>),
    /// for the StartPage URLs of setup responses when the hub runs behind a proxy; empty (the default): the address the request came to.
    /// </summary>
    [Url]
    public string? PublicBaseUrl { get; set; }

    /// <summary>Seed the demo catalog at start; null (the default): only with the embedded database, for a local run.</summary>
    public bool? DemoCatalog { get; set; }
}
