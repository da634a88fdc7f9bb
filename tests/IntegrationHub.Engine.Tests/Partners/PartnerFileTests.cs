using IntegrationHub.Mapping;
using IntegrationHub.Partners;
using IntegrationHub.Support;

namespace IntegrationHub.Engine.Tests.Partners;

public sealed class PartnerFileTests
{
    private const string Valid = """
        partner:
          id: acme
          name: Acme Hospital
        identities:
          x12:
            - qualifier: ZZ
              id: ACMEHOSP
              apiKey: Partners:acme:X12ApiKey
          cxml:
            - domain: NetworkID
              identity: AN0100
              sharedSecret: ACME_CXML_SECRET
              environment: test
        x12:
          version: '005010'
          acknowledgment: '999'
          duplicateGroups: reject
          duplicateSets: flag
          sessionReference: PHC
          delimiters: { element: '|', component: '>', repetition: '^', segment: '~' }
        punchout:
          returnUrlHosts: [buy.acme.example]
          cartReturnField: cXML-urlencoded
          cartCredential: { domain: DUNS, identity: '123456789' }
          contract: { extrinsic: ContractID, ociParameter: CONTRACT }
        endpoints:
          x12: https://edi.acme.example/in
          credentials:
            x12: { scheme: basic, user: supplier, secret: Partners:acme:OutboundPassword }
        forward: [shipments, invoices, acknowledgments]
        """;

    private static (Partner? Partner, List<MapError> Errors) Parse(string yaml, string folder = "acme")
    {
        var errors = new List<MapError>();
        return (PartnerFile.Parse(folder, "partners/acme/partner.yaml", yaml, errors), errors);
    }

    [Fact]
    public void Parse_ReadsEverySetting_WhenFileIsValid()
    {
        var (partner, errors) = Parse(Valid);

        Assert.Empty(errors);
        Assert.Equal("Acme Hospital", partner!.Name);
        Assert.Equal(new X12Identity("ZZ", "ACMEHOSP", null, PartnerEnvironment.Production, "Partners:acme:X12ApiKey"), Assert.Single(partner.X12));
        Assert.Equal(new CxmlIdentity("NetworkID", "AN0100", "ACME_CXML_SECRET", PartnerEnvironment.Test), Assert.Single(partner.Cxml));
        Assert.Equal(("005010", "999", '|'), (partner.X12Settings!.Version, partner.X12Settings.Acknowledgment, partner.X12Settings.ElementSeparator));
        Assert.Equal(["buy.acme.example"], partner.ReturnUrlHosts);
        Assert.Equal(IntegrationHub.Formats.Cxml.CartReturnField.UrlEncoded, partner.CartReturnField);
        Assert.Equal(new HubCredential("DUNS", "123456789"), partner.CartCredential);
        Assert.Equal(new ContractSource("ContractID", "CONTRACT"), partner.Contract);
        Assert.Equal("https://edi.acme.example/in", partner.Endpoints["x12"]);
        Assert.Equal(PartnerRole.Buyer, partner.Role);
        Assert.Equal([Partner.ForwardShipments, Partner.ForwardInvoices, Partner.ForwardAcknowledgments], partner.Forward);
        Assert.Equal(new EndpointCredentials("basic", "Partners:acme:OutboundPassword", "supplier"), partner.EndpointCredentials["x12"]);
        Assert.Equal((DuplicatePolicy.Reject, DuplicatePolicy.Flag), (partner.X12Settings.DuplicateGroups, partner.X12Settings.DuplicateSets));
        Assert.Equal("PHC", partner.X12Settings.SessionReference);
    }

    [Fact]
    public void Parse_ReadsTheSessionReferenceUnderZZ_WhenTheFileNamesNoQualifier()
    {
        var (partner, errors) = Parse(Valid.Replace("  sessionReference: PHC\n", "", StringComparison.Ordinal));

        Assert.Empty(errors);
        Assert.Equal("ZZ", partner!.X12Settings!.SessionReference);
    }

    [Fact]
    public void Parse_FlagsGroupsAndIgnoresSets_WhenNoDuplicatePolicyIsSet()
    {
        var (partner, errors) = Parse(Valid.Replace("  duplicateGroups: reject\n  duplicateSets: flag\n", "", StringComparison.Ordinal));

        Assert.Empty(errors);
        Assert.Equal((DuplicatePolicy.Flag, DuplicatePolicy.Ignore), (partner!.X12Settings!.DuplicateGroups, partner.X12Settings.DuplicateSets));
    }

    [Fact]
    public void Parse_ReadsAnApiKeyHeader_WhenTheCredentialsNameOne()
    {
        var (partner, errors) = Parse(Valid.Replace("{ scheme: basic, user: supplier, secret:", "{ scheme: apiKey, header: X-Hub-Key, secret:", StringComparison.Ordinal));

        Assert.Empty(errors);
        Assert.Equal(new EndpointCredentials("apiKey", "Partners:acme:OutboundPassword", null, "X-Hub-Key"), partner!.EndpointCredentials["x12"]);
    }

    [Fact]
    public void Parse_ReadsAVendor_WhenTheRoleIsVendor()
    {
        var (partner, errors) = Parse(Valid.Replace("  name: Acme Hospital\n", "  name: Acme Logistics\n  role: vendor\n", StringComparison.Ordinal)
            .Replace("forward: [shipments, invoices, acknowledgments]", "", StringComparison.Ordinal));

        Assert.Empty(errors);
        Assert.Equal(PartnerRole.Vendor, partner!.Role);
        Assert.Empty(partner.Forward);
    }

    [Fact]
    public void Parse_ReturnsCartsAsBase64_WhenCartReturnFieldIsNotSet()
    {
        var (partner, errors) = Parse(Valid.Replace("  cartReturnField: cXML-urlencoded\n", "", StringComparison.Ordinal));

        Assert.Empty(errors);
        Assert.Equal(IntegrationHub.Formats.Cxml.CartReturnField.Base64, partner!.CartReturnField);
    }

    [Fact]
    public void Parse_LeavesCartCredentialAndContractUnset_WhenThePartnerFileStatesNone()
    {
        var (partner, errors) = Parse(Valid.Replace("  cartCredential: { domain: DUNS, identity: '123456789' }\n", "", StringComparison.Ordinal)
            .Replace("  contract: { extrinsic: ContractID, ociParameter: CONTRACT }\n", "", StringComparison.Ordinal));

        Assert.Empty(errors);
        Assert.Null(partner!.CartCredential);
        Assert.Null(partner.Contract);
    }

    [Theory]
    [InlineData("id: acme", "id: other", "must be the folder's name")]
    [InlineData("id: acme", "id: Acme_Co", "is not a partner id")]
    [InlineData("sharedSecret: ACME_CXML_SECRET", "sharedSecret: hunter2-is-my-password", "never the secret itself")]
    [InlineData("apiKey: Partners:acme:X12ApiKey", "apiKey: 8f3b-pasted-key!", "never the secret itself")]
    [InlineData("qualifier: ZZ", "qualifier: ZZZ", "ISA05 is two characters")]
    [InlineData("environment: test", "environment: staging", "'environment' is one of production, test")]
    [InlineData("acknowledgment: '999'", "acknowledgment: '998'", "997, 999 or none")]
    [InlineData("version: '005010'", "version: '003040'", "004010 or 005010")]
    [InlineData("element: '|'", "element: 'AB'", "a delimiter is one character")]
    [InlineData("component: '>'", "component: '|'", "the four delimiters must all differ")]
    [InlineData("x12: https://edi.acme.example/in", "x12: http://edi.acme.example/in", "not an https:// URL")]
    [InlineData("punchout:", "punchline:", "unexpected key 'punchline'")]
    [InlineData("cartReturnField: cXML-urlencoded", "cartReturnField: cxml-base64", "cXML-base64 or cXML-urlencoded")]
    [InlineData("name: Acme Hospital", "name: Acme Hospital\n  role: carrier", "'role' is buyer or vendor")]
    [InlineData("forward: [shipments, invoices, acknowledgments]", "forward: [shipments, orders]", "'forward' lists shipments, invoices and acknowledgments, not 'orders'")]
    [InlineData("name: Acme Hospital", "name: Acme Hospital\n  role: vendor", "'forward' is a buyer's setting")]
    [InlineData("duplicateGroups: reject", "duplicateGroups: refuse", "reject, flag or ignore")]
    [InlineData("duplicateSets: flag", "duplicateSets: yes", "reject, flag or ignore")]
    [InlineData("sessionReference: PHC", "sessionReference: zz", "'sessionReference' is a REF01 qualifier")]
    [InlineData("scheme: basic", "scheme: bearer", "basic or apiKey")]
    [InlineData("user: supplier, ", "", "basic credentials need 'user:'")]
    [InlineData("secret: Partners:acme:OutboundPassword", "secret: pa55word!", "never the secret itself")]
    [InlineData("secret: Partners:acme:OutboundPassword", "header: X-Key", "need 'secret:'")]
    [InlineData("  credentials:\n    x12:", "  credentials:\n    cxml:", "need an 'endpoints.cxml' URL")]
    [InlineData("{ domain: DUNS, identity: '123456789' }", "{ domain: DUNS }", "'identity:' is required")]
    [InlineData("{ domain: DUNS, identity: '123456789' }", "{ domain: DUNS, identity: '1', secret: x }", "unexpected key 'secret'")]
    [InlineData("{ extrinsic: ContractID, ociParameter: CONTRACT }", "{}", "'contract' names where the buyer sends its contract id")]
    [InlineData("ociParameter: CONTRACT", "ociParameter: 'CONTRACT ID'", "is not an OCI parameter name")]
    [InlineData("extrinsic: ContractID", "cookieField: ContractID", "unexpected key 'cookieField'")]
    public void Parse_NamesTheMistake_WhenASettingIsWrong(string replace, string with, string message)
    {
        var (partner, errors) = Parse(Valid.Replace(replace, with, StringComparison.Ordinal));

        Assert.Null(partner);
        Assert.Contains(errors, e => e.Message.Contains(message, StringComparison.Ordinal) && e.Line > 0 && e.Column > 0);
    }

    [Fact]
    public void Parse_ReadsTheSsccSettings_WhenThePartnerFileGivesThem()
    {
        var (partner, errors) = Parse(Valid + "\nsscc: { companyPrefix: '0614141', extensionDigit: 3 }\n");

        Assert.Empty(errors);
        Assert.Equal(new SsccSettings("0614141", 3), partner!.Sscc);
        Assert.Null(Parse(Valid).Partner!.Sscc);
    }

    [Theory]
    [InlineData("sscc: { companyPrefix: '12345' }", "6 to 12 digits")]
    [InlineData("sscc: { companyPrefix: '0614141', extensionDigit: 12 }", "one digit, 0 to 9")]
    [InlineData("sscc: { extensionDigit: 1 }", "companyPrefix")]
    public void Parse_NamesTheMistake_WhenTheSsccSettingsAreWrong(string sscc, string message)
    {
        var (partner, errors) = Parse(Valid + "\n" + sscc + "\n");

        Assert.Null(partner);
        Assert.Contains(errors, e => e.Message.Contains(message, StringComparison.Ordinal) && e.Line > 0);
    }

    [Fact]
    public void Parse_ReadsTheCxmlRequestLimit_WhenThePartnerFileGivesOne()
    {
        var (partner, errors) = Parse(Valid + "\nlimits: { cxmlRequestsPerMinute: 600 }\n");

        Assert.Empty(errors);
        Assert.Equal(600, partner!.CxmlRequestsPerMinute);
        Assert.Null(Parse(Valid).Partner!.CxmlRequestsPerMinute);
    }

    [Theory]
    [InlineData("limits: { cxmlRequestsPerMinute: 0 }", "whole number from 1 to 10000000, not '0'")]
    [InlineData("limits: { cxmlRequestsPerMinute: 1.5 }", "not '1.5'")]
    [InlineData("limits: { cxmlRequestsPerMinute: -3 }", "not '-3'")]
    [InlineData("limits: { ociCallsPerMinute: 5 }", "ociCallsPerMinute")]
    public void Parse_NamesTheMistake_WhenTheLimitsAreWrong(string limits, string message)
    {
        var (partner, errors) = Parse(Valid + "\n" + limits + "\n");

        Assert.Null(partner);
        Assert.Contains(errors, e => e.Message.Contains(message, StringComparison.Ordinal) && e.Line > 0);
    }

    [Fact]
    public void Parse_RequiresAnIdentity() =>
        Assert.Contains(Parse("partner:\n  id: acme\n  name: Acme\n").Errors, e => e.Message.Contains("at least one identity", StringComparison.Ordinal));

    [Fact]
    public void Registry_FindsPartnersByEveryIdentity_InTheRepositoryMappings()
    {
        var registry = PartnerRegistry.Load(Path.Combine(RepositoryPaths.Root, "mappings"));

        Assert.Empty(registry.Errors);
        Assert.Equal("demo-buyer", registry.FindX12("ZZ", "DEMOBUYER      ")!.Id);
        Assert.Equal("demo-buyer", registry.FindCxml("networkid", "AN-DEMO-BUYER")!.Value.Partner.Id);
        Assert.Equal("demo-buyer", registry.FindOci("demo-buyer")!.Value.Partner.Id);
        Assert.Null(registry.FindX12("ZZ", "NOBODY"));
    }

    [Fact]
    public void Registry_RefusesTheSecondClaim_WhenTwoPartnersShareAnIdentity()
    {
        var root = Directory.CreateTempSubdirectory("integrationhub-partners-").FullName;
        try
        {
            foreach (var id in new[] { "acme", "copycat" })
            {
                Directory.CreateDirectory(Path.Combine(root, "partners", id));
                File.WriteAllText(Path.Combine(root, "partners", id, "partner.yaml"), Valid.Replace("id: acme", $"id: {id}", StringComparison.Ordinal));
            }

            var registry = PartnerRegistry.Load(root);

            Assert.Contains(registry.Errors, e => e.Message.Contains("X12 sender ZZ/ACMEHOSP is already acme's", StringComparison.Ordinal));
            Assert.Equal("acme", registry.FindX12("ZZ", "ACMEHOSP")!.Id);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
