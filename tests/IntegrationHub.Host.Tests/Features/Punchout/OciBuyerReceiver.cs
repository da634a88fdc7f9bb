using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace IntegrationHub.Host.Tests.Features.Punchout;

/// <summary>
/// Plays an OCI or cXML buyer system on real Kestrel at http://localhost:PORT (another site than the hub on 127.0.0.1): pages that
/// post the OCI login form to the hub or frame a cXML StartPage, top-level or into an iframe, and the HOOK_URL (also the cXML
/// BrowserFormPost URL) that captures the cart the hub posts back.
/// </summary>
public sealed class OciBuyerReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TaskCompletionSource<IReadOnlyList<KeyValuePair<string, string>>> _cart = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private OciBuyerReceiver(WebApplication app, string origin, string hookUrl)
    {
        _app = app;
        Origin = origin;
        HookUrl = hookUrl;
    }

    public string Origin { get; }

    public string HookUrl { get; }

    /// <summary>The posted fields of the first cart that arrived, in order.</summary>
    public Task<IReadOnlyList<KeyValuePair<string, string>>> Cart => _cart.Task;

    /// <summary>Starts the buyer at http://<paramref name="host"/>:PORT; its HOOK_URL is on localhost at that port.</summary>
    public static async Task<OciBuyerReceiver> StartAsync(string hubOrigin, string password, string host = "localhost")
    {
        var port = Fixtures.Http.FreePort();
        var origin = $"http://{host}:{port}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(origin);
        var app = builder.Build();
        var receiver = new OciBuyerReceiver(app, origin, $"http://localhost:{port}/hook");
        app.MapGet("/buyer/top", () => Html(receiver.LoginForm(hubOrigin, password, formTarget: null)));
        app.MapGet("/buyer/frame", () => Html(receiver.LoginForm(hubOrigin, password, formTarget: "catalog")
            + "<iframe name=\"catalog\" title=\"Supplier catalog\" width=\"1000\" height=\"700\" "
            + "sandbox=\"allow-forms allow-scripts allow-same-origin allow-top-navigation\"></iframe>"));
        // A cXML buyer (Coupa, Ariba) opens the StartPage its setup request got in an iframe of its own page.
        app.MapGet("/buyer/start", (string url) => Html("<h1>Buyer system</h1><iframe name=\"catalog\" title=\"Supplier catalog\" width=\"1000\" height=\"700\" src=\""
            + WebUtility.HtmlEncode(url) + "\" sandbox=\"allow-forms allow-scripts allow-same-origin allow-top-navigation\"></iframe>"));
        app.MapPost("/hook", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            receiver._cart.TrySetResult([.. form.SelectMany(f => f.Value.Select(v => KeyValuePair.Create(f.Key, v ?? string.Empty)))]);
            return Html("<h1>Cart received</h1>");
        }).DisableAntiforgery();
        await app.StartAsync();
        return receiver;
    }

    private string LoginForm(string hubOrigin, string password, string? formTarget)
    {
        var html = new StringBuilder("<h1>Buyer system</h1><form method=\"post\" action=\"").Append(hubOrigin).Append("/oci/demo-buyer\"");
        if (formTarget is not null) html.Append(" target=\"").Append(formTarget).Append('"');
        html.Append('>');
        foreach (var (name, value) in new Dictionary<string, string>
        {
            ["USERNAME"] = "demo-buyer", ["PASSWORD"] = password, ["HOOK_URL"] = HookUrl, ["~TARGET"] = "_top", ["~OkCode"] = "ADDI",
            ["~caller"] = "CTLG", ["OCI_VERSION"] = "4.0",
        })
        {
            html.Append("<input type=\"hidden\" name=\"").Append(WebUtility.HtmlEncode(name)).Append("\" value=\"").Append(WebUtility.HtmlEncode(value)).Append("\">");
        }
        return html.Append("<button type=\"submit\">Punch out</button></form>").ToString();
    }

    private static IResult Html(string body) =>
        Results.Content($"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Buyer</title></head><body>{body}</body></html>", "text/html; charset=utf-8");

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
