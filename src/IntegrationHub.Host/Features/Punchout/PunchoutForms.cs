namespace IntegrationHub.Features.Punchout;

/// <summary>A request the hub refused before reading it (too large, not a readable form), with the status to answer.</summary>
internal sealed record FormProblem(int Status, string Message);

/// <summary>Reads a punchout request's parameters, turning an oversized or malformed body into a page rather than an exception.</summary>
internal static class PunchoutForms
{
    /// <summary>The form fields (first) and the query parameters of the request.</summary>
    public static async Task<(List<KeyValuePair<string, string>> Values, FormProblem? Problem)> ParametersAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var values = new List<KeyValuePair<string, string>>();
        if (context.Request.HasFormContentType)
        {
            var (form, problem) = await FormAsync(context, cancellationToken);
            if (problem is not null) return (values, problem);
            foreach (var (name, value) in form!) values.AddRange(value.Select(v => KeyValuePair.Create(name, v ?? string.Empty)));
        }
        foreach (var (name, value) in context.Request.Query) values.AddRange(value.Select(v => KeyValuePair.Create(name, v ?? string.Empty)));
        return (values, null);
    }

    /// <summary>The posted form; a body over Hub:MaxRequestBodyBytes or past the form limits is a problem, not an exception.</summary>
    public static async Task<(IFormCollection? Form, FormProblem? Problem)> FormAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (!context.Request.HasFormContentType) return (null, new FormProblem(StatusCodes.Status415UnsupportedMediaType, "The request is not a form post."));
        try
        {
            return (await context.Request.ReadFormAsync(cancellationToken), null);
        }
        catch (BadHttpRequestException ex)
        {
            return (null, new FormProblem(ex.StatusCode, ex.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? "The request is larger than this hub accepts." : "The form could not be read."));
        }
        catch (InvalidDataException)
        {
            return (null, new FormProblem(StatusCodes.Status413PayloadTooLarge, "The form has more or longer fields than this hub accepts."));
        }
    }
}
