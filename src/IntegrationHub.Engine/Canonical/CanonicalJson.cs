using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace IntegrationHub.Canonical;

/// <summary>
/// The canonical model's JSON form: camelCase names, enums as camelCase strings, absent values and empty lists left out,
/// money amounts as JSON numbers with the scale they were given. Golden files compare this text, so it is stable and indented.
/// </summary>
public static class CanonicalJson
{
    /// <summary>The options every canonical document is written and read with.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    public static string Serialize<T>(T document) => JsonSerializer.Serialize(document, Options);

    /// <exception cref="JsonException">The text is not a canonical document of that type.</exception>
    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"The JSON text holds no {typeof(T).Name}.");

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = true,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { OmitEmptyLists } },
            // Quotes, ampersands and non-ASCII letters stay readable; this JSON is never embedded in HTML unescaped.
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.MakeReadOnly();
        return options;
    }

    // An empty list says nothing a missing one does not; reading gives the property's default, an empty list, back.
    private static void OmitEmptyLists(JsonTypeInfo type)
    {
        foreach (var property in type.Properties)
        {
            if (property.PropertyType.IsGenericType && property.PropertyType.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
                property.ShouldSerialize = static (_, value) => value is not System.Collections.ICollection { Count: 0 };
        }
    }
}
