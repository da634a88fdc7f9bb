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
    public const string CxmlSecret = "test-cxml-secret-41d9";
    public const string BrowserFormPost = "http://127.0.0.1:9/cxml/receive";

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
            ["Partners:demo-buyer:CxmlSharedSecret"] = CxmlSecret,
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
    public static async Task<string> OpenSessionAsync(HttpClient client, params (string Name, string? Value)[] changes) =>
        await StartSessionAsync(client, await LoginForStartAsync(client, changes));

    /// <summary>Opens a start URL and returns the session's access token.</summary>
    public static async Task<string> StartSessionAsync(HttpClient client, string start)
    {
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

    /// <summary>What the hub stored for the session of an access token: protocol, operation, BuyerCookie, return URL, environment.</summary>
    public async Task<(string, string, string?, string, string)> SessionAsync(string accessToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT protocol, operation, buyer_cookie, return_url, environment FROM hub.punchout_sessions WHERE access_token_hash = $1", connection)
        {
            Parameters = { new() { Value = PunchoutTokens.Hash(accessToken) } },
        };
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "no session for the token");
        return (reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3), reader.GetString(4));
    }

    /// <summary>The cart lines of the session of an access token: line number, SupplierPartID, SupplierPartAuxiliaryID, quantity.</summary>
    public async Task<List<(int, string, string, decimal)>> CartAsync(string accessToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT l.line_number, l.supplier_part_id, l.supplier_part_auxiliary_id, l.quantity
            FROM hub.punchout_sessions s JOIN hub.punchout_carts c ON c.session_id = s.id JOIN hub.punchout_cart_lines l ON l.cart_id = c.id
            WHERE s.access_token_hash = $1 ORDER BY l.line_number
            """, connection)
        {
            Parameters = { new() { Value = PunchoutTokens.Hash(accessToken) } },
        };
        var lines = new List<(int, string, string, decimal)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) lines.Add((reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.GetDecimal(3)));
        return lines;
    }

    /// <summary>The line references of the cart of the session of an access token, by line number.</summary>
    public async Task<List<string>> CartReferencesAsync(string accessToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT l.line_reference
            FROM hub.punchout_sessions s JOIN hub.punchout_carts c ON c.session_id = s.id JOIN hub.punchout_cart_lines l ON l.cart_id = c.id
            WHERE s.access_token_hash = $1 ORDER BY l.line_number
            """, connection)
        {
            Parameters = { new() { Value = PunchoutTokens.Hash(accessToken) } },
        };
        var references = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) references.Add(reader.GetString(0));
        return references;
    }

    public async Task<long> SessionCountAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM hub.punchout_sessions", connection);
        return (long)(await command.ExecuteScalarAsync())!;
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

    /// <summary>
    /// A PunchOutSetupRequest of the demo buyer (from the map's golden sample): the operation, return URL, secret and ItemOut lines
    /// (SupplierPartID, SupplierPartAuxiliaryID, quantity) given, a SelectedItem when <paramref name="selected"/> is set, and the
    /// ContractID Extrinsic when <paramref name="contract"/> is.
    /// </summary>
    public static string SetupRequest(string operation = "create", string returnUrl = BrowserFormPost, string secret = CxmlSecret,
        IEnumerable<(string Part, string Auxiliary, decimal Quantity)>? items = null, string? selected = null, string cookie = "cookie-1",
        string? contract = null)
    {
        var sample = File.ReadAllText(Path.Combine(PurchaseOrders.Documents.RepositoryRoot, "mappings/defaults/cxml/punchout-setup-request.inbound.samples/edit.xml"));
        var lines = string.Concat((items ?? []).Select((item, i) => $"""
            <ItemOut quantity="{item.Quantity.ToString(System.Globalization.CultureInfo.InvariantCulture)}" lineNumber="{i + 1}"><ItemID><SupplierPartID>{item.Part}</SupplierPartID><SupplierPartAuxiliaryID>{item.Auxiliary}</SupplierPartAuxiliaryID></ItemID>
            <ItemDetail><UnitPrice><Money currency="EUR">1.00</Money></UnitPrice><Description xml:lang="en">as the buyer has it</Description><UnitOfMeasure>EA</UnitOfMeasure><Classification domain="UNSPSC">44121704</Classification></ItemDetail></ItemOut>
            """));
        var selectedItem = selected is null ? "" : $"<SelectedItem><ItemID><SupplierPartID>{selected}</SupplierPartID></ItemID></SelectedItem>";
        var start = sample.IndexOf("<ItemOut", StringComparison.Ordinal);
        var end = sample.LastIndexOf("</ItemOut>", StringComparison.Ordinal) + "</ItemOut>".Length;
        return (sample[..start] + lines + sample[end..])
            .Replace("operation=\"edit\"", $"operation=\"{operation}\"", StringComparison.Ordinal)
            .Replace("https://buyer.example/punchout/return?session=c-8a7f2e", WebUtility.HtmlEncode(returnUrl), StringComparison.Ordinal)
            .Replace("<BuyerCookie>c-8a7f2e</BuyerCookie>", $"<BuyerCookie>{cookie}</BuyerCookie>", StringComparison.Ordinal)
            .Replace("never-in-the-session", secret, StringComparison.Ordinal)
            .Replace("<ShipTo>", selectedItem + "<ShipTo>", StringComparison.Ordinal)
            .Replace("<Extrinsic name=\"CostCenter\">4100</Extrinsic>",
                "<Extrinsic name=\"CostCenter\">4100</Extrinsic>" + (contract is null ? "" : $"<Extrinsic name=\"ContractID\">{WebUtility.HtmlEncode(contract)}</Extrinsic>"),
                StringComparison.Ordinal);
    }

    /// <summary>Posts a cXML document to <c>/cxml</c> and returns the cXML answer (always HTTP 200).</summary>
    public static async Task<string> PostCxmlAsync(HttpClient client, string document)
    {
        using var response = await client.PostAsync("/cxml", PurchaseOrders.Documents.Xml(document), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"HTTP {(int)response.StatusCode}: {body}");
        return body;
    }

    /// <summary>The StartPage URL of a PunchOutSetupResponse, as a path and query on the hub.</summary>
    public static string StartPage(string response)
    {
        var url = new Uri(WebUtility.HtmlDecode(StartPageUrl().Match(response).Groups[1].Value));
        return url.PathAndQuery;
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

    [GeneratedRegex("<StartPage>\\s*<URL>([^<]+)</URL>")]
    private static partial Regex StartPageUrl();

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
