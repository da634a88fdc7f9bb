namespace IntegrationHub.Formats.Oci;

public sealed class OciLoginRequestTests
{
    private static OciLoginResult Parse(params (string Name, string Value)[] fields) =>
        OciLoginRequest.Parse(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)));

    [Fact]
    public void Parse_ReadsTheStandardFields_WhenBuyerLogsIn()
    {
        var result = Parse(("USERNAME", "buyer1"), ("PASSWORD", "hunter2"), ("HOOK_URL", "https://srm.example/sap/bc/gui/return?x=1"),
            ("~OkCode", "ADDI"), ("~TARGET", "_parent"), ("~CALLER", "CTLG"), ("OCI_VERSION", "5.0"), ("http_content_charset", "utf-8"));

        Assert.Empty(result.Diagnostics);
        var request = result.Request;
        Assert.Equal(OciFunction.Login, request.Function);
        Assert.Equal(OciVersion.V50, request.Version);
        Assert.Equal("https://srm.example/sap/bc/gui/return?x=1", request.HookUrl);
        Assert.Equal(("buyer1", "hunter2", "_parent", "ADDI", "CTLG"), (request.Username, request.Password, request.Target, request.OkCode, request.Caller));
        Assert.Equal("utf-8", request.Parameters["HTTP_CONTENT_CHARSET"]);
    }

    [Fact]
    public void ToString_RedactsThePassword_WhenOneWasSent()
    {
        var request = Parse(("USERNAME", "buyer1"), ("password", "hunter2"), ("HOOK_URL", "https://srm.example/r")).Request;

        Assert.DoesNotContain("hunter2", request.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(request.RedactedParameters(), p => p.Value == "hunter2");
        Assert.Equal("hunter2", request.Password);
    }

    [Theory]
    [InlineData("DETAIL", "PRODUCTID", "SP-1", OciFunction.Detail)]
    [InlineData("validate", "PRODUCTID", "SP-1", OciFunction.Validate)]
    [InlineData("BACKGROUND_SEARCH", "SEARCHSTRING", "gloves", OciFunction.BackgroundSearch)]
    [InlineData("DETAILADD", "PRODUCTID", "SP-1", OciFunction.DetailAdd)]
    [InlineData("SOURCING", "X", "", OciFunction.Sourcing)]
    public void Parse_RecognisesTheFunction_WhenItsParametersArePresent(string function, string parameter, string value, OciFunction expected)
    {
        var result = Parse(("HOOK_URL", "https://srm.example/r"), ("FUNCTION", function), (parameter, value), ("QUANTITY", "2,5"));

        Assert.Empty(result.Diagnostics);
        Assert.Equal(expected, result.Request.Function);
        Assert.Equal(2.5m, result.Request.Quantity);
    }

    [Theory]
    [InlineData("DETAIL", "PRODUCTID")]
    [InlineData("VALIDATE", "PRODUCTID")]
    [InlineData("DETAILADD", "PRODUCTID")]
    [InlineData("BACKGROUND_SEARCH", "SEARCHSTRING")]
    public void Parse_ReportsTheMissingParameter_WhenFunctionNeedsOne(string function, string parameter)
    {
        var result = Parse(("HOOK_URL", "https://srm.example/r"), ("FUNCTION", function));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(OciCodes.FunctionParameter, diagnostic.Code);
        Assert.Equal(parameter, diagnostic.Position.Path);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("javascript:alert(1)")]
    [InlineData("/relative/return")]
    public void Parse_ReportsHookUrl_WhenItIsMissingOrNotHttp(string? hookUrl)
    {
        var fields = hookUrl is null ? [("USERNAME", "u")] : new[] { ("HOOK_URL", hookUrl) };

        var result = Parse(fields);

        Assert.Contains(result.Diagnostics, d => d.Code == OciCodes.HookUrl && d.Position.Path == "HOOK_URL");
        Assert.True(result.HasErrors);
    }

    [Fact]
    public void Parse_ReportsUnknownFunctionAndVersion_WhenBuyerSendsOddValues()
    {
        var result = Parse(("HOOK_URL", "https://srm.example/r"), ("FUNCTION", "EXPLODE"), ("OCI_VERSION", "3.5"));

        Assert.Equal([OciCodes.Version, OciCodes.UnknownFunction], result.Diagnostics.Select(d => d.Code).Order(StringComparer.Ordinal).Reverse());
    }
}
