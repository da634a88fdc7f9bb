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

    /// <summary>Seed the demo catalog at start; null (the default): only with the embedded database, for a local run.</summary>
    public bool? DemoCatalog { get; set; }
}
