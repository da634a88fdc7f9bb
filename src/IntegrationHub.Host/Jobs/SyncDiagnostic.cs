using System.Text.Json;
using System.Text.Json.Serialization;

namespace IntegrationHub.Jobs;

/// <summary>A record a sync or poll run skipped, and why (catalog sync, store polls).</summary>
internal sealed record SyncDiagnostic(string Kind, string? Key, string Reason);

[JsonSerializable(typeof(List<SyncDiagnostic>))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
internal sealed partial class SyncJson : JsonSerializerContext;
