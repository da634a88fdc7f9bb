using Hangfire;
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
        try
        {
            await database.WhenReady.WaitAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return; // stopped (or failed to start, say on a taken port) before the database was ready: nothing to schedule
        }
        var settings = options.Value;
        if (settings.BaseUrl is null)
        {
            recurring.RemoveIfExists(JobId);
            return;
        }
        recurring.AddOrUpdate<CatalogSyncJob>(JobId, job => job.IncrementalAsync(CancellationToken.None), Cron(settings.IntervalMinutes));
    }

    /// <summary>A cron expression for every <paramref name="minutes"/> minutes: whole hours above an hour, once a day from a day on.</summary>
    public static string Cron(int minutes) => minutes switch
    {
        < 60 => Hangfire.Cron.MinuteInterval(Math.Max(1, minutes)),
        < 24 * 60 => Hangfire.Cron.HourInterval(minutes / 60),
        _ => Hangfire.Cron.Daily(),
    };
}
