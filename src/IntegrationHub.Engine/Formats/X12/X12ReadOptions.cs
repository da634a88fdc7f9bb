using System.Text;

namespace IntegrationHub.Formats.X12;

/// <summary>How to read one partner's X12: encoding, line unwrapping and the bound on a segment's size.</summary>
public sealed record X12ReadOptions
{
    /// <summary>The defaults: Latin-1, no unwrapping, segments up to 1 MiB.</summary>
    public static X12ReadOptions Default { get; } = new();

    /// <summary>The encoding of element values; Latin-1 by default so that no byte ever fails to decode.</summary>
    public Encoding Encoding { get; init; } = Encoding.Latin1;

    /// <summary>
    /// Remove every CR and LF before tokenising, for partners that wrap files at 80 columns. Offsets in
    /// diagnostics then count the bytes that remain. Only valid when neither CR nor LF is a delimiter.
    /// </summary>
    public bool UnwrapLines { get; init; }

    /// <summary>The longest segment read; a longer one is skipped and reported.</summary>
    public int MaxSegmentLength { get; init; } = 1 << 20;
}
