using Hangfire;

namespace IntegrationHub.Pipeline.Dispatch;

/// <summary>
/// Wakes the pipeline. The stored row is the work item (its status says what is left to do; ADR 0003) and the
/// <see cref="PipelineLanes"/> claim rows by themselves, so a wake-up only shortens their wait: in a process with the
/// Worker role it wakes the local lanes; in a Web-only process it queues a Hangfire <see cref="WakeJob"/>, at most one
/// per <see cref="Coalesce"/>, which wakes the lanes of whichever worker process runs it. A wake-up lost (a crash, the job
/// storage down) costs at most one idle poll, and the <see cref="Sweeper"/> still queues what has not moved.
/// </summary>
internal sealed partial class PipelineJobs(IBackgroundJobClient client, PipelineSignal signal, WorkerPresence worker, TimeProvider time,
    ILogger<PipelineJobs> logger)
{
    private static readonly TimeSpan Coalesce = TimeSpan.FromMilliseconds(200);
    private long _lastQueued = long.MinValue;

    public void Translate(long messageId) => Wake("translate", messageId);

    /// <summary>An order is ready (or, after <paramref name="after"/>, due again: the lanes find it when it is).</summary>
    public void Deliver(long purchaseOrderId, TimeSpan? after = null)
    {
        if (after is null) Wake("deliver", purchaseOrderId);
    }

    public void Send(long outboundMessageId, TimeSpan? after = null)
    {
        if (after is null) Wake("send", outboundMessageId);
    }

    private void Wake(string what, long id)
    {
        if (worker.Here)
        {
            signal.Wake();
            return;
        }
        var now = time.GetTimestamp();
        var last = Interlocked.Read(ref _lastQueued);
        if (last != long.MinValue && time.GetElapsedTime(last, now) < Coalesce) return;
        if (Interlocked.CompareExchange(ref _lastQueued, now, last) != last) return; // another request queues this one
        try
        {
            client.Enqueue<WakeJob>(job => job.Run());
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or InvalidOperationException or TimeoutException)
        {
            Interlocked.Exchange(ref _lastQueued, long.MinValue);
            LogNotQueued(what, id, ex.Message);
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "The wake-up for {What} {Id} could not be queued ({Reason}); the workers find it at their next poll")]
    private partial void LogNotQueued(string what, long id, string reason);
}

/// <summary>Whether this process runs the pipeline's lanes (the Worker role).</summary>
internal sealed record WorkerPresence(bool Here);

/// <summary>A Hangfire job that carries nothing: it wakes the pipeline lanes of the worker process that runs it.</summary>
internal sealed class WakeJob(PipelineSignal signal)
{
    public void Run() => signal.Wake();
}
