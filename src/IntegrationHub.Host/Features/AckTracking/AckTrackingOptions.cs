namespace IntegrationHub.Features.AckTracking;

/// <summary>
/// How long a partner has to acknowledge what the hub sent it (<c>AckTracking</c>): <c>DefaultWindowHours</c> for every
/// partner, <c>WindowHours:&lt;partner id&gt;</c> for those that differ, and how often the overdue check runs.
/// </summary>
internal sealed class AckTrackingOptions
{
    public const string Section = "AckTracking";

    public double DefaultWindowHours { get; set; } = 24;

    public Dictionary<string, double> WindowHours { get; set; } = new(StringComparer.Ordinal);

    public int CheckIntervalMinutes { get; set; } = 15;
}
