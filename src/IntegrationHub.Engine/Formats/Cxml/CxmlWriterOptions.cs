namespace IntegrationHub.Formats.Cxml;

/// <summary>How the writer emits a document for one partner.</summary>
public sealed record CxmlWriterOptions
{
    /// <summary>The defaults: cXML 1.2.069, UTF-8, indented, no deprecated version attribute.</summary>
    public static CxmlWriterOptions Default { get; } = new();

    /// <summary>The cXML version in the DOCTYPE URL.</summary>
    public string Version { get; init; } = CxmlDtd.DefaultVersion;

    /// <summary>Also write the deprecated <c>version</c> attribute on cXML (some old receivers want it).</summary>
    public bool WriteVersionAttribute { get; init; }

    /// <summary>Write pure US-ASCII (non-ASCII as character references), as <c>cXML-urlencoded</c> needs.</summary>
    public bool AsciiOnly { get; init; }

    /// <summary>Indent child elements (never inside mixed content).</summary>
    public bool Indent { get; init; } = true;
}
