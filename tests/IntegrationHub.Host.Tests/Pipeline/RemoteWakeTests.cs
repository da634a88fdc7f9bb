using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using IntegrationHub.Host.Tests.Fixtures;
using IntegrationHub.Pipeline.Dispatch;
using Microsoft.Extensions.Logging.Abstractions;

namespace IntegrationHub.Host.Tests.Pipeline;

/// <summary>A Web-only process wakes the workers through Hangfire, in the background: no request waits for the job storage.</summary>
public sealed class RemoteWakeTests
{
    [Fact]
    public async Task Request_ReturnsAtOnce_WhileTheJobStorageHangs()
    {
        using var storage = new GatedJobClient();
        using var wake = new RemoteWake(storage, TimeProvider.System, NullLogger<RemoteWake>.Instance);
        await wake.StartAsync(TestContext.Current.CancellationToken);

        wake.Request();
        Assert.True(await Http.EventuallyAsync(() => Task.FromResult(storage.Entered == 1), TimeSpan.FromSeconds(10)));
        // The storage now hangs in the first enqueue; requests still return, and leave one mark behind.
        var requests = Task.Run(() => { for (var i = 0; i < 1000; i++) wake.Request(); }, TestContext.Current.CancellationToken);
        Assert.Same(requests, await Task.WhenAny(requests, Task.Delay(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken)));

        storage.Open();
        Assert.True(await Http.EventuallyAsync(() => Task.FromResult(storage.Created == 2), TimeSpan.FromSeconds(10)));
        await Task.Delay(RemoteWake.Coalesce * 3, TestContext.Current.CancellationToken);
        Assert.Equal(2, storage.Created); // 1,001 requests, two wake-ups: the one under way and one for all that came meanwhile
        Assert.All(storage.Jobs, job => Assert.Equal(typeof(WakeJob), job.Type));

        await wake.StopAsync(TestContext.Current.CancellationToken);
    }

    private sealed class GatedJobClient : IBackgroundJobClient, IDisposable
    {
        private readonly ManualResetEventSlim _gate = new(false);
        private int _entered;
        private int _created;

        public List<Job> Jobs { get; } = [];

        public int Entered => Volatile.Read(ref _entered);

        public int Created => Volatile.Read(ref _created);

        public void Open() => _gate.Set();

        public void Dispose() => _gate.Dispose();

        public string Create(Job job, IState state)
        {
            Interlocked.Increment(ref _entered);
            _gate.Wait(TimeSpan.FromSeconds(30));
            lock (Jobs) Jobs.Add(job);
            return Interlocked.Increment(ref _created).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        public bool ChangeState(string jobId, IState state, string expectedState) => false;
    }
}
