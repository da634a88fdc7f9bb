using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using IntegrationHub.Hosting;
using IntegrationHub.Persistence;
using Npgsql;

namespace IntegrationHub.Jobs;

/// <summary>Hangfire on the hub's PostgreSQL, in its own schema; the dashboard behind the admin key.</summary>
public static class HangfireSetup
{
    public const string DashboardPath = "/hangfire";

    public static IServiceCollection AddHubJobs(this IServiceCollection services, HubRoles roles)
    {
        // This host's storage, registered before AddHangfire so that DI never hands out Hangfire's static
        // JobStorage.Current (which the last-configured host in a process would own).
        services.AddSingleton<JobStorage>(provider => new PostgreSqlStorage(
            new DataSourceConnectionFactory(provider.GetRequiredService<HubDatabase>()),
            new PostgreSqlStorageOptions
            {
                SchemaName = DatabaseLifecycle.HangfireSchema,
                PrepareSchemaIfNecessary = false, // DatabaseLifecycle installs it, once the database is reachable.
                EnableLongPolling = true,         // LISTEN/NOTIFY: a job starts when enqueued, not at the next poll.
                QueuePollInterval = TimeSpan.FromSeconds(5),
            }));
        services.AddHangfire((provider, configuration) => configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new HangfireLogProvider(provider.GetRequiredService<ILoggerFactory>())));
        if (roles.HasFlag(HubRoles.Worker)) services.AddHostedService<WorkerRole>();
        return services;
    }

    public static void MapHubDashboard(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapHangfireDashboard(DashboardPath, new DashboardOptions
        {
            Authorization = [], // the endpoint's authorization policy (the admin key) guards it
            DashboardTitle = "IntegrationHub jobs",
            AppPath = null,
        }).RequireAuthorization(AdminAuthenticationHandler.Policy);

    private sealed class DataSourceConnectionFactory(HubDatabase database) : IConnectionFactory
    {
        public NpgsqlConnection GetOrCreateConnection() => database.DataSource.CreateConnection();
    }
}
