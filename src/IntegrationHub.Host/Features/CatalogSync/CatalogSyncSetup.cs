using IntegrationHub.Hosting;

namespace IntegrationHub.Features.CatalogSync;

/// <summary>Catalog sync from the supplier's catalog store into the punchout catalog: the job, its schedule and its admin API.</summary>
internal static class CatalogSyncSetup
{
    public static IServiceCollection AddCatalogSync(this IServiceCollection services, HubRoles roles)
    {
        services.AddTransient<CatalogSyncJob>();
        services.AddOptions<CatalogExportOptions>().BindConfiguration(CatalogExportOptions.Section);
        if (roles.HasFlag(HubRoles.Worker)) services.AddHostedService<CatalogSyncSchedule>();
        return services;
    }

    public static void MapCatalogSync(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapCatalogSyncEndpoints();
        endpoints.MapCatalogExport();
    }
}
