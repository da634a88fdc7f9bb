using Dapper;
using Npgsql;

namespace IntegrationHub.Features.Punchout;

/// <summary>
/// The punchout rate limit counted in PostgreSQL, shared by every hub process on the database: a fixed window per key (client
/// address and partner), aligned to the window's length so all processes cut the same windows. Each call that passes the
/// process's own in-memory limiter (a pre-check: the shared count is never below this process's) adds one to the window's row
/// and learns the new count in the same statement.
/// </summary>
internal sealed class PunchoutRateLimits(NpgsqlDataSource dataSource, TimeProvider time)
{
    private long _sweptWindow;

    /// <summary>Counts a call; null when it is within <paramref name="limit"/> for the current window, else how long until the next one.</summary>
    public async Task<TimeSpan?> CountAsync(string key, int limit, TimeSpan window, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var index = now.UtcTicks / window.Ticks;
        var start = new DateTimeOffset(index * window.Ticks, TimeSpan.Zero);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // Once per window and process, the windows before the current one go (any process may sweep: the rows are shared).
        var sweep = Interlocked.Exchange(ref _sweptWindow, index) != index;
        var calls = await connection.ExecuteScalarAsync<int>(new CommandDefinition("""
            WITH swept AS (DELETE FROM hub.punchout_rate_limits WHERE @Sweep AND window_start < @Start)
            INSERT INTO hub.punchout_rate_limits (key, window_start, calls) VALUES (@Key, @Start, 1)
            ON CONFLICT (key, window_start) DO UPDATE SET calls = hub.punchout_rate_limits.calls + 1
            RETURNING calls
            """, new { Key = key, Start = start, Sweep = sweep }, cancellationToken: cancellationToken));
        return calls <= limit ? null : start + window - now;
    }
}
