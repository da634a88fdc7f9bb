using System.Text.Json;
using System.Text.Json.Serialization;

namespace IntegrationHub.Features.CatalogSync;

[JsonSerializable(typeof(List<SyncDiagnostic>))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
internal sealed partial class CatalogSyncJson : JsonSerializerContext;
