namespace IntegrationHub.Pipeline.Dispatch;

/// <summary>
/// One lane's claim on a stage: the rows this process has set aside (their handling threw something that is not a
/// database problem, a bug; they are parked too, and this list covers a park that could not be written) and, once a row
/// is claimed, its id, so that a bug can be pinned on its row.
/// </summary>
internal sealed class PipelineClaim(long[] setAside)
{
    public long[] SetAside { get; } = setAside;

    /// <summary>The row claimed in this attempt, or null before the claim.</summary>
    public long? Id { get; set; }
}
