using System.Collections.Concurrent;
using IntegrationHub.Features.Punchout;
using IntegrationHub.Partners;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Features.PurchaseOrders;

/// <summary>
/// The two limits of <c>POST /cxml</c>, in fixed windows of a minute aligned to the clock:
/// <list type="bullet">
/// <item>refusals per caller (client address and the partner its document claims to be, or none): a guard against guessing
/// shared secrets. Only refusals are counted, in the shared table when <c>Punchout:SharedRateLimit</c> is on, so a good request
/// costs no write; a caller past its refusals is answered without its secret being checked until the window ends.</item>
/// <item>requests per authenticated partner, in this process's memory: a flood guard for the process's own capacity. Counting
/// it in the database would add a write to every order, the very cost the limit exists to protect.</item>
/// </list>
/// </summary>
internal sealed class CxmlRateLimits(PunchoutRateLimits shared, IOptions<CxmlOptions> options, IOptions<PunchoutOptions> punchout, TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Counter> _requests = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Counter> _refusals = new(StringComparer.Ordinal);
    private long _sweptWindow;

    /// <summary>The caller of a request: its client address and the partner its document names (known partners only, so the keys stay few).</summary>
    public static string Caller(string? address, Partner? claimed) => $"cxml|{address}|{claimed?.Id ?? "-"}";

    /// <summary>How long until the caller may try again, when its refusals this window have reached the limit; else null.</summary>
    public TimeSpan? LockedOut(string caller)
    {
        var (index, wait) = Now();
        return _refusals.TryGetValue(caller, out var counter) && counter.Reached(index, options.Value.RefusedPerMinute) ? wait : null;
    }

    /// <summary>Counts a refused request of the caller; once the count reaches the limit, <see cref="LockedOut"/> holds for the window.</summary>
    public async Task RefusedAsync(string caller, CancellationToken cancellationToken)
    {
        var (index, _) = Now();
        Sweep(index);
        var counter = _refusals.GetOrAdd(caller, _ => new Counter());
        counter.Add(index);
        if (!punchout.Value.SharedRateLimit) return;
        // The shared count (every process's refusals of this caller) decides; this process remembers it for the rest of the window.
        var limit = options.Value.RefusedPerMinute;
        if (await shared.CountAsync(caller, limit - 1, Window, cancellationToken) is not null) counter.RaiseTo(index, limit);
    }

    /// <summary>Counts an authenticated request of the partner; null when it is within the partner's budget, else how long until the next window.</summary>
    public TimeSpan? Request(Partner partner)
    {
        var (index, wait) = Now();
        Sweep(index);
        var limit = partner.CxmlRequestsPerMinute ?? options.Value.RequestsPerMinute;
        return _requests.GetOrAdd(partner.Id, _ => new Counter()).Add(index) > limit ? wait : null;
    }

    private (long Index, TimeSpan Wait) Now()
    {
        var now = time.GetUtcNow();
        var index = now.UtcTicks / Window.Ticks;
        return (index, new DateTimeOffset((index + 1) * Window.Ticks, TimeSpan.Zero) - now);
    }

    // Once per window, counters of earlier windows go, so callers that stopped calling leave nothing behind.
    private void Sweep(long index)
    {
        if (Interlocked.Exchange(ref _sweptWindow, index) == index) return;
        foreach (var (key, counter) in _refusals)
        {
            if (counter.Before(index)) _refusals.TryRemove(key, out _);
        }
        foreach (var (key, counter) in _requests)
        {
            if (counter.Before(index)) _requests.TryRemove(key, out _);
        }
    }

    /// <summary>One key's count in the current window.</summary>
    private sealed class Counter
    {
        private readonly Lock _gate = new();
        private long _window = -1;
        private int _count;

        public int Add(long window)
        {
            lock (_gate)
            {
                if (_window != window) (_window, _count) = (window, 0);
                return ++_count;
            }
        }

        public void RaiseTo(long window, int count)
        {
            lock (_gate)
            {
                if (_window != window) (_window, _count) = (window, 0);
                _count = Math.Max(_count, count);
            }
        }

        public bool Reached(long window, int limit)
        {
            lock (_gate) return _window == window && _count >= limit;
        }

        public bool Before(long window)
        {
            lock (_gate) return _window < window;
        }
    }
}
