namespace IntegrationHub.Pipeline.Dispatch;

/// <summary>
/// Wakes this process's <see cref="PipelineLanes"/> when there is new work. A lane takes <see cref="Next"/> before it
/// looks for work, so a wake-up that comes while it is looking is not missed; one that comes when no lane waits wakes
/// none, and the lanes' poll finds the work a moment later all the same.
/// </summary>
internal sealed class PipelineSignal
{
    private TaskCompletionSource _next = New();

    /// <summary>Completes at the next <see cref="Wake"/>.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    public void Wake() => Interlocked.Exchange(ref _next, New()).TrySetResult();

    private static TaskCompletionSource New() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
