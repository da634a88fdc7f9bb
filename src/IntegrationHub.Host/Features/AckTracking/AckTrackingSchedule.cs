using Hangfire;
using IntegrationHub.Persistence;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Features.AckTracking;

/// <summary>Registers the recurring overdue check once the database is ready, every <c>AckTracking:CheckIntervalMinutes</c>.</summary>
internal sealed class AckTrackingSchedule(HubDatabase database, IRecurringJobManager recurring, IOptions<AckTrackingOptions> options) : BackgroundService
{
    public const string JobId = "ack-overdue";

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
        recurring.AddOrUpdate<AckOverdueJob>(JobId, job => job.RunAsync(CancellationToken.None),
            CatalogSync.CatalogSyncSchedule.Cron(options.Value.CheckIntervalMinutes));
    }
}
