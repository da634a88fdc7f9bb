using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using IntegrationHub.Canonical;

namespace IntegrationHub.Mapping;

/// <summary>
/// JSON Schemas for the files integration engineers edit, made from the same contracts the loaders check (the canonical
/// model for map targets), so an editor can complete and check a map as it is typed. <c>hub schema export</c> writes them
/// to <c>mappings/schema/</c>, and a test fails when the files there are stale.
/// </summary>
public static class MapSchemas
{
    private const string Draft = "https://json-schema.org/draft/2020-12/schema";

    /// <summary>Every schema, by file name.</summary>
    public static IReadOnlyDictionary<string, string> All()
    {
        var schemas = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, type) in MapHeader.CanonicalTypes)
            schemas[$"map.{name}.schema.json"] = Render(MapSchema(name, type));
        schemas["codelist.schema.json"] = Render(CodeListSchema());
        schemas["partner.schema.json"] = Render(PartnerSchema());
        return schemas;
    }

    private static string Render(JsonObject schema) =>
        schema.ToJsonString(new JsonSerializerOptions { WriteIndented = true }).ReplaceLineEndings("\n") + "\n";

    private static JsonObject MapSchema(string name, Type type) => new()
    {
        ["$schema"] = Draft,
        ["title"] = $"IntegrationHub map producing {name}",
        ["description"] = "A map: 'map:' says what it maps, 'fields:' says how. See docs/mapping-language.md.",
        ["type"] = "object",
        ["additionalProperties"] = false,
        ["required"] = new JsonArray("map", "fields"),
        ["properties"] = new JsonObject
        {
            ["map"] = new JsonObject
            {
                ["type"] = "object",
                ["additionalProperties"] = false,
                ["properties"] = new JsonObject
                {
                    ["format"] = Enum("The format read.", MapHeader.Formats),
                    ["document"] = Text("The document type: 850, OrderRequest …"),
                    ["version"] = Text("The format version, such as 004010."),
                    ["direction"] = new JsonObject { ["enum"] = new JsonArray("inbound", "outbound") },
                    ["produces"] = new JsonObject { ["const"] = name },
                    ["root"] = Text("Where the paths start, such as Request/OrderRequest."),
                    ["extends"] = Text("The id of the map this one builds on, such as x12/850-004010.inbound."),
                    ["description"] = Text("What this map is for."),
                },
            },
            ["fields"] = Fields(CanonicalJson.Options.GetTypeInfo(type), depth: 0),
        },
    };

    private static JsonObject Fields(JsonTypeInfo type, int depth)
    {
        var properties = new JsonObject { ["when"] = Text("Leave this object out unless the condition holds.") };
        foreach (var property in type.Properties) properties[property.Name] = Field(property.PropertyType, depth);
        return new JsonObject { ["type"] = "object", ["additionalProperties"] = false, ["properties"] = properties };
    }

    private static JsonNode Field(Type type, int depth)
    {
        var expression = Text("An expression: a path, a 'quoted' literal, a number or a function call. ~ removes the field in a map that extends another.");
        expression["type"] = new JsonArray("string", "number", "null");
        if (MapCompiler.ListElement(type) is { } element)
        {
            var body = MapCompiler.Kind(element) is not null ? (JsonNode)expression : Fields(CanonicalJson.Options.GetTypeInfo(element), depth + 1);
            var each = new JsonObject
            {
                ["type"] = "object",
                ["required"] = new JsonArray("each"),
                ["properties"] = new JsonObject { ["each"] = Text("A path: one element per node it reaches."), [MapCompiler.Kind(element) is not null ? "value" : "fields"] = body },
            };
            var entry = new JsonObject { ["anyOf"] = new JsonArray(body.DeepClone(), each.DeepClone()) }; // an entry, or an each-block among them
            return new JsonObject { ["anyOf"] = new JsonArray(each, new JsonObject { ["type"] = "array", ["items"] = entry }, new JsonObject { ["type"] = "null" }) };
        }
        if (MapCompiler.Kind(type) is not null || depth > 6) return expression;
        return Fields(CanonicalJson.Options.GetTypeInfo(type), depth + 1);
    }

    private static JsonObject CodeListSchema() => new()
    {
        ["$schema"] = Draft,
        ["title"] = "IntegrationHub code list",
        ["type"] = "object",
        ["additionalProperties"] = false,
        ["required"] = new JsonArray("codes"),
        ["properties"] = new JsonObject
        {
            ["codes"] = new JsonObject { ["type"] = "object", ["additionalProperties"] = new JsonObject { ["type"] = "string" } },
        },
    };

    private static JsonObject PartnerSchema()
    {
        JsonObject Environment() => new() { ["enum"] = new JsonArray("production", "test") };
        JsonObject Secret(string what) => Text($"The name of the configuration key or environment variable that holds the {what}; never the {what} itself.");
        JsonObject Strict(JsonObject properties, params string[] required) => new()
        {
            ["type"] = "object", ["additionalProperties"] = false, ["properties"] = properties, ["required"] = new JsonArray([.. required.Select(r => (JsonNode)r)]),
        };
        JsonObject Credentials() => Strict(new JsonObject
        {
            ["scheme"] = Enum("basic: Authorization Basic with user and secret; apiKey: the secret in a header.", ["basic", "apiKey"]),
            ["user"] = Text("The Basic user name."),
            ["header"] = Text("The header an API key goes in; X-Api-Key unless named."),
            ["secret"] = Secret("password or API key the hub presents"),
        }, "scheme", "secret");
        return new JsonObject
        {
            ["$schema"] = Draft,
            ["title"] = "IntegrationHub trading partner",
            ["description"] = "mappings/partners/<id>/partner.yaml. See docs/partners/onboarding.md.",
            ["type"] = "object",
            ["additionalProperties"] = false,
            ["required"] = new JsonArray("partner", "identities"),
            ["properties"] = new JsonObject
            {
                ["partner"] = Strict(new JsonObject
                {
                    ["id"] = new JsonObject { ["type"] = "string", ["pattern"] = MapLibrary.PartnerIdPattern },
                    ["name"] = Text("The partner's name."),
                    ["description"] = Text("Notes for engineers."),
                    ["role"] = Enum("buyer (the default): orders from the supplier; vendor: a 3PL warehouse or drop-ship vendor that ships and bills the supplier's orders.",
                        ["buyer", "vendor"]),
                }, "id", "name"),
                ["identities"] = Strict(new JsonObject
                {
                    ["x12"] = new JsonObject
                    {
                        ["type"] = "array",
                        ["items"] = Strict(new JsonObject
                        {
                            ["qualifier"] = new JsonObject { ["type"] = "string", ["maxLength"] = 2 },
                            ["id"] = new JsonObject { ["type"] = "string", ["maxLength"] = 15 },
                            ["applicationId"] = Text("GS02."),
                            ["environment"] = Environment(),
                            ["apiKey"] = Secret("key for posting X12 over HTTP"),
                        }, "qualifier", "id"),
                    },
                    ["cxml"] = new JsonObject
                    {
                        ["type"] = "array",
                        ["items"] = Strict(new JsonObject
                        {
                            ["domain"] = Text("Credential domain, such as NetworkID."),
                            ["identity"] = Text("Credential identity."),
                            ["sharedSecret"] = Secret("shared secret"),
                            ["environment"] = Environment(),
                        }, "domain", "identity"),
                    },
                    ["oci"] = new JsonObject
                    {
                        ["type"] = "array",
                        ["items"] = Strict(new JsonObject
                        {
                            ["username"] = Text("The USERNAME login parameter."),
                            ["password"] = Secret("password"),
                            ["environment"] = Environment(),
                        }, "username"),
                    },
                }),
                ["x12"] = Strict(new JsonObject
                {
                    ["version"] = new JsonObject { ["enum"] = new JsonArray("004010", "005010") },
                    ["acknowledgment"] = new JsonObject { ["enum"] = new JsonArray("997", "999", "none") },
                    ["interchangeAcknowledgment"] = new JsonObject { ["enum"] = new JsonArray("requested", "always", "errors", "never") },
                    ["duplicateGroups"] = Enum("A GS06 the sender used before: rejected (997/999), flagged for review (the default) or ignored.", ["reject", "flag", "ignore"]),
                    ["duplicateSets"] = Enum("An ST02 the sender used before: rejected (997/999), flagged for review or ignored (the default).", ["reject", "flag", "ignore"]),
                    ["sessionReference"] = new JsonObject
                    {
                        ["type"] = "string", ["pattern"] = "^[A-Z0-9]{2,3}$",
                        ["description"] = "The REF01 qualifier under which the partner's 850 names the punchout session the order came from; ZZ unless stated.",
                    },
                    ["delimiters"] = Strict(new JsonObject
                    {
                        ["element"] = Delimiter(), ["component"] = Delimiter(), ["repetition"] = Delimiter(), ["segment"] = Delimiter(),
                    }),
                }),
                ["punchout"] = Strict(new JsonObject
                {
                    ["returnUrlHosts"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" } },
                    ["cartReturnField"] = new JsonObject { ["enum"] = new JsonArray("cXML-base64", "cXML-urlencoded") },
                    ["cartCredential"] = Strict(new JsonObject
                    {
                        ["domain"] = Text("The hub's credential domain in this buyer's PunchOutOrderMessage From and Sender, such as NetworkID or DUNS."),
                        ["identity"] = Text("The hub's identity there: what the buyer knows the supplier as."),
                    }, "domain", "identity"),
                    ["contract"] = new JsonObject
                    {
                        ["type"] = "object",
                        ["additionalProperties"] = false,
                        ["minProperties"] = 1,
                        ["description"] = "Where the setup request names the buyer's contract (its price list).",
                        ["properties"] = new JsonObject
                        {
                            ["extrinsic"] = Text("cXML: the name of the PunchOutSetupRequest Extrinsic holding the contract id."),
                            ["ociParameter"] = new JsonObject
                            {
                                ["type"] = "string", ["pattern"] = "^~?[A-Za-z][A-Za-z0-9_-]*$",
                                ["description"] = "OCI: the login parameter holding the contract id.",
                            },
                        },
                    },
                }),
                ["forward"] = new JsonObject
                {
                    ["description"] = "A buyer's: the documents a vendor sends about its orders that the hub passes on to it in its own format.",
                    ["type"] = "array",
                    ["items"] = new JsonObject { ["enum"] = new JsonArray("shipments", "invoices", "acknowledgments") },
                    ["uniqueItems"] = true,
                },
                ["endpoints"] = Strict(new JsonObject
                {
                    ["x12"] = new JsonObject { ["type"] = "string", ["pattern"] = "^https://" },
                    ["cxml"] = new JsonObject { ["type"] = "string", ["pattern"] = "^https://" },
                    ["credentials"] = Strict(new JsonObject { ["x12"] = Credentials(), ["cxml"] = Credentials() }),
                }),
                ["sscc"] = Strict(new JsonObject
                {
                    ["companyPrefix"] = new JsonObject
                    {
                        ["type"] = "string", ["pattern"] = "^[0-9]{6,12}$", ["description"] = "The GS1 company prefix the SSCC-18 labels of this partner's packages carry.",
                    },
                    ["extensionDigit"] = new JsonObject { ["type"] = "string", ["pattern"] = "^[0-9]$", ["description"] = "The SSCC's extension digit (default 0)." },
                }, "companyPrefix"),
                ["limits"] = Strict(new JsonObject
                {
                    ["cxmlRequestsPerMinute"] = new JsonObject
                    {
                        ["type"] = "integer", ["minimum"] = 1, ["maximum"] = Partners.Partner.MaxCxmlRequestsPerMinute,
                        ["description"] = "cXML requests per minute and hub process on POST /cxml (default Cxml:RequestsPerMinute); past it a cXML Status 560 with Retry-After.",
                    },
                }),
            },
        };
    }

    private static JsonObject Delimiter() => new() { ["type"] = "string", ["minLength"] = 1, ["maxLength"] = 1 };

    private static JsonObject Text(string description) => new() { ["type"] = "string", ["description"] = description };

    private static JsonObject Enum(string description, IEnumerable<string> values) =>
        new() { ["description"] = description, ["enum"] = new JsonArray([.. values.Select(v => (JsonNode)v)]) };
}
