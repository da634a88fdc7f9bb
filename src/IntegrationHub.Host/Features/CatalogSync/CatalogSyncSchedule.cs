using Hangfire;
using IntegrationHub.Jobs;
using IntegrationHub.Persistence;
using IntegrationHub.Stores;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Features.CatalogSync;

/// <summary>
/// Keeps the recurring Hangfire job in step with the configuration once the database is ready: every
/// <c>Stores:Catalog:IntervalMinutes</c> while <c>Stores:Catalog:BaseUrl</c> is set, removed when it is empty.
/// </summary>
internal sealed class CatalogSyncSchedule(HubDatabase database, IRecurringJobManager recurring, IOptions<CatalogStoreOptions> options) : BackgroundService
{
    public const string JobId = "catalog-sync";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await database.WaitUntilReadyAsync(stoppingToken)) return;
        var settings = options.Value;
        if (settings.BaseUrl is null)
        {
            recurring.RemoveIfExists(JobId);
            return;
        }
        recurring.AddOrUpdate<CatalogSyncJob>(JobId, job => job.IncrementalAsync(CancellationToken.None), RecurringCron.Every(settings.IntervalMinutes));
    }
}
