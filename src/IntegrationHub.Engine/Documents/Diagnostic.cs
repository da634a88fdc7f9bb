namespace IntegrationHub.Documents;

/// <summary>How bad a document problem is: errors reject the document (or the part that holds them), warnings do not.</summary>
public enum Severity
{
    /// <summary>The document can still be processed; the problem is reported.</summary>
    Warning,

    /// <summary>The document, or the transaction set that holds it, cannot be processed.</summary>
    Error,
}

/// <summary>
/// One problem found in a document, with where it is and the code the protocol uses for it
/// (an X12 997/999 error code, a cXML status code, an OCI field). Documents problems are values, never exceptions.
/// </summary>
/// <param name="Code">A stable identifier of the problem, such as <c>x12.segment.unexpected</c>.</param>
/// <param name="Message">What is wrong, in words an integration engineer can act on.</param>
/// <param name="Severity">Whether the problem rejects the document.</param>
/// <param name="Position">Where the problem is.</param>
public sealed record Diagnostic(string Code, string Message, Severity Severity, Position Position)
{
    /// <inheritdoc />
    public override string ToString() => $"{Severity.ToString().ToLowerInvariant()} {Code} at {Position}: {Message}";
}

/// <summary>Where a diagnostic points: a byte offset and, where the format has them, line and column or a path.</summary>
/// <param name="Offset">Zero-based byte offset in the input, or -1 where unknown.</param>
/// <param name="Line">One-based line, or 0 where the format has no lines.</param>
/// <param name="Column">One-based column, or 0 where unknown.</param>
/// <param name="Path">A format path such as <c>ST*850*0001/PO1[3]/PO104</c> or <c>/cXML/Request/OrderRequest</c>; empty where unknown.</param>
public readonly record struct Position(long Offset, int Line, int Column, string Path)
{
    /// <summary>A position that is not known.</summary>
    public static Position Unknown => new(-1, 0, 0, string.Empty);

    /// <inheritdoc />
    public override string ToString()
    {
        var parts = new List<string>(3);
        if (Path.Length > 0) parts.Add(Path);
        if (Line > 0) parts.Add(Column > 0 ? $"line {Line}, column {Column}" : $"line {Line}");
        if (Offset >= 0) parts.Add($"byte {Offset}");
        return parts.Count == 0 ? "an unknown position" : string.Join(", ", parts);
    }
}
