using System.Text.Json;
using IntegrationHub.Documents;

namespace IntegrationHub.Pipeline;

/// <summary>Diagnostics as they are stored on a message and shown by the admin API.</summary>
internal static class DiagnosticsJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public sealed record Entry(string Severity, string Code, string Message, string Position, string? Document = null);

    public static string Write(IEnumerable<Diagnostic> diagnostics, string? document = null) =>
        JsonSerializer.Serialize(diagnostics.Select(d => From(d, document)), Options);

    public static string Write(IEnumerable<Entry> entries) => JsonSerializer.Serialize(entries, Options);

    public static Entry From(Diagnostic diagnostic, string? document = null) =>
        new(diagnostic.Severity.ToString().ToLowerInvariant(), diagnostic.Code, diagnostic.Message, diagnostic.Position.ToString(), document);
}
