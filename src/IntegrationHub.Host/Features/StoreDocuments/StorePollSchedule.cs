using Hangfire;
using IntegrationHub.Persistence;
using IntegrationHub.Stores;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Features.StoreDocuments;

/// <summary>
/// Keeps the two recurring polls in step with the configuration once the database is ready: <c>store-poll-shipments</c>
/// and <c>store-poll-invoices</c> on <c>Stores:{Shipments|Invoices}:Poll:Cron</c> while <c>Poll:Enabled</c> is true and
/// the store's <c>BaseUrl</c> is set, removed otherwise.
/// </summary>
internal sealed partial class StorePollSchedule(HubDatabase database, IRecurringJobManager recurring, IOptions<ShipmentStoreOptions> shipments,
    IOptions<InvoiceStoreOptions> invoices, ILogger<StorePollSchedule> logger) : BackgroundService
{
    public const string ShipmentsJobId = "store-poll-shipments";
    public const string InvoicesJobId = "store-poll-invoices";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await database.WaitUntilReadyAsync(stoppingToken)) return;
        Schedule(ShipmentsJobId, StoreDocumentIntake.Shipments, ShipmentStoreOptions.Section, shipments.Value);
        Schedule(InvoicesJobId, StoreDocumentIntake.Invoices, InvoiceStoreOptions.Section, invoices.Value);
        // What a lost wake-up or a crash left of the vendors' documents on their way to the stores.
        recurring.AddOrUpdate<StoreDeliveryJob>(StoreDeliveryJob.RecurringJobId, job => job.RunDueAsync(CancellationToken.None), Cron.Minutely());
    }

    private void Schedule(string jobId, string kind, string section, DocumentStoreOptions settings)
    {
        if (!settings.Poll.Enabled || settings.BaseUrl is null)
        {
            if (settings.Poll.Enabled) LogNoBaseUrl(section);
            recurring.RemoveIfExists(jobId);
            return;
        }
        try
        {
            recurring.AddOrUpdate<StorePollJob>(jobId, job => job.PollAsync(kind, CancellationToken.None), settings.Poll.Cron);
        }
        catch (ArgumentException ex)
        {
            // A cron expression Hangfire cannot read: the poll stays off (an old schedule too) and the log says why.
            recurring.RemoveIfExists(jobId);
            LogBadCron(section, settings.Poll.Cron, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Section}:Poll:Cron '{Cron}' is not a cron expression, so the store is not polled: {Reason}")]
    private partial void LogBadCron(string section, string cron, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Section}:Poll:Enabled is true but {Section}:BaseUrl is not set, so the store is not polled")]
    private partial void LogNoBaseUrl(string section);
}
