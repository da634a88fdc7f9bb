using System.Threading.Channels;
using Hangfire;

namespace IntegrationHub.Pipeline.Dispatch;

/// <summary>
/// In a process without the Worker role, wakes the lanes of whichever worker process runs the next Hangfire
/// <see cref="WakeJob"/>. Requests only leave a mark; this service queues the job in the background, at most one per
/// <see cref="Coalesce"/>, so no request waits for Hangfire's storage (queuing a job is a synchronous transaction of its
/// own). A wake-up that cannot be queued costs at most one idle poll of the lanes.
/// </summary>
internal sealed partial class RemoteWake(IBackgroundJobClient client, TimeProvider time, ILogger<RemoteWake> logger) : BackgroundService
{
    internal static readonly TimeSpan Coalesce = TimeSpan.FromMilliseconds(200);
    private readonly Channel<bool> _requests = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true,
    });

    /// <summary>Asks for a wake-up; returns at once.</summary>
    public void Request() => _requests.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _requests.Reader.WaitToReadAsync(stoppingToken))
            {
                _requests.Reader.TryRead(out _);
                try
                {
                    client.Enqueue<WakeJob>(job => job.Run());
                }
                catch (Exception ex) when (ex is Npgsql.NpgsqlException or InvalidOperationException or TimeoutException)
                {
                    LogNotQueued(ex.Message);
                }
                await Task.Delay(Coalesce, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "A wake-up for the workers could not be queued ({Reason}); they find the work at their next poll")]
    private partial void LogNotQueued(string reason);
}
