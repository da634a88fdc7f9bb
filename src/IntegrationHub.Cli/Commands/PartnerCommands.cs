using IntegrationHub.Translation;
using System.CommandLine;
using IntegrationHub.Mapping;
using IntegrationHub.Partners;

namespace IntegrationHub.Cli.Commands;

/// <summary><c>hub partner new ID --protocol x12|cxml|oci</c>: a new partner folder that passes validation and its tests at once.</summary>
internal static class PartnerCommands
{
    private static readonly Dictionary<string, (string Identities, string Settings, string BaseMap)> Protocols = new(StringComparer.Ordinal)
    {
        ["x12"] = ("""
              x12:
                - qualifier: ZZ          # ISA05 of the partner's interchanges
                  id: CHANGEME           # ISA06, without padding
                  applicationId: CHANGEME  # GS02
                  environment: test
            """, """

            x12:
              version: '004010'
              acknowledgment: '997'
              interchangeAcknowledgment: requested
            """, "x12/850-004010.inbound"),
        ["cxml"] = ("""
              cxml:
                - domain: NetworkID
                  identity: CHANGEME
                  sharedSecret: Partners:{{id}}:CxmlSharedSecret
                  environment: test
            """, """

            punchout:
              returnUrlHosts:
                - buyer.example.com
            """, "cxml/order-request.inbound"),
        ["oci"] = ("""
              oci:
                - username: {{id}}
                  password: Partners:{{id}}:OciPassword
                  environment: test
            """, """

            punchout:
              returnUrlHosts:
                - buyer.example.com
            """, "cxml/order-request.inbound"),
    };

    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "The partner's id: lower-case letters, digits and dashes; also its folder's name." };
        var protocol = new Option<string>("--protocol") { Description = "How the partner talks to the hub: x12, cxml or oci.", Required = true };
        protocol.AcceptOnlyFromAmong([.. Protocols.Keys]);
        var name = new Option<string?>("--name") { Description = "The partner's name (default: the id)." };
        var folder = MappingsCommands.FolderOption();
        var create = new Command("new", "Create mappings/partners/ID: partner.yaml for the protocol, and a map that extends the default one, with its golden samples.")
        {
            id, protocol, name, folder,
        };
        create.SetAction(result => New(result.GetValue(id)!, result.GetValue(protocol)!, result.GetValue(name), result.GetValue(folder),
            result.InvocationConfiguration.Output, result.InvocationConfiguration.Error));
        return new Command("partner", "Work with trading partners.") { create };
    }

    internal static int New(string id, string protocol, string? name, DirectoryInfo? folder, TextWriter output, TextWriter error)
    {
        if (MappingsCommands.Resolve(folder, error) is not { } root) return 2;
        if (!PartnerFile.IsPartnerId(id))
        {
            error.WriteLine($"'{id}' is not a partner id: use lower-case letters, digits and dashes.");
            return 2;
        }
        if (name is not null && name.Any(char.IsControl))
        {
            error.WriteLine("A partner's --name is one line of text, without line breaks or tabs.");
            return 2;
        }
        var target = Path.Combine(root, "partners", id);
        if (Directory.Exists(target))
        {
            error.WriteLine($"{Path.GetRelativePath(root, target)} exists already.");
            return 2;
        }
        var template = Path.Combine(root, "partners", "_template", "partner.yaml");
        if (!File.Exists(template))
        {
            error.WriteLine($"{Path.GetRelativePath(root, template)} is missing; it is what a new partner starts from.");
            return 2;
        }
        var library = FormatSchemas.Load(root);
        var (identities, settings, baseMap) = Protocols[protocol];
        if (!library.Maps.ContainsKey(baseMap))
        {
            error.WriteLine($"The default map {baseMap} does not load; run `hub mappings validate`.");
            return 2;
        }

        Directory.CreateDirectory(Path.Combine(target, "maps"));
        var partnerYaml = File.ReadAllText(template)
            .Replace("{{identities}}", identities.TrimEnd(), StringComparison.Ordinal)
            .Replace("{{settings}}", settings.TrimEnd(), StringComparison.Ordinal)
            .Replace("{{id}}", id, StringComparison.Ordinal)
            .Replace("name: {{name}}", $"name: {Quoted(name ?? id)}", StringComparison.Ordinal)
            .Replace("{{name}}", name ?? id, StringComparison.Ordinal); // in comments
        File.WriteAllText(Path.Combine(target, "partner.yaml"), partnerYaml.TrimEnd() + "\n");

        var mapName = baseMap[(baseMap.IndexOf('/', StringComparison.Ordinal) + 1)..];
        File.WriteAllText(Path.Combine(target, "maps", mapName + ".map.yaml"), $"""
            # yaml-language-server: $schema=../../../schema/map.{library.Maps[baseMap].Header.Produces}.schema.json
            # {name ?? id}'s reading of this document: the default map ({baseMap}), and only what differs below.
            map:
              extends: {baseMap}
              description: {Quoted(name ?? id)}
            fields: {'{'}{'}'}

            """);
        var samples = library.SamplesFolderOf(baseMap);
        if (Directory.Exists(samples))
        {
            var copy = Path.Combine(target, "maps", mapName + ".samples");
            Directory.CreateDirectory(copy);
            foreach (var file in Directory.EnumerateFiles(samples)) File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }

        var registry = PartnerRegistry.Load(root);
        var mistakes = registry.Errors.Where(e => e.File.StartsWith(Path.Combine("partners", id), StringComparison.Ordinal)).ToList();
        foreach (var mistake in mistakes) error.WriteLine(mistake);
        output.WriteLine($"Created {Path.GetRelativePath(root, target)}: partner.yaml and maps/{mapName}.map.yaml with the default's samples.");
        output.WriteLine($"Next: set the partner's identities in partner.yaml (CHANGEME), then `hub mappings test --partner {id}`.");
        return mistakes.Count == 0 ? 0 : 1;
    }

    // A YAML single-quoted scalar: nothing in it is syntax but the quote, which is doubled.
    private static string Quoted(string text) => $"'{text.Replace("'", "''", StringComparison.Ordinal)}'";

}
