using System.Text.Json;
using Dapper;
using IntegrationHub.Features.CatalogSync;
using IntegrationHub.Host.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace IntegrationHub.Host.Tests.Features.CatalogSync;

/// <summary>
/// A hub on a fresh database with WireMock.Net as the catalog store (a long sync interval, so the tests run every sync
/// themselves); <see cref="ResetAsync"/> empties the catalog, the cursor and the stubs between tests.
/// </summary>
public sealed class CatalogSyncFixture(PostgresServer server) : IAsyncLifetime
{
    private HubAppFactory? _app;

    public WireMockServer Store { get; } = WireMockServer.Start();

    public HubAppFactory App => _app ?? throw new InvalidOperationException(server.Unavailable ?? "Not initialised.");

    public NpgsqlDataSource DataSource => App.Services.GetRequiredService<NpgsqlDataSource>();

    public async ValueTask InitializeAsync()
    {
        if (server.Unavailable is not null) return;
        var connectionString = await server.CreateDatabaseAsync("catalogsync");
        _app = new HubAppFactory(connectionString, new Dictionary<string, string?>
        {
            ["Stores:Catalog:BaseUrl"] = Store.Url + "/store/",
            ["Stores:Catalog:IntervalMinutes"] = "1440",
            ["Stores:Catalog:PageSize"] = "2",
            ["CatalogExport:SupplierId"] = "123456789",
        });
        _ = _app.Server;
        await _app.Services.GetRequiredService<IntegrationHub.Persistence.HubDatabase>().WhenReady.WaitAsync(TimeSpan.FromSeconds(60));
    }

    /// <summary>Runs one sync now, as the recurring job would.</summary>
    internal Task<CatalogSyncOutcome> SyncAsync(bool full = false)
    {
        if (server.Unavailable is not null) Assert.Skip(server.Unavailable);
        var job = App.Services.GetRequiredService<CatalogSyncJob>();
        return full ? job.FullAsync(TestContext.Current.CancellationToken) : job.IncrementalAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>The store answers a page request after <paramref name="cursor"/> (null: the first page) with this page.</summary>
    public void Page(string? cursor, object page, int status = 200)
    {
        var request = Request.Create().WithPath("/store/catalog/changes").UsingGet();
        if (cursor is not null) request = request.WithParam("updatedSince", cursor);
        Store.Given(request).AtPriority(cursor is null ? 10 : 1)
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json")
                .WithBody(page as string ?? JsonSerializer.Serialize(page, JsonSerializerOptions.Web)));
    }

    /// <summary>How many page requests the store saw after <paramref name="cursor"/> (null: without a cursor).</summary>
    public int PageCalls(string? cursor) => Store.LogEntries.Count(entry => entry.RequestMessage.Path == "/store/catalog/changes"
        && (cursor is null ? entry.RequestMessage.Query?.ContainsKey("updatedSince") != true
            : entry.RequestMessage.Query?.TryGetValue("updatedSince", out var value) == true && value.Contains(cursor)));

    public async Task ResetAsync()
    {
        if (server.Unavailable is not null) Assert.Skip(server.Unavailable);
        Store.Reset();
        await using var connection = await DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            TRUNCATE hub.catalog_sync_state, hub.catalog_sync_runs, hub.catalog_prices, hub.catalog_price_lists, hub.catalog_availability,
                     hub.punchout_cart_lines, hub.punchout_carts, hub.punchout_sessions, hub.catalog_products, hub.catalog_categories CASCADE
            """));
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        Store.Stop();
        Store.Dispose();
    }
}
