namespace IntegrationHub.Pipeline.Dispatch;

/// <summary>
/// Wakes the pipeline. The stored row is the work item (its status says what is left to do; ADR 0003) and the
/// <see cref="PipelineLanes"/> claim rows by themselves, so a wake-up only shortens their wait: in a process with the
/// Worker role it wakes the local lanes; in a Web-only process it asks <see cref="RemoteWake"/> to queue a Hangfire
/// <see cref="WakeJob"/> in the background, which wakes the lanes of whichever worker process runs it. A wake-up lost (a
/// crash, the job storage down) costs at most one idle poll, and the <see cref="Sweeper"/> still queues what has not moved.
/// </summary>
internal sealed class PipelineJobs(PipelineSignal signal, RemoteWake remote, WorkerPresence worker)
{
    public void Translate(long messageId) => Wake();

    /// <summary>An order is ready (or, after <paramref name="after"/>, due again: the lanes find it when it is).</summary>
    public void Deliver(long purchaseOrderId, TimeSpan? after = null)
    {
        if (after is null) Wake();
    }

    public void Send(long outboundMessageId, TimeSpan? after = null)
    {
        if (after is null) Wake();
    }

    private void Wake()
    {
        if (worker.Here) signal.Wake();
        else remote.Request();
    }
}

/// <summary>Whether this process runs the pipeline's lanes (the Worker role).</summary>
internal sealed record WorkerPresence(bool Here);

/// <summary>A Hangfire job that carries nothing: it wakes the pipeline lanes of the worker process that runs it.</summary>
internal sealed class WakeJob(PipelineSignal signal)
{
    public void Run() => signal.Wake();
}
