using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WireMock.Server;

namespace IntegrationHub.Host.Tests.Fixtures;

/// <summary>
/// A hub on a fresh database for one test class, with WireMock.Net standing in for the order store and a partner's
/// endpoint, the demo partner's secrets set, short retry delays, and an outbox folder of its own.
/// </summary>
public sealed class PipelineFixture(PostgresServer server) : IAsyncLifetime
{
    public const string CxmlSecret = "demo-shared-secret-for-tests";
    public const string X12Key = "demo-x12-key-for-tests";
    public const string StoreSecret = "store-push-secret-for-tests";
    public const string SsccCompanyPrefix = "0614141";

    /// <summary>What the hub presents to the partner stub: edi-partner's API key (X-Partner-Key) and edi-strict's Basic password.</summary>
    public const string OutboundKey = "outbound-key-for-tests", OutboundPassword = "outbound-password-for-tests";

    /// <summary>The cXML identity of the test partner <c>cxml-partner</c>, whose documents go to <see cref="Partner"/>.</summary>
    public const string CxmlPartnerIdentity = "AN-CXML-PARTNER";

    /// <summary>The test vendor (<c>role: vendor</c>): X12 as THREEPL or DROPSHIP, cXML as AN-3PL, as in the vendor golden samples.</summary>
    public const string VendorId = "vendor-3pl";

    private HubAppFactory? _app;

    public WireMockServer Store { get; } = WireMockServer.Start();

    /// <summary>The endpoint of the test partners <c>edi-partner</c> and <c>cxml-partner</c> (https, with WireMock's own certificate, trusted by this hub only).</summary>
    public WireMockServer Partner { get; } = WireMockServer.Start(new WireMock.Settings.WireMockServerSettings
    {
        UseSSL = true,
        CertificateSettings = new WireMock.Settings.WireMockCertificateSettings { X509Certificate = SelfSigned() },
    });

    /// <summary>A copy of the repository's mappings with one more partner, <c>edi-partner</c>, whose acknowledgments go to <see cref="Partner"/>.</summary>
    public string Mappings { get; } = Path.Combine(Path.GetTempPath(), $"hub-mappings-{Guid.NewGuid():N}");

    public string ConnectionString { get; private set; } = string.Empty;

    public string Outbox { get; } = Path.Combine(Path.GetTempPath(), $"hub-outbox-{Guid.NewGuid():N}");

    public string Inbox { get; } = Path.Combine(Path.GetTempPath(), $"hub-inbox-{Guid.NewGuid():N}");

    public HubAppFactory App
    {
        get
        {
            if (server.Unavailable is not null) Assert.Skip(server.Unavailable);
            return _app ??= new HubAppFactory(ConnectionString, new Dictionary<string, string?>
            {
                ["Partners:demo-buyer:CxmlSharedSecret"] = CxmlSecret,
                ["Partners:demo-buyer:X12ApiKey"] = X12Key,
                ["Stores:Order:BaseUrl"] = Store.Url + "/store/",
                ["Pipeline:RetryBaseDelaySeconds"] = "0.3",
                ["Pipeline:MaxRetryDelaySeconds"] = "1",
                ["Pipeline:MaxAttempts"] = "4",
                ["Pipeline:SweepIntervalSeconds"] = "1",
                ["Pipeline:StuckAfterSeconds"] = "2",
                ["Pipeline:SecretHashIterations"] = "10000",
                ["Pipeline:OutboxPath"] = Outbox,
                ["Pipeline:InboxPath"] = Inbox,
                ["Pipeline:InboxPollSeconds"] = "1",
                ["Hub:WorkerCount"] = "4",
                ["Hub:MappingsPath"] = Mappings,
                ["Partners:edi-partner:X12ApiKey"] = X12Key,
                ["Partners:edi-partner:OutboundKey"] = OutboundKey,
                ["Partners:edi-strict:X12ApiKey"] = X12Key,
                ["Partners:edi-strict:OutboundPassword"] = OutboundPassword,
                ["Partners:edi-ta1:X12ApiKey"] = X12Key,
                ["Partners:cxml-partner:CxmlSharedSecret"] = CxmlSecret,
                ["Partners:vendor-3pl:X12ApiKey"] = X12Key,
                ["Partners:vendor-3pl:CxmlSharedSecret"] = CxmlSecret,
                ["Stores:Shipments:Secret"] = StoreSecret,
                ["Stores:Invoices:Secret"] = StoreSecret,
                // Polled by the tests themselves: two records a page, so a few make several pages.
                ["Stores:Shipments:BaseUrl"] = Store.Url + "/store/",
                ["Stores:Invoices:BaseUrl"] = Store.Url + "/store/",
                ["Stores:Shipments:Poll:PageSize"] = "2",
                ["Stores:Invoices:Poll:PageSize"] = "2",
                // Scheduled, but only once a year (the tests poll themselves); the invoice poll's cron is broken on purpose.
                ["Stores:Shipments:Poll:Enabled"] = "true",
                ["Stores:Shipments:Poll:Cron"] = "0 0 1 1 *",
                ["Stores:Invoices:Poll:Enabled"] = "true",
                ["Stores:Invoices:Poll:Cron"] = "every five minutes",
                ["Sscc:CompanyPrefix"] = SsccCompanyPrefix,
            }, services => services.AddHttpClient(IntegrationHub.Pipeline.Outbox.SendOutboundJob.HttpClientName)
                .ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler
                {
                    // WireMock's certificate is its own; only the test hub trusts it, and only for the partner stub.
                    ServerCertificateCustomValidationCallback = (_, _, _, _) => true,
                }));
        }
    }

    /// <summary>A started hub: the database migrated and the worker running.</summary>
    public async Task<HttpClient> ClientAsync()
    {
        var client = App.CreateClient();
        await App.Services.GetRequiredService<IntegrationHub.Persistence.HubDatabase>().WhenReady.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        return client;
    }

    /// <summary>The store stub answers calls about one order (matched by its number in the body) with this status and body.</summary>
    public void StoreAnswers(string orderNumber, int status, string body, int priority = 10, string path = "/store/orders") =>
        Store.Given(WireMock.RequestBuilders.Request.Create().WithPath(path).UsingPost()
                .WithBody(new WireMock.Matchers.WildcardMatcher($"*\"{orderNumber}\"*")))
            .AtPriority(priority)
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body));

    /// <summary>How many calls about one order the store stub received.</summary>
    public int StoreCalls(string orderNumber) =>
        Store.LogEntries.Count(e => (e.RequestMessage.Body ?? "").Contains($"\"{orderNumber}\"", StringComparison.Ordinal));

    /// <summary>The status of the hub's order with this number, or empty while there is none.</summary>
    public Task<string> OrderStatusAsync(string orderNumber) =>
        ScalarAsync<string>("SELECT coalesce(max(status), '') FROM hub.purchase_order WHERE order_number = @OrderNumber", new { OrderNumber = orderNumber });

    public async Task<T> ScalarAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        return await connection.ExecuteScalarAsync<T>(new CommandDefinition(sql, parameters)) ?? throw new InvalidOperationException($"No value: {sql}");
    }

    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        return [.. await connection.QueryAsync<T>(new CommandDefinition(sql, parameters))];
    }

    public async ValueTask InitializeAsync()
    {
        if (server.Unavailable is null) ConnectionString = await server.CreateDatabaseAsync("pipeline");
        MappingsCopy.CopyFolder(Path.Combine(PurchaseOrders.Documents.RepositoryRoot, "mappings"), Mappings);
        var partner = Path.Combine(Mappings, "partners", "edi-partner");
        Directory.CreateDirectory(partner);
        await File.WriteAllTextAsync(Path.Combine(partner, "partner.yaml"), $$"""
            partner:
              id: edi-partner
              name: EDI Partner for tests
            identities:
              x12:
                - qualifier: ZZ
                  id: EDIPARTNER
                  apiKey: Partners:edi-partner:X12ApiKey
            x12:
              acknowledgment: '999'
            endpoints:
              x12: {{Partner.Url}}/edi/inbound
              credentials:
                x12:
                  scheme: apiKey
                  header: X-Partner-Key
                  secret: Partners:edi-partner:OutboundKey
            forward: [shipments, invoices, acknowledgments]
            """);
        // Rejects GS06 and ST02 it used before, always gets a TA1, and takes its answers with Basic credentials.
        await WritePartnerAsync("edi-strict", $$"""
            partner:
              id: edi-strict
              name: Strict EDI partner for tests
            identities:
              x12:
                - qualifier: ZZ
                  id: EDISTRICT
                  apiKey: Partners:edi-strict:X12ApiKey
            x12:
              interchangeAcknowledgment: always
              duplicateGroups: reject
              duplicateSets: reject
            endpoints:
              x12: {{Partner.Url}}/edi/strict
              credentials:
                x12:
                  scheme: basic
                  user: supplier-hub
                  secret: Partners:edi-strict:OutboundPassword
            """);
        // Wants no 997, only TA1s; its endpoint names a password nobody configured.
        await WritePartnerAsync("edi-ta1", $$"""
            partner:
              id: edi-ta1
              name: TA1-only EDI partner for tests
            identities:
              x12:
                - qualifier: ZZ
                  id: EDITA1
                  apiKey: Partners:edi-ta1:X12ApiKey
            x12:
              acknowledgment: none
              interchangeAcknowledgment: always
              duplicateGroups: ignore
            endpoints:
              x12: {{Partner.Url}}/edi/ta1
              credentials:
                x12:
                  scheme: apiKey
                  secret: Partners:edi-ta1:NeverConfigured
            """);
        var cxmlPartner = Path.Combine(Mappings, "partners", "cxml-partner");
        Directory.CreateDirectory(cxmlPartner);
        await File.WriteAllTextAsync(Path.Combine(cxmlPartner, "partner.yaml"), $$"""
            partner:
              id: cxml-partner
              name: cXML Partner for tests
            identities:
              cxml:
                - domain: NetworkID
                  identity: {{CxmlPartnerIdentity}}
                  sharedSecret: Partners:cxml-partner:CxmlSharedSecret
            endpoints:
              cxml: {{Partner.Url}}/cxml/inbound
            forward: [shipments, acknowledgments]
            """);
        // A 3PL warehouse that ships and bills the supplier's orders, with the identities of the vendor golden samples.
        var vendor = Path.Combine(Mappings, "partners", VendorId);
        Directory.CreateDirectory(vendor);
        await File.WriteAllTextAsync(Path.Combine(vendor, "partner.yaml"), $$"""
            partner:
              id: {{VendorId}}
              name: 3PL warehouse for tests
              role: vendor
            identities:
              x12:
                - qualifier: ZZ
                  id: THREEPL
                  apiKey: Partners:{{VendorId}}:X12ApiKey
                - qualifier: ZZ
                  id: DROPSHIP
                  apiKey: Partners:{{VendorId}}:X12ApiKey
              cxml:
                - domain: NetworkID
                  identity: AN-3PL
                  sharedSecret: Partners:{{VendorId}}:CxmlSharedSecret
            x12:
              acknowledgment: '997'
            """);
    }

    private async Task WritePartnerAsync(string id, string yaml)
    {
        var folder = Path.Combine(Mappings, "partners", id);
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "partner.yaml"), yaml);
    }

    // A throw-away certificate for the partner stub's https endpoint (partner files accept https URLs only).
    private static System.Security.Cryptography.X509Certificates.X509Certificate2 SelfSigned()
    {
        using var key = System.Security.Cryptography.RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=localhost", key,
            System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12(certificate.Export(
            System.Security.Cryptography.X509Certificates.X509ContentType.Pfx), null);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        Store.Stop();
        Store.Dispose();
        Partner.Stop();
        Partner.Dispose();
        if (Directory.Exists(Mappings)) Directory.Delete(Mappings, recursive: true);
        if (Directory.Exists(Outbox)) Directory.Delete(Outbox, recursive: true);
        if (Directory.Exists(Inbox)) Directory.Delete(Inbox, recursive: true);
    }
}
