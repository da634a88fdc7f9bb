using Dapper;
using Npgsql;

namespace IntegrationHub.Jobs;

/// <summary>
/// One run at a time across every hub process: a PostgreSQL session advisory lock held on a connection of its own for
/// the length of the run. A run that finds the lock held does nothing.
/// </summary>
internal static class ExclusiveRun
{
    /// <summary>Runs <paramref name="run"/> under the lock <paramref name="key"/>; false (and nothing run) when another process holds it.</summary>
    public static async Task<(bool Ran, T? Result)> TryAsync<T>(NpgsqlDataSource dataSource, long key, Func<Task<T>> run, CancellationToken cancellationToken)
    {
        await using var lockConnection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (!await lockConnection.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT pg_try_advisory_lock(@Key)", new { Key = key },
                cancellationToken: cancellationToken)))
            return (false, default);
        try
        {
            return (true, await run());
        }
        finally
        {
            await lockConnection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_unlock(@Key)", new { Key = key }));
        }
    }
}
