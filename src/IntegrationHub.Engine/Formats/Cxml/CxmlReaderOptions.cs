namespace IntegrationHub.Formats.Cxml;

/// <summary>Bounds the cXML reader enforces on inbound documents.</summary>
public sealed record CxmlReaderOptions
{
    /// <summary>The default options: 16 Mi characters, depth 64.</summary>
    public static CxmlReaderOptions Default { get; } = new();

    /// <summary>The largest document that is read, in bytes (and, once decoded, in characters); larger ones are refused with a diagnostic.</summary>
    public long MaxDocumentCharacters { get; init; } = 16 * 1024 * 1024;

    /// <summary>The deepest element nesting that is read; deeper ones are refused with a diagnostic.</summary>
    public int MaxDepth { get; init; } = 64;
}
