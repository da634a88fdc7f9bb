using Hangfire;
using IntegrationHub.Jobs;
using IntegrationHub.Persistence;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Features.AckTracking;

/// <summary>Registers the recurring overdue check once the database is ready, every <c>AckTracking:CheckIntervalMinutes</c>.</summary>
internal sealed class AckTrackingSchedule(HubDatabase database, IRecurringJobManager recurring, IOptions<AckTrackingOptions> options) : BackgroundService
{
    public const string JobId = "ack-overdue";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await database.WaitUntilReadyAsync(stoppingToken)) return;
        recurring.AddOrUpdate<AckOverdueJob>(JobId, job => job.RunAsync(CancellationToken.None),
            RecurringCron.Every(options.Value.CheckIntervalMinutes));
    }
}
