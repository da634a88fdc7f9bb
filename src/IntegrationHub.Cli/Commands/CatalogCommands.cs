using System.CommandLine;
using System.Net.Http.Headers;
using System.Text.Json;

namespace IntegrationHub.Cli.Commands;

/// <summary>
/// <c>hub catalog export --partner ID --format index|cif [--out FILE] [--url URL] [--admin-key KEY]</c>: the one command
/// that needs a running hub, because the catalog lives in its database. It asks the admin API
/// (<c>GET /api/admin/catalog/export</c>) and streams the answer into the file.
/// </summary>
internal static class CatalogCommands
{
    /// <summary>Exit codes: written; the hub refused (its problem is shown); the export could not be asked for or written.</summary>
    public const int Written = 0, Refused = 1, Failed = 2;

    public const string AdminKeyVariable = "HUB_ADMIN_KEY";

    public const string DefaultUrl = "http://localhost:5080/";

    /// <summary>What to export and where to.</summary>
    public sealed record ExportRequest(string Partner, string Format, FileInfo? Out, Uri Url, string? AdminKey);

    public static Command Create()
    {
        var catalog = new Command("catalog", "The supplier's punchout catalog as a running hub holds it.");
        var partner = new Option<string>("--partner") { Description = "The buyer's partner id: its prices go into the file.", Required = true };
        var format = new Option<string>("--format") { Description = "index (a cXML Index) or cif (CIF 3.0).", Required = true };
        format.AcceptOnlyFromAmong("index", "cif");
        var output = new Option<FileInfo?>("--out") { Description = "The file to write (default: <partner>-catalog.xml or .cif in the current folder)." };
        var url = new Option<Uri>("--url")
        {
            Description = "The hub's base address.",
            DefaultValueFactory = _ => new Uri(DefaultUrl),
            CustomParser = result => Uri.TryCreate(result.Tokens[0].Value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri
                : Invalid(result, $"'{result.Tokens[0].Value}' is not an http or https address."),
        };
        var key = new Option<string?>("--admin-key")
        {
            Description = $"The hub's admin API key (Hub:AdminApiKey); better given as the environment variable {AdminKeyVariable}, which command lines do not show.",
        };
        var export = new Command("export", "Write a buyer's catalog with its prices, asked of a running hub's admin API. Exit 0: written; 1: the hub refused; 2: no key, no answer or the file not written.")
        {
            partner, format, output, url, key,
        };
        export.SetAction((parseResult, cancellationToken) => ExportAsync(
            new ExportRequest(parseResult.GetValue(partner)!, parseResult.GetValue(format)!, parseResult.GetValue(output), parseResult.GetValue(url)!,
                parseResult.GetValue(key) ?? Environment.GetEnvironmentVariable(AdminKeyVariable)),
            null, parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error, cancellationToken));
        catalog.Subcommands.Add(export);
        return catalog;
    }

    private static Uri Invalid(System.CommandLine.Parsing.ArgumentResult result, string message)
    {
        result.AddError(message);
        return new Uri(DefaultUrl);
    }

    /// <summary>Asks the hub for the export and writes it; <paramref name="handler"/> replaces the network (tests), null: a plain HTTP client.</summary>
    public static async Task<int> ExportAsync(ExportRequest request, HttpMessageHandler? handler, TextWriter output, TextWriter error,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.AdminKey))
        {
            await error.WriteLineAsync($"No admin key: give --admin-key or set {AdminKeyVariable}.");
            return Failed;
        }
        var target = request.Out ?? new FileInfo($"{request.Partner}-catalog.{(request.Format == "index" ? "xml" : "cif")}");
        using var client = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        client.Timeout = Timeout.InfiniteTimeSpan; // a large catalog streams for as long as it takes; Ctrl+C stops it
        var address = new Uri(request.Url.AbsoluteUri.EndsWith('/') ? request.Url : new Uri(request.Url.AbsoluteUri + "/"),
            $"api/admin/catalog/export?partner={Uri.EscapeDataString(request.Partner)}&format={Uri.EscapeDataString(request.Format)}");
        using var message = new HttpRequestMessage(HttpMethod.Get, address);
        message.Headers.Add("X-Api-Key", request.AdminKey);
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            await error.WriteLineAsync($"The hub at {request.Url} did not answer: {exception.Message}");
            return Failed;
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                await error.WriteLineAsync($"The hub refused the export ({(int)response.StatusCode} {response.ReasonPhrase}): {await ProblemAsync(response, cancellationToken)}");
                return Refused;
            }
            // Written beside the target and moved over it once complete: an export that breaks off leaves no half file.
            var partial = new FileInfo(target.FullName + ".partial");
            try
            {
                await using (var file = partial.Create())
                    await (await response.Content.ReadAsStreamAsync(cancellationToken)).CopyToAsync(file, cancellationToken);
                partial.MoveTo(target.FullName, overwrite: true);
            }
            catch (Exception exception)
            {
                partial.Refresh();
                if (partial.Exists) partial.Delete(); // also when stopped (Ctrl+C): no half file is left behind
                if (exception is not (IOException or UnauthorizedAccessException or HttpRequestException)) throw;
                await error.WriteLineAsync($"The export was not written to {target.FullName}: {exception.Message}");
                return Failed;
            }
            target.Refresh();
            await output.WriteLineAsync($"wrote {target.FullName} ({target.Length} bytes, {request.Format} for {request.Partner})");
            return Written;
        }
    }

    // The hub answers errors as JSON problems; their detail (or title) says why. Anything else is shown as it came, shortened.
    private static async Task<string> ProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.Content.Headers.ContentType is MediaTypeHeaderValue { MediaType: "application/problem+json" or "application/json" })
        {
            try
            {
                using var problem = JsonDocument.Parse(text);
                foreach (var name in (string[])["detail", "title"])
                    if (problem.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String) return value.GetString()!;
            }
            catch (JsonException)
            {
                // not a problem after all: shown as text
            }
        }
        return text.Length == 0 ? "no details" : text.Length > 500 ? text[..500] + "…" : text;
    }
}
