using IntegrationHub.Mapping;

namespace IntegrationHub.Partners;

/// <summary>
/// Every partner of a <c>mappings/partners</c> folder, and who is who: which partner an X12 sender id, a cXML credential
/// or an OCI user belongs to. One identity belongs to one partner; a second claim is an error.
/// </summary>
public sealed class PartnerRegistry
{
    private readonly Dictionary<string, Partner> _partners;
    private readonly Dictionary<(string, string), Partner> _x12;
    private readonly Dictionary<(string, string), (Partner, CxmlIdentity)> _cxml;
    private readonly Dictionary<string, (Partner, OciIdentity)> _oci;

    private PartnerRegistry(List<Partner> partners, List<MapError> errors)
    {
        _partners = partners.ToDictionary(p => p.Id, StringComparer.Ordinal);
        _x12 = [];
        _cxml = [];
        _oci = new(StringComparer.Ordinal);
        foreach (var partner in partners)
        {
            var file = Path.Combine(partner.Folder, "partner.yaml");
            foreach (var x12 in partner.X12)
            {
                if (!_x12.TryAdd((x12.Qualifier, x12.Id), partner))
                    errors.Add(new MapError(file, 1, 1, $"X12 sender {x12.Qualifier}/{x12.Id} is already {_x12[(x12.Qualifier, x12.Id)].Id}'s"));
            }
            foreach (var cxml in partner.Cxml)
            {
                if (!_cxml.TryAdd((cxml.Domain.ToUpperInvariant(), cxml.Identity), (partner, cxml)))
                    errors.Add(new MapError(file, 1, 1, $"cXML credential {cxml.Domain}/{cxml.Identity} is already {_cxml[(cxml.Domain.ToUpperInvariant(), cxml.Identity)].Item1.Id}'s"));
            }
            foreach (var oci in partner.Oci)
            {
                if (!_oci.TryAdd(oci.Username, (partner, oci)))
                    errors.Add(new MapError(file, 1, 1, $"OCI user {oci.Username} is already {_oci[oci.Username].Item1.Id}'s"));
            }
        }
        Errors = errors;
    }

    public IReadOnlyCollection<Partner> Partners => _partners.Values;

    public IReadOnlyList<MapError> Errors { get; }

    /// <summary>Loads <c>partners/*/partner.yaml</c> below the mappings folder; partners with mistakes are left out.</summary>
    public static PartnerRegistry Load(string mappingsFolder)
    {
        var errors = new List<MapError>();
        var partners = new List<Partner>();
        var folder = Path.Combine(mappingsFolder, "partners");
        if (Directory.Exists(folder))
        {
            foreach (var partnerFolder in Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(partnerFolder);
                if (name.StartsWith('_')) continue; // _template and other scaffolding
                var file = Path.Combine(partnerFolder, "partner.yaml");
                var relative = Path.GetRelativePath(mappingsFolder, file);
                if (!File.Exists(file))
                {
                    errors.Add(new MapError(relative, 1, 1, $"the partner folder '{name}' has no partner.yaml"));
                    continue;
                }
                if (PartnerFile.Parse(name, relative, File.ReadAllText(file), errors) is { } partner)
                    partners.Add(partner with { Folder = Path.GetDirectoryName(relative)! });
            }
        }
        return new PartnerRegistry(partners, errors);
    }

    public Partner? Find(string id) => _partners.GetValueOrDefault(id);

    /// <summary>The partner behind an ISA sender (ISA05 qualifier, ISA06 id; padding is ignored).</summary>
    public Partner? FindX12(string qualifier, string id) => _x12.GetValueOrDefault((qualifier.Trim(), id.Trim()));

    /// <summary>The partner and identity behind a cXML credential; the domain is compared without regard to case.</summary>
    public (Partner Partner, CxmlIdentity Identity)? FindCxml(string domain, string identity) =>
        _cxml.TryGetValue((domain.Trim().ToUpperInvariant(), identity.Trim()), out var found) ? found : null;

    /// <summary>The partner and identity behind an OCI user name.</summary>
    public (Partner Partner, OciIdentity Identity)? FindOci(string username) =>
        _oci.TryGetValue(username, out var found) ? found : null;
}
