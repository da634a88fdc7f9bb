using IntegrationHub.Persistence;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration.Memory;

namespace IntegrationHub.Features.Punchout;

/// <summary>Registers and maps the punchout feature: the cXML and OCI entry points and the hosted catalog.</summary>
internal static class PunchoutSetup
{
    /// <summary>The demo partner's OCI password in a local run with the embedded database (docs/punchout.md); configuration wins.</summary>
    public const string DemoOciPassword = "demo-password";

    public static void AddPunchout(this WebApplicationBuilder builder, HubDatabase database)
    {
        var services = builder.Services;
        services.AddOptions<PunchoutOptions>().BindConfiguration(PunchoutOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<OciCredentials>();
        services.AddSingleton<PunchoutSessionStore>();
        services.AddSingleton<PunchoutRateLimits>();
        services.AddSingleton<PurchaseOrders.ICxmlRequestHandler, PunchOutSetupRequestHandler>();
        services.AddSingleton<CatalogStore>();
        services.AddSingleton<CartStore>();
        services.AddSingleton<Translation.CxmlCartEnvelopes>();
        services.AddSingleton<CxmlCartReturn>();
        services.AddSingleton<CatalogContext>();
        services.AddHostedService<DemoCatalogSeeder>();
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(OciEndpoints.RateLimit, OciEndpoints.Partition);
            limiter.OnRejected = OciEndpoints.RejectAsync;
        });
        if (database.IsEmbedded)
        {
            // Added first, so that every configured source (appsettings, environment, command line) overrides it.
            builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
            {
                InitialData = new Dictionary<string, string?> { ["Partners:demo-buyer:OciPassword"] = DemoOciPassword },
            });
        }
    }

    public static void MapPunchout(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOciPunchout();
        endpoints.MapPunchoutCatalog();
        endpoints.MapPunchoutTester();
    }
}

/// <summary>Seeds the demo catalog once the database is ready: by default only for the embedded database (a local run).</summary>
internal sealed partial class DemoCatalogSeeder(HubDatabase database, Microsoft.Extensions.Options.IOptions<PunchoutOptions> options,
    ILogger<DemoCatalogSeeder> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!(options.Value.DemoCatalog ?? database.IsEmbedded)) return;
        try
        {
            await database.WhenReady.WaitAsync(stoppingToken);
            var inserted = await DemoCatalog.SeedAsync(database.DataSource, stoppingToken);
            if (inserted > 0) LogSeeded(inserted);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (DatabaseLifecycle.IsDatabaseProblem(ex) || ex is Npgsql.PostgresException)
        {
            LogSeedFailed(DatabaseLifecycle.Describe(ex));
        }
    }

    [LoggerMessage(1, LogLevel.Information, "Demo punchout catalog seeded ({Rows} rows)")]
    private partial void LogSeeded(int rows);

    [LoggerMessage(2, LogLevel.Warning, "The demo punchout catalog could not be seeded: {Problem}")]
    private partial void LogSeedFailed(string problem);
}
