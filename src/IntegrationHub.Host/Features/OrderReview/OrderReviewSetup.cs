namespace IntegrationHub.Features.OrderReview;

/// <summary>Orders linked to punchout sessions and reconciled: the options, the reconciler the delivery job calls, and the admin API.</summary>
internal static class OrderReviewSetup
{
    public static IServiceCollection AddOrderReview(this IServiceCollection services)
    {
        services.AddOptions<OrderReviewOptions>().BindConfiguration(OrderReviewOptions.Section)
            .Validate(o => o.RecentSessionDays is >= 0 and <= 3650, "OrderReview:RecentSessionDays is between 0 and 3650.").ValidateOnStart();
        services.AddTransient<OrderReconciler>();
        return services;
    }

    public static void MapOrderReview(this IEndpointRouteBuilder endpoints) => endpoints.MapOrderReviewEndpoints();
}
