namespace IntegrationHub.Mapping;

/// <summary>A mistake in a mapping file or code list: where it is and what was expected. Maps with errors are not used.</summary>
public sealed record MapError(string File, int Line, int Column, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{File}:{Line}:{Column}: {Message}";
}
