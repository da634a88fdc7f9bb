using IntegrationHub.Documents;

namespace IntegrationHub.Formats.Cxml;

/// <summary>
/// The one table from diagnostic codes to the cXML Status a Response carries. 4xx means "do not retry" and 5xx
/// "retry", so anything wrong with the document itself maps to 4xx; only the hub's own failures, and a request it cannot
/// take now (past a rate limit: 560, which buyers retry later), map to 5xx.
/// </summary>
public static class CxmlStatusTable
{
    /// <summary>The rows: diagnostic code (or code prefix ending in '.'), status code, status text.</summary>
    public static IReadOnlyList<(string Code, int Status, string Text)> Rows { get; } =
    [
        (CxmlCodes.Malformed, 406, "Not Acceptable"),
        (CxmlCodes.TooLarge, 406, "Not Acceptable"),
        (CxmlCodes.TooDeep, 406, "Not Acceptable"),
        (CxmlCodes.EntityDeclared, 406, "Not Acceptable"),
        (CxmlCodes.NotEnvelope, 406, "Not Acceptable"),
        (CxmlCodes.EnvelopeRequired, 400, "Bad Request"),
        (CxmlCodes.Required, 400, "Bad Request"),
        (CxmlCodes.InvalidValue, 400, "Bad Request"),
        (CxmlCodes.Duplicate, 400, "Bad Request"),
        (CxmlCodes.Unauthorized, 401, "Unauthorized"),
        (CxmlCodes.Forbidden, 403, "Forbidden"),
        (CxmlCodes.Conflict, 409, "Conflict"),
        (CxmlCodes.PreconditionFailed, 412, "Precondition Failed"),
        (CxmlCodes.Unsupported, 450, "Not Implemented"),
        (CxmlCodes.NotImplemented, 450, "Not Implemented"),
        (CxmlCodes.TooManyRequests, 560, "Temporary Server Error"),
        ("cxml.", 400, "Bad Request"),
        ("internal.", 500, "Internal Server Error"),
    ];

    /// <summary>The status for a set of diagnostics: 200 OK when there is no error, else the first error's row.</summary>
    public static CxmlStatus StatusFor(IEnumerable<Diagnostic> diagnostics, string language = "en-US")
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        var errors = diagnostics.Where(d => d.Severity == Severity.Error).ToList();
        if (errors.Count == 0) return new CxmlStatus(200, "OK", string.Empty, language);
        var (_, code, text) = RowFor(errors[0].Code);
        var detail = string.Join("\n", errors.Select(e => $"{e.Code} at {e.Position}: {e.Message}"));
        return new CxmlStatus(code, text, detail, language);
    }

    /// <summary>The row for one diagnostic code: exact match first, then the longest matching prefix; unknown codes are 500.</summary>
    public static (string Code, int Status, string Text) RowFor(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        foreach (var row in Rows)
        {
            if (row.Code == code) return row;
        }
        var prefix = Rows.Where(row => row.Code.EndsWith('.') && code.StartsWith(row.Code, StringComparison.Ordinal))
            .OrderByDescending(row => row.Code.Length).FirstOrDefault();
        return prefix.Code is null ? ("", 500, "Internal Server Error") : prefix;
    }

    /// <summary>
    /// A well-formed cXML Response carrying the status and, when it is a 2xx, the <paramref name="payload"/> (a PunchOutSetupResponse,
    /// a ProfileResponse); the payloadID and timestamp come from the injected sources.
    /// </summary>
    public static CxmlDocument ResponseFor(CxmlStatus status, CxmlEnvelopeFactory factory, CxmlElement? payload = null)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(factory);
        var element = new CxmlElement("Status").SetAttribute("code", status.Code.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .SetAttribute("text", status.Text);
        if (status.Language is not null) element.SetAttribute("xml:lang", status.Language);
        if (status.Detail.Length > 0) element.AddText(status.Detail);
        return factory.Response(element, payload);
    }
}
