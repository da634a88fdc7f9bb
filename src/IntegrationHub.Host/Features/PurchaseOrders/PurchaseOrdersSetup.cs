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
        services.AddOptions<CxmlOptions>().BindConfiguration(CxmlOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<CxmlRateLimits>();
        services.AddSingleton<PartnerSecrets>();
        services.AddSingleton<IPayloadIdSource>(_ => new RandomPayloadIdSource(Environment.MachineName.ToLowerInvariant()));
        services.AddSingleton(provider => new CxmlEnvelopeFactory(provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<IPayloadIdSource>()));
        services.AddSingleton<CxmlAnswers>();
        services.AddSingleton<ICxmlRequestHandler, OrderRequestHandler>();
        services.AddSingleton<ICxmlRequestHandler, ProfileRequestHandler>();
        foreach (var requestType in VendorDocumentHandler.RequestTypes.Keys)
            services.AddSingleton<ICxmlRequestHandler>(provider => ActivatorUtilities.CreateInstance<VendorDocumentHandler>(provider, requestType));
        services.AddSingleton<ICxmlRequestHandler, OrderStatus.StatusUpdateRequestHandler>();
        services.AddSingleton<PipelineJobs>();
        services.AddSingleton<PipelineSignal>();
        services.AddSingleton(new WorkerPresence(roles.HasFlag(HubRoles.Worker)));
        services.AddTransient<WakeJob>();
        services.AddSingleton<RemoteWake>();
        services.AddSingleton<X12Intake>();
        services.AddSingleton<StoreDocuments.StoreDocumentIntake>();
        services.AddTransient<StoreDocuments.StorePollJob>();
        services.AddTransient<StoreDocuments.StoreDeliveryJob>();
        services.AddTransient<TranslateJob>();
        services.AddTransient<DeliverOrderJob>();
        services.AddTransient<SendOutboundJob>();
        services.AddHubStores();
        // The partner's credentials ride in headers: none of their values is ever logged.
        services.AddHttpClient(SendOutboundJob.HttpClientName).RedactLoggedHeaders(_ => true).AddStandardResilienceHandler(resilience =>
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
            services.AddHostedService<StoreDocuments.StorePollSchedule>();
        }
        else
        {
            services.AddHostedService(provider => provider.GetRequiredService<RemoteWake>());
        }
        return services;
    }

    public static void MapPurchaseOrders(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapCxml();
        endpoints.MapX12();
        StoreDocuments.StoreDocumentEndpoints.MapStoreDocuments(endpoints);
        StoreDocuments.StoreDocumentAdminEndpoints.MapStoreDocumentAdmin(endpoints);
        StoreDocuments.StorePollEndpoints.MapStorePolls(endpoints);
        Admin.MessageEndpoints.MapMessageEndpoints(endpoints);
        Admin.AcknowledgmentEndpoints.MapAcknowledgmentEndpoints(endpoints);
    }
}
