using System.Net;
using System.Text.RegularExpressions;
using IntegrationHub.Features.Punchout;
using IntegrationHub.Host.Tests.Fixtures;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace IntegrationHub.Host.Tests.Features.Punchout;

/// <summary>A clock the tests move by hand.</summary>
public sealed class ManualClock : TimeProvider
{
    private DateTimeOffset _now = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}

/// <summary>The hub on a fresh database with the demo catalog seeded, the demo partner's OCI password set, and a manual clock.</summary>
public sealed partial class PunchoutFixture(PostgresServer server) : IAsyncLifetime
{
    public const string Password = "test-oci-password-7c1e";
    public const string HookUrl = "http://127.0.0.1:9/oci/receive";

    private HubAppFactory? _base;
    private WebApplicationFactory<Program>? _app;

    public ManualClock Clock { get; } = new();

    public string ConnectionString { get; private set; } = string.Empty;

    public WebApplicationFactory<Program> App => _app ?? throw new InvalidOperationException("Not initialised.");

    public async ValueTask InitializeAsync()
    {
        if (server.Unavailable is not null) return;
        ConnectionString = await server.CreateDatabaseAsync("punchout");
        _base = new HubAppFactory(ConnectionString, new Dictionary<string, string?>
        {
            ["Partners:demo-buyer:OciPassword"] = Password,
            ["Hub:MaxRequestBodyBytes"] = "65536",
        });
        _app = _base.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock)));
        _ = _app.Server; // start the hub: it migrates the database
        var ready = _app.Services.GetRequiredService<IntegrationHub.Persistence.HubDatabase>();
        await ready.WhenReady.WaitAsync(TimeSpan.FromSeconds(60));
        await DemoCatalog.SeedAsync(ready.DataSource, CancellationToken.None);
    }

    /// <summary>A browser-like client that does not follow redirects, so each step can be checked.</summary>
    public HttpClient Client()
    {
        if (server.Unavailable is not null) Assert.Skip(server.Unavailable);
        return App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
    }

    /// <summary>The OCI login parameters of the demo buyer, with <paramref name="changes"/> applied (a null value removes one).</summary>
    public static Dictionary<string, string> Login(params (string Name, string? Value)[] changes)
    {
        var parameters = new Dictionary<string, string>
        {
            ["USERNAME"] = "demo-buyer", ["PASSWORD"] = Password, ["HOOK_URL"] = HookUrl, ["~TARGET"] = "_top", ["~OkCode"] = "ADDI",
            ["~caller"] = "CTLG", ["OCI_VERSION"] = "4.0",
        };
        foreach (var (name, value) in changes)
        {
            if (value is null) parameters.Remove(name);
            else parameters[name] = value;
        }
        return parameters;
    }

    /// <summary>Logs in, follows the start redirect, and returns the session's access token.</summary>
    public static async Task<string> OpenSessionAsync(HttpClient client, params (string Name, string? Value)[] changes)
    {
        var start = await LoginForStartAsync(client, changes);
        using var opened = await client.GetAsync(start, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        return SessionToken().Match(opened.Headers.Location!.OriginalString).Groups[1].Value;
    }

    /// <summary>Logs in and returns the start URL the hub redirects to.</summary>
    public static async Task<string> LoginForStartAsync(HttpClient client, params (string Name, string? Value)[] changes)
    {
        using var login = await client.PostAsync("/oci/demo-buyer", new FormUrlEncodedContent(Login(changes)), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var location = login.Headers.Location!.OriginalString;
        Assert.StartsWith("/punchout/start?token=", location, StringComparison.Ordinal);
        return location;
    }

    public async Task<long> ProductIdAsync(string supplierPartId, string auxiliaryId = "")
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT id FROM hub.catalog_products WHERE supplier_part_id = $1 AND supplier_part_auxiliary_id = $2", connection)
        {
            Parameters = { new() { Value = supplierPartId }, new() { Value = auxiliaryId } },
        };
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Posts a catalog form of the session (with its token field, as the page's forms do).</summary>
    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string token, string action, params (string Name, string Value)[] fields)
    {
        var form = new Dictionary<string, string> { ["token"] = token };
        foreach (var (name, value) in fields) form[name] = value;
        return client.PostAsync($"/punchout/s/{token}/{action}", new FormUrlEncodedContent(form), TestContext.Current.CancellationToken);
    }

    /// <summary>The hidden fields of an OCI cart form, decoded, in order.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> HiddenFields(string html) =>
        [.. Hidden().Matches(html).Select(m => KeyValuePair.Create(WebUtility.HtmlDecode(m.Groups[1].Value), WebUtility.HtmlDecode(m.Groups[2].Value)))];

    [GeneratedRegex("/punchout/s/([A-Za-z0-9_-]+)/")]
    private static partial Regex SessionToken();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">")]
    private static partial Regex Hidden();

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        if (_base is not null) await _base.DisposeAsync();
    }
}
