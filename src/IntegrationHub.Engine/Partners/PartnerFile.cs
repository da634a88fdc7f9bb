using System.Text.RegularExpressions;
using IntegrationHub.Mapping;
using YamlDotNet.RepresentationModel;

namespace IntegrationHub.Partners;

/// <summary>Reads one <c>partner.yaml</c>; every mistake is reported with file, line and column.</summary>
public static partial class PartnerFile
{
    /// <summary>Parses a partner file; null with <paramref name="errors"/> filled when it has mistakes.</summary>
    public static Partner? Parse(string folderName, string file, string yaml, List<MapError> errors)
    {
        var before = errors.Count;
        if (Yaml.LoadRoot(file, yaml, errors) is not { } root) return null;
        if (root is not YamlMappingNode mapping)
        {
            errors.Add(Yaml.Error(file, root, "a partner file is a mapping with 'partner:', 'identities:' and the partner's settings"));
            return null;
        }
        var top = new YamlFields(file, mapping, errors);
        top.Only("partner", "identities", "x12", "punchout", "endpoints", "forward", "sscc", "limits");

        var header = top.Mapping("partner");
        if (header is null)
        {
            errors.Add(Yaml.Error(file, mapping, "'partner:' with 'id:' and 'name:' is required"));
            return null;
        }
        header.Only("id", "name", "description", "role");
        var role = PartnerRole.Buyer;
        switch (header.Text("role"))
        {
            case null or "buyer":
                break;
            case "vendor":
                role = PartnerRole.Vendor;
                break;
            case { } other:
                header.Error("role", $"'role' is buyer or vendor (a 3PL warehouse or drop-ship vendor), not '{other}'");
                break;
        }
        var id = header.Text("id", required: true);
        var name = header.Text("name", required: true);
        if (id is not null && id != folderName) header.Error("id", $"the id '{id}' must be the folder's name, '{folderName}'");
        if (id is not null && !PartnerId().IsMatch(id)) header.Error("id", $"'{id}' is not a partner id: use lower-case letters, digits and dashes");

        var identities = top.Mapping("identities");
        identities?.Only("x12", "cxml", "oci");
        var x12 = identities?.MappingList("x12").Select(X12Identity).OfType<X12Identity>().ToList() ?? [];
        var cxml = identities?.MappingList("cxml").Select(CxmlIdentity).OfType<CxmlIdentity>().ToList() ?? [];
        var oci = identities?.MappingList("oci").Select(OciIdentity).OfType<OciIdentity>().ToList() ?? [];
        if (x12.Count + cxml.Count + oci.Count == 0)
            errors.Add(Yaml.Error(file, identities?.Node ?? mapping, "a partner needs at least one identity (x12, cxml or oci) so the hub can recognise it"));

        var settings = top.Mapping("x12") is { } x12Fields ? X12Settings(x12Fields) : null;
        var punchout = top.Mapping("punchout");
        punchout?.Only("returnUrlHosts", "cartReturnField", "cartCredential", "contract");
        var hosts = punchout?.TextList("returnUrlHosts") ?? [];
        var cartField = Formats.Cxml.CartReturnField.Base64;
        switch (punchout?.Text("cartReturnField"))
        {
            case null or "cXML-base64":
                break;
            case "cXML-urlencoded":
                cartField = Formats.Cxml.CartReturnField.UrlEncoded;
                break;
            case { } other:
                punchout.Error("cartReturnField", $"'cartReturnField' is cXML-base64 or cXML-urlencoded, not '{other}'");
                break;
        }
        var cartCredential = punchout?.Mapping("cartCredential") is { } credentialFields ? CartCredential(credentialFields) : null;
        var contract = punchout?.Mapping("contract") is { } contractFields ? Contract(contractFields) : null;
        var endpoints = new Dictionary<string, string>(StringComparer.Ordinal);
        var credentials = new Dictionary<string, EndpointCredentials>(StringComparer.Ordinal);
        if (top.Mapping("endpoints") is { } endpointFields)
        {
            endpointFields.Only("x12", "cxml", "credentials");
            foreach (var protocol in new[] { "x12", "cxml" })
            {
                if (endpointFields.Text(protocol) is not { } url) continue;
                if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps) endpoints[protocol] = url;
                else endpointFields.Error(protocol, $"'{url}' is not an https:// URL");
            }
            credentials = Credentials(endpointFields, endpoints);
        }

        var forward = top.TextList("forward");
        foreach (var document in forward.Where(d => d is not (Partner.ForwardShipments or Partner.ForwardInvoices or Partner.ForwardAcknowledgments)))
            top.Error("forward", $"'forward' lists shipments, invoices and acknowledgments, not '{document}'");
        if (forward.Count > 0 && role == PartnerRole.Vendor) top.Error("forward", "'forward' is a buyer's setting: a vendor's documents are forwarded to buyers");
        var sscc = top.Mapping("sscc") is { } ssccFields ? SsccSettings(ssccFields) : null;
        var requestsPerMinute = top.Mapping("limits") is { } limitFields ? RequestsPerMinute(limitFields) : null;

        if (errors.Count != before || id is null || name is null) return null;
        return new Partner
        {
            Id = id, Name = name, Role = role, Forward = forward.Distinct(StringComparer.Ordinal).ToList(), X12 = x12, Cxml = cxml, Oci = oci, X12Settings = settings, ReturnUrlHosts = hosts, CartReturnField = cartField,
            CartCredential = cartCredential, Contract = contract, Endpoints = endpoints, EndpointCredentials = credentials, Sscc = sscc,
            CxmlRequestsPerMinute = requestsPerMinute, Folder = Path.GetDirectoryName(file) ?? string.Empty,
        };
    }

    private static HubCredential? CartCredential(YamlFields fields)
    {
        fields.Only("domain", "identity");
        var domain = fields.Text("domain", required: true);
        var identity = fields.Text("identity", required: true);
        return domain is null || identity is null ? null : new HubCredential(domain, identity);
    }

    private static ContractSource? Contract(YamlFields fields)
    {
        fields.Only("extrinsic", "ociParameter");
        var extrinsic = fields.Text("extrinsic");
        var parameter = fields.Text("ociParameter");
        if (parameter is not null && !OciParameter().IsMatch(parameter))
            fields.Error("ociParameter", $"'{parameter}' is not an OCI parameter name: use letters, digits, '_', '-' or a leading '~'");
        if (extrinsic is null && parameter is null)
        {
            fields.Error("extrinsic", "'contract' names where the buyer sends its contract id: 'extrinsic' (cXML), 'ociParameter' (OCI) or both");
            return null;
        }
        return new ContractSource(extrinsic, parameter);
    }

    private static X12Identity? X12Identity(YamlFields fields)
    {
        fields.Only("qualifier", "id", "applicationId", "environment", "apiKey");
        var qualifier = fields.Text("qualifier", required: true);
        var id = fields.Text("id", required: true);
        if (qualifier is { Length: > 2 }) fields.Error("qualifier", $"ISA05 is two characters, not '{qualifier}'");
        if (id is { Length: > 15 }) fields.Error("id", $"ISA06 is at most 15 characters, and '{id}' has {id.Length}");
        var environment = fields.Enum("environment", PartnerEnvironment.Production);
        var apiKey = SecretName(fields, "apiKey");
        return qualifier is null || id is null || environment is null ? null : new X12Identity(qualifier, id, fields.Text("applicationId"), environment.Value, apiKey);
    }

    private static CxmlIdentity? CxmlIdentity(YamlFields fields)
    {
        fields.Only("domain", "identity", "sharedSecret", "environment");
        var domain = fields.Text("domain", required: true);
        var identity = fields.Text("identity", required: true);
        var secret = SecretName(fields, "sharedSecret");
        var environment = fields.Enum("environment", PartnerEnvironment.Production);
        return domain is null || identity is null || environment is null ? null : new CxmlIdentity(domain, identity, secret, environment.Value);
    }

    private static OciIdentity? OciIdentity(YamlFields fields)
    {
        fields.Only("username", "password", "environment");
        var username = fields.Text("username", required: true);
        var password = SecretName(fields, "password");
        var environment = fields.Enum("environment", PartnerEnvironment.Production);
        return username is null || environment is null ? null : new OciIdentity(username, password, environment.Value);
    }

    // A secret is named, never written: a value that does not look like a configuration key is refused, so a pasted
    // secret is caught before it is committed.
    private static string? SecretName(YamlFields fields, string key)
    {
        var name = fields.Text(key);
        if (name is null || SecretKey().IsMatch(name)) return name;
        fields.Error(key, $"'{key}' names the configuration key or environment variable that holds the secret (such as ACME_CXML_SECRET), never the secret itself");
        return null;
    }

    private static SsccSettings? SsccSettings(YamlFields fields)
    {
        fields.Only("companyPrefix", "extensionDigit");
        var prefix = fields.Text("companyPrefix", required: true);
        var extension = fields.Text("extensionDigit") ?? "0";
        if (prefix is not null && !Canonical.Sscc.IsCompanyPrefix(prefix)) fields.Error("companyPrefix", $"a GS1 company prefix has 6 to 12 digits, not '{prefix}'");
        if (extension is not { Length: 1 } || !char.IsAsciiDigit(extension[0])) fields.Error("extensionDigit", $"the extension digit is one digit, 0 to 9, not '{extension}'");
        return prefix is null ? null : new SsccSettings(prefix, extension[0] - '0');
    }

    private static int? RequestsPerMinute(YamlFields fields)
    {
        fields.Only("cxmlRequestsPerMinute");
        if (fields.Text("cxmlRequestsPerMinute") is not { } text) return null;
        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var perMinute)
            && perMinute is >= 1 and <= Partner.MaxCxmlRequestsPerMinute) return perMinute;
        fields.Error("cxmlRequestsPerMinute", $"'cxmlRequestsPerMinute' is a whole number from 1 to {Partner.MaxCxmlRequestsPerMinute}, not '{text}'");
        return null;
    }

    private static X12Settings? X12Settings(YamlFields fields)
    {
        fields.Only("version", "acknowledgment", "interchangeAcknowledgment", "duplicateGroups", "duplicateSets", "sessionReference", "delimiters");
        var settings = new X12Settings();
        if (fields.Text("version") is { } version)
        {
            if (version is "004010" or "005010") settings = settings with { Version = version };
            else fields.Error("version", $"the hub writes X12 004010 or 005010, not '{version}'");
        }
        if (fields.Text("acknowledgment") is { } ack)
        {
            if (ack is "997" or "999" or "none") settings = settings with { Acknowledgment = ack };
            else fields.Error("acknowledgment", $"'acknowledgment' is 997, 999 or none, not '{ack}'");
        }
        if (fields.Text("interchangeAcknowledgment") is { } ta1)
        {
            if (ta1 is "requested" or "always" or "errors" or "never") settings = settings with { InterchangeAcknowledgment = ta1 };
            else fields.Error("interchangeAcknowledgment", $"'interchangeAcknowledgment' is requested, always, errors or never, not '{ta1}'");
        }
        if (fields.Text("sessionReference") is { } qualifier)
        {
            if (qualifier.Length is 2 or 3 && qualifier.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c))) settings = settings with { SessionReference = qualifier };
            else fields.Error("sessionReference", $"'sessionReference' is a REF01 qualifier (2 or 3 upper-case letters or digits), not '{qualifier}'");
        }
        settings = settings with
        {
            DuplicateGroups = Duplicates(fields, "duplicateGroups", settings.DuplicateGroups),
            DuplicateSets = Duplicates(fields, "duplicateSets", settings.DuplicateSets),
        };
        if (fields.Mapping("delimiters") is { } delimiters)
        {
            delimiters.Only("element", "component", "repetition", "segment");
            char Delimiter(string key, char fallback)
            {
                var text = delimiters.Text(key);
                if (text is null) return fallback;
                if (text.Length == 1 && !char.IsAsciiLetterOrDigit(text[0]) && text[0] != ' ') return text[0];
                delimiters.Error(key, $"a delimiter is one character that is neither a letter, a digit nor a space, not '{text}'");
                return fallback;
            }
            settings = settings with
            {
                ElementSeparator = Delimiter("element", settings.ElementSeparator),
                ComponentSeparator = Delimiter("component", settings.ComponentSeparator),
                RepetitionSeparator = Delimiter("repetition", settings.RepetitionSeparator),
                SegmentTerminator = Delimiter("segment", settings.SegmentTerminator),
            };
            char[] all = [settings.ElementSeparator, settings.ComponentSeparator, settings.RepetitionSeparator, settings.SegmentTerminator];
            if (all.Distinct().Count() != all.Length) delimiters.Error("element", "the four delimiters must all differ");
        }
        return settings;
    }

    private static DuplicatePolicy Duplicates(YamlFields fields, string key, DuplicatePolicy fallback) => fields.Text(key) switch
    {
        null => fallback,
        "ignore" => DuplicatePolicy.Ignore,
        "flag" => DuplicatePolicy.Flag,
        "reject" => DuplicatePolicy.Reject,
        var other => Refuse(fields, key, $"'{key}' is reject, flag or ignore, not '{other}'", fallback),
    };

    private static T Refuse<T>(YamlFields fields, string key, string message, T fallback)
    {
        fields.Error(key, message);
        return fallback;
    }

    // endpoints.credentials.<protocol>: basic (user + secret) or apiKey (secret, optional header).
    private static Dictionary<string, EndpointCredentials> Credentials(YamlFields endpoints, IReadOnlyDictionary<string, string> urls)
    {
        var found = new Dictionary<string, EndpointCredentials>(StringComparer.Ordinal);
        if (endpoints.Mapping("credentials") is not { } all) return found;
        all.Only("x12", "cxml");
        foreach (var protocol in new[] { "x12", "cxml" })
        {
            if (all.Mapping(protocol) is not { } fields) continue;
            fields.Only("scheme", "user", "header", "secret");
            var scheme = fields.Text("scheme", required: true);
            var secret = SecretName(fields, "secret");
            if (secret is null && fields.Text("secret") is null) fields.Error("scheme", "credentials need 'secret:', the configuration key or environment variable that holds the password or key");
            var user = fields.Text("user");
            var header = fields.Text("header");
            if (!urls.ContainsKey(protocol)) all.Error(protocol, $"credentials for {protocol} need an 'endpoints.{protocol}' URL to be sent to");
            switch (scheme)
            {
                case EndpointCredentials.Basic when user is null:
                    fields.Error("scheme", "basic credentials need 'user:'");
                    break;
                case EndpointCredentials.Basic when header is not null:
                    fields.Error("header", "'header:' is for apiKey credentials; basic ones go in Authorization");
                    break;
                case EndpointCredentials.ApiKey when user is not null:
                    fields.Error("user", "'user:' is for basic credentials");
                    break;
                case EndpointCredentials.ApiKey when header is not null && !HeaderName().IsMatch(header):
                    fields.Error("header", $"'{header}' is not an HTTP header name");
                    break;
                case EndpointCredentials.Basic or EndpointCredentials.ApiKey:
                    if (secret is not null) found[protocol] = new EndpointCredentials(scheme, secret, user, header ?? "X-Api-Key");
                    break;
                case null:
                    break;
                default:
                    fields.Error("scheme", $"'scheme' is basic or apiKey, not '{scheme}'");
                    break;
            }
        }
        return found;
    }

    [GeneratedRegex("^[A-Za-z0-9-]{1,64}$")]
    private static partial Regex HeaderName();

    /// <summary>Whether <paramref name="id"/> is a partner id (<see cref="MapLibrary.PartnerIdPattern"/>).</summary>
    public static bool IsPartnerId(string id) => PartnerId().IsMatch(id);

    [GeneratedRegex(MapLibrary.PartnerIdPattern)]
    private static partial Regex PartnerId();

    [GeneratedRegex("^~?[A-Za-z][A-Za-z0-9_-]*$")]
    private static partial Regex OciParameter();

    // An environment variable (ACME_CXML_SECRET) or a configuration path (Partners:Acme:CxmlSecret).
    [GeneratedRegex("^([A-Z][A-Z0-9_]*|[A-Za-z][A-Za-z0-9_]*(:[A-Za-z0-9_-]+)+)$")]
    private static partial Regex SecretKey();
}
