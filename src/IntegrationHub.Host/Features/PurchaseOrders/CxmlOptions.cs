using System.ComponentModel.DataAnnotations;

namespace IntegrationHub.Features.PurchaseOrders;

/// <summary>The <c>Cxml</c> configuration section: the limits of <c>POST /cxml</c>.</summary>
public sealed class CxmlOptions
{
    public const string Section = "Cxml";

    /// <summary>
    /// Requests one authenticated partner may send per minute to one hub process; a partner file can state its own
    /// (<c>limits.cxmlRequestsPerMinute</c>). Default 60,000 (1,000 a second). Past it the answer is a cXML Status 560 with Retry-After.
    /// </summary>
    [Range(1, Partners.Partner.MaxCxmlRequestsPerMinute)]
    public int RequestsPerMinute { get; set; } = 60_000;

    /// <summary>
    /// Requests refused before their sender was authenticated (unreadable, credentials not recognised) that one client address
    /// may send per minute under one claimed sender, counted across every hub process on the database when
    /// <c>Punchout:SharedRateLimit</c> is on. Past it that caller's requests are answered 560 without their secret being checked,
    /// until the minute ends. Default 30.
    /// </summary>
    [Range(1, 100_000)]
    public int RefusedPerMinute { get; set; } = 30;
}
