using IntegrationHub.Documents;

namespace IntegrationHub.Formats.Oci;

/// <summary>What reading OCI login or search parameters produced.</summary>
public sealed record OciLoginResult(OciLoginRequest Request, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>True when any diagnostic is an error.</summary>
    public bool HasErrors => Diagnostics.Any(diagnostic => diagnostic.Severity == Severity.Error);
}

/// <summary>
/// The parameters a buyer's system sends when it calls the catalogue (OCI 4.0/5.0): the return URL, credentials, frame target,
/// and the function with its parameters. Every parameter is kept in <see cref="Parameters"/>; the password never renders.
/// </summary>
public sealed record OciLoginRequest(
    string? HookUrl, string? Username, string? Password, string Target, string? OkCode, string? Caller, OciVersion Version,
    OciFunction Function, string? ProductId, decimal? Quantity, string? SearchString, IReadOnlyDictionary<string, string> Parameters)
{
    private static readonly string[] PasswordNames = ["PASSWORD", "password", "pass", "pwd"];

    /// <summary>Reads form or query parameters leniently (names are matched case-insensitively, values trimmed).</summary>
    public static OciLoginResult Parse(IEnumerable<KeyValuePair<string, string>> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var all = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in parameters) all.TryAdd(name.Trim(), value.Trim());
        var diagnostics = new List<Diagnostic>();

        var hookUrl = Value(all, "HOOK_URL");
        if (hookUrl is null || !Uri.TryCreate(hookUrl, UriKind.Absolute, out var hook) || (hook.Scheme != Uri.UriSchemeHttps && hook.Scheme != Uri.UriSchemeHttp))
            diagnostics.Add(Error(OciCodes.HookUrl, hookUrl is null ? "HOOK_URL is missing." : $"HOOK_URL \"{hookUrl}\" is not an absolute http(s) URL.", "HOOK_URL"));

        var version = OciVersion.V40;
        var versionText = Value(all, "OCI_VERSION");
        if (versionText is not null)
        {
            if (versionText.StartsWith('5')) version = OciVersion.V50;
            else if (!versionText.StartsWith('4'))
                diagnostics.Add(Warning(OciCodes.Version, $"OCI_VERSION \"{versionText}\" is not 4.0 or 5.0; read as 4.0.", "OCI_VERSION"));
        }

        var functionText = Value(all, "FUNCTION");
        var function = functionText?.ToUpperInvariant() switch
        {
            null => OciFunction.Login,
            "DETAIL" => OciFunction.Detail,
            "VALIDATE" => OciFunction.Validate,
            "BACKGROUND_SEARCH" => OciFunction.BackgroundSearch,
            "DETAILADD" => OciFunction.DetailAdd,
            "SOURCING" => OciFunction.Sourcing,
            _ => (OciFunction?)null,
        };
        if (function is null)
        {
            diagnostics.Add(Error(OciCodes.UnknownFunction, $"FUNCTION \"{functionText}\" is not DETAIL, VALIDATE, BACKGROUND_SEARCH, DETAILADD or SOURCING.", "FUNCTION"));
            function = OciFunction.Login;
        }

        var productId = Value(all, "PRODUCTID");
        var searchString = Value(all, "SEARCHSTRING");
        if (function is OciFunction.Detail or OciFunction.Validate or OciFunction.DetailAdd && productId is null)
            diagnostics.Add(Error(OciCodes.FunctionParameter, $"FUNCTION={functionText} needs PRODUCTID.", "PRODUCTID"));
        if (function == OciFunction.BackgroundSearch && searchString is null)
            diagnostics.Add(Error(OciCodes.FunctionParameter, "FUNCTION=BACKGROUND_SEARCH needs SEARCHSTRING.", "SEARCHSTRING"));

        decimal? quantity = null;
        if (Value(all, "QUANTITY") is { } quantityText)
        {
            quantity = OciNumbers.Parse(quantityText);
            if (quantity is null) diagnostics.Add(Warning(OciCodes.InvalidNumber, $"QUANTITY \"{quantityText}\" is not a number.", "QUANTITY"));
        }

        var request = new OciLoginRequest(hookUrl, Value(all, "USERNAME"), PasswordNames.Select(name => Value(all, name)).FirstOrDefault(v => v is not null),
            Value(all, "~TARGET") ?? Value(all, "returntarget") ?? "_top", Value(all, "~OkCode"), Value(all, "~CALLER"), version, function.Value,
            productId, quantity, searchString, all);
        return new OciLoginResult(request, diagnostics);
    }

    /// <summary>A rendering that is safe to log: the password (and any parameter named like one) is redacted.</summary>
    public override string ToString() =>
        $"OCI {(Version == OciVersion.V50 ? "5.0" : "4.0")} {Function} user={Username ?? "(none)"} password={(Password is null ? "(none)" : "[redacted]")} hook={HookUrl} target={Target}"
        + (ProductId is null ? "" : $" product={ProductId}") + (SearchString is null ? "" : $" search=\"{SearchString}\"");

    /// <summary>The parameters with credentials redacted, for inspection and logs.</summary>
    public IEnumerable<KeyValuePair<string, string>> RedactedParameters() =>
        Parameters.Select(p => PasswordNames.Contains(p.Key, StringComparer.OrdinalIgnoreCase) ? KeyValuePair.Create(p.Key, "[redacted]") : p);

    private static string? Value(Dictionary<string, string> all, string name) =>
        all.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    private static Diagnostic Error(string code, string message, string field) => new(code, message, Severity.Error, new Position(-1, 0, 0, field));

    private static Diagnostic Warning(string code, string message, string field) => new(code, message, Severity.Warning, new Position(-1, 0, 0, field));
}
