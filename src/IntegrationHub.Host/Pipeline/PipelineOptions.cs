using System.ComponentModel.DataAnnotations;

namespace IntegrationHub.Pipeline;

/// <summary>The <c>Pipeline</c> configuration section: how work is retried, parked and swept.</summary>
public sealed class PipelineOptions
{
    public const string Section = "Pipeline";

    /// <summary>The first retry waits this long; each further one waits twice as long, up to <see cref="MaxRetryDelaySeconds"/>.</summary>
    [Range(0.01, 3600)]
    public double RetryBaseDelaySeconds { get; set; } = 30;

    /// <summary>The longest wait between two attempts.</summary>
    [Range(0.01, 86400)]
    public double MaxRetryDelaySeconds { get; set; } = 3600;

    /// <summary>After this many failed attempts a transient failure is treated as permanent and the work is parked.</summary>
    [Range(1, 1000)]
    public int MaxAttempts { get; set; } = 12;

    /// <summary>How often the sweeper looks for stuck work.</summary>
    [Range(1, 3600)]
    public int SweepIntervalSeconds { get; set; } = 60;

    /// <summary>Work that is due and has not moved for this long is queued again by the sweeper.</summary>
    [Range(1, 86400)]
    public int StuckAfterSeconds { get; set; } = 120;

    /// <summary>Pipeline workers in this process (Worker role): each claims the next ready row of any stage.</summary>
    [Range(1, 256)]
    public int Lanes { get; set; } = 8;

    /// <summary>How long an idle lane waits for a wake-up before it looks for work again (retries fall due this way).</summary>
    [Range(10, 60_000)]
    public int IdlePollMilliseconds { get; set; } = 1000;

    /// <summary>Where outbound documents for partners without an HTTP endpoint are written (one folder per partner); empty: nowhere.</summary>
    public string? OutboxPath { get; set; }

    /// <summary>The watched X12 inbox: one folder per partner id below it; empty: no inbox.</summary>
    public string? InboxPath { get; set; }

    /// <summary>How often the inbox folders are looked at.</summary>
    [Range(1, 3600)]
    public int InboxPollSeconds { get; set; } = 5;

    /// <summary>PBKDF2 iterations for partner secrets held in memory.</summary>
    [Range(10_000, 10_000_000)]
    public int SecretHashIterations { get; set; } = 210_000;

    /// <summary>The wait before attempt <paramref name="attempts"/> + 1, after <paramref name="attempts"/> failures (at least one).</summary>
    public TimeSpan RetryDelay(int attempts)
    {
        var exponent = Math.Clamp(attempts - 1, 0, 30);
        return TimeSpan.FromSeconds(Math.Min(RetryBaseDelaySeconds * Math.Pow(2, exponent), MaxRetryDelaySeconds));
    }
}
