using IntegrationHub.Hosting;

namespace IntegrationHub.Features.AckTracking;

/// <summary>Acknowledgment tracking: the options, the recurring overdue check and its admin API. Matching is in Pipeline/Outbox/SentSets.</summary>
internal static class AckTrackingSetup
{
    public static IServiceCollection AddAckTracking(this IServiceCollection services, HubRoles roles)
    {
        services.AddOptions<AckTrackingOptions>().BindConfiguration(AckTrackingOptions.Section);
        services.AddTransient<AckOverdueJob>();
        if (roles.HasFlag(HubRoles.Worker)) services.AddHostedService<AckTrackingSchedule>();
        return services;
    }

    public static void MapAckTracking(this IEndpointRouteBuilder endpoints) => endpoints.MapAckTrackingEndpoints();
}
