using IntegrationHub.Formats.Cxml;
using IntegrationHub.Hosting;
using IntegrationHub.Pipeline;
using IntegrationHub.Pipeline.Delivery;
using IntegrationHub.Pipeline.Dispatch;
using IntegrationHub.Pipeline.Outbox;
using IntegrationHub.Pipeline.Translate;
using IntegrationHub.Stores;

namespace IntegrationHub.Features.PurchaseOrders;

/// <summary>Purchase orders in: the protocol endpoints, the pipeline's jobs and the sweeper.</summary>
internal static class PurchaseOrdersSetup
{
    public static IServiceCollection AddPurchaseOrders(this IServiceCollection services, HubRoles roles)
    {
        services.AddOptions<PipelineOptions>().BindConfiguration(PipelineOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<StoreDocuments.SsccOptions>().BindConfiguration(StoreDocuments.SsccOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<PartnerSecrets>();
        services.AddSingleton<IPayloadIdSource>(_ => new RandomPayloadIdSource(Environment.MachineName.ToLowerInvariant()));
        services.AddSingleton(provider => new CxmlEnvelopeFactory(provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<IPayloadIdSource>()));
        services.AddSingleton<CxmlAnswers>();
        services.AddSingleton<ICxmlRequestHandler, OrderRequestHandler>();
        services.AddSingleton<ICxmlRequestHandler, ProfileRequestHandler>();
        services.AddSingleton<ICxmlRequestHandler, OrderStatus.StatusUpdateRequestHandler>();
        services.AddSingleton<PipelineJobs>();
        services.AddSingleton<PipelineSignal>();
        services.AddSingleton(new WorkerPresence(roles.HasFlag(HubRoles.Worker)));
        services.AddTransient<WakeJob>();
        services.AddSingleton<X12Intake>();
        services.AddSingleton<StoreDocuments.StoreDocumentIntake>();
        services.AddTransient<TranslateJob>();
        services.AddTransient<DeliverOrderJob>();
        services.AddTransient<SendOutboundJob>();
        services.AddHubStores();
        services.AddHttpClient(SendOutboundJob.HttpClientName).AddStandardResilienceHandler(resilience =>
        {
            resilience.Retry.MaxRetryAttempts = 2;
            resilience.Retry.Delay = TimeSpan.FromMilliseconds(200);
        });
        if (roles.HasFlag(HubRoles.Worker))
        {
            services.AddSingleton<Sweeper>();
            services.AddHostedService(provider => provider.GetRequiredService<Sweeper>());
            services.AddHostedService<Pipeline.Inbox.X12InboxFolder>();
            services.AddHostedService<PipelineLanes>();
        }
        return services;
    }

    public static void MapPurchaseOrders(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapCxml();
        endpoints.MapX12();
        StoreDocuments.StoreDocumentEndpoints.MapStoreDocuments(endpoints);
        StoreDocuments.StoreDocumentAdminEndpoints.MapStoreDocumentAdmin(endpoints);
        Admin.MessageEndpoints.MapMessageEndpoints(endpoints);
    }
}
