using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Stores;

/// <summary>The typed store clients, each on its configured base address with the standard resilience handler.</summary>
internal static class StoreSetup
{
    public static IServiceCollection AddHubStores(this IServiceCollection services)
    {
        services.AddOptions<OrderStoreOptions>().BindConfiguration(OrderStoreOptions.Section);
        services.AddOptions<CatalogStoreOptions>().BindConfiguration(CatalogStoreOptions.Section);
        AddStoreClient<OrderStoreClient, OrderStoreOptions>(services, options => options.BaseUrl);
        AddStoreClient<CatalogStoreClient, CatalogStoreOptions>(services, options => options.BaseUrl);
        services.AddOptions<ShipmentStoreOptions>().BindConfiguration(ShipmentStoreOptions.Section);
        services.AddOptions<InvoiceStoreOptions>().BindConfiguration(InvoiceStoreOptions.Section);
        AddStoreClient<ShipmentStoreClient, ShipmentStoreOptions>(services, options => options.BaseUrl);
        AddStoreClient<InvoiceStoreClient, InvoiceStoreOptions>(services, options => options.BaseUrl);
        return services;
    }

    private static void AddStoreClient<TClient, TOptions>(IServiceCollection services, Func<TOptions, Uri?> baseUrl)
        where TClient : class where TOptions : class =>
        services.AddHttpClient<TClient>((provider, client) =>
            {
                if (baseUrl(provider.GetRequiredService<IOptions<TOptions>>().Value) is { } url)
                    client.BaseAddress = url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");
                client.Timeout = Timeout.InfiniteTimeSpan; // the resilience handler's timeouts govern
            })
            .AddStandardResilienceHandler(resilience =>
            {
                // Within one call: two quick retries; across calls the delivery job (or the next sync run) backs off for longer.
                resilience.Retry.MaxRetryAttempts = 2;
                resilience.Retry.Delay = TimeSpan.FromMilliseconds(200);
                resilience.AttemptTimeout.Timeout = TimeSpan.FromSeconds(10);
                resilience.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(30);
                resilience.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(20);
            });
}
