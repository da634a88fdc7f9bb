using Hangfire;
using IntegrationHub.Pipeline.Delivery;
using IntegrationHub.Pipeline.Outbox;
using IntegrationHub.Pipeline.Translate;

namespace IntegrationHub.Pipeline.Dispatch;

/// <summary>
/// Wakes the pipeline's jobs. The stored row is the work item (its status says what is left to do); a Hangfire job only
/// carries its id. A wake-up lost between the commit and the enqueue (a crash, the job storage down) is found again by
/// the <see cref="Sweeper"/>, and a job woken twice finds nothing left to do.
/// </summary>
internal sealed partial class PipelineJobs(IBackgroundJobClient client, ILogger<PipelineJobs> logger)
{
    public void Translate(long messageId) => Safely(() => client.Enqueue<TranslateJob>(job => job.RunAsync(messageId, CancellationToken.None)), "translate", messageId);

    public void Deliver(long purchaseOrderId, TimeSpan? after = null) => Safely(() => after is { } delay
        ? client.Schedule<DeliverOrderJob>(job => job.RunAsync(purchaseOrderId, CancellationToken.None), delay)
        : client.Enqueue<DeliverOrderJob>(job => job.RunAsync(purchaseOrderId, CancellationToken.None)), "deliver", purchaseOrderId);

    public void Send(long outboundMessageId, TimeSpan? after = null) => Safely(() => after is { } delay
        ? client.Schedule<SendOutboundJob>(job => job.RunAsync(outboundMessageId, CancellationToken.None), delay)
        : client.Enqueue<SendOutboundJob>(job => job.RunAsync(outboundMessageId, CancellationToken.None)), "send", outboundMessageId);

    private void Safely(Func<string> enqueue, string what, long id)
    {
        try
        {
            enqueue();
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or InvalidOperationException or TimeoutException)
        {
            LogNotQueued(what, id, ex.Message);
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "The {What} job for {Id} could not be queued ({Reason}); the sweeper will queue it")]
    private partial void LogNotQueued(string what, long id, string reason);
}
