using System.Globalization;
using System.Reflection;
using Npgsql;

namespace IntegrationHub.Persistence;

/// <summary>One forward-only schema change: an embedded <c>Migrations/NNNN_name.sql</c> script.</summary>
public sealed record Migration(int Version, string Name, string Sql);

/// <summary>
/// Applies the embedded migrations in order, each once, all pending ones in one transaction, under a PostgreSQL advisory
/// lock, so any number of hub processes can start at once against one database.
/// </summary>
public static class MigrationRunner
{
    // An arbitrary, fixed advisory-lock key that names "IntegrationHub schema migrations".
    private const long LockKey = 0x1_4842_4D49_47;

    /// <summary>The migrations this build knows, ordered by version.</summary>
    public static IReadOnlyList<Migration> All { get; } = Load(typeof(MigrationRunner).Assembly);

    /// <summary>The newest version this build knows.</summary>
    public static int LatestVersion => All[^1].Version;

    /// <summary>
    /// Applies what is pending and returns the versions applied now (empty when the database was current). All of it runs
    /// under a session-level advisory lock, including <paramref name="alsoUnderLock"/> (Hangfire's installer), so processes
    /// starting at once take turns.
    /// </summary>
    /// <exception cref="HubStartupException">The database was migrated by a newer build than this one.</exception>
    public static async Task<IReadOnlyList<int>> ApplyAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken,
        Action<NpgsqlConnection>? alsoUnderLock = null)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({LockKey})", cancellationToken);
        try
        {
            var applied = await ApplyPendingAsync(connection, cancellationToken);
            alsoUnderLock?.Invoke(connection);
            return applied;
        }
        finally
        {
            // A pooled connection keeps session locks when it goes back to the pool, so the lock is given back here.
            // If the connection broke, the server has already released it.
            try
            {
                await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({LockKey})", CancellationToken.None);
            }
            catch (NpgsqlException)
            {
            }
        }
    }

    private static async Task<IReadOnlyList<int>> ApplyPendingAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, """
            CREATE SCHEMA IF NOT EXISTS hub;
            CREATE TABLE IF NOT EXISTS hub.schema_version (
                version    integer     PRIMARY KEY,
                name       text        NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            );
            """, cancellationToken);

        var applied = new HashSet<int>();
        await using (var read = new NpgsqlCommand("SELECT version FROM hub.schema_version", connection, transaction))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken)) applied.Add(reader.GetInt32(0));
        }

        var unknown = applied.Where(v => v > LatestVersion).ToList();
        if (unknown.Count > 0)
            throw new HubStartupException(
                $"The database has schema version {unknown.Max()}, newer than this build knows ({LatestVersion}); run a newer hub.");

        var now = new List<int>();
        foreach (var migration in All.Where(m => !applied.Contains(m.Version)))
        {
            await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken);
            await using var record = new NpgsqlCommand("INSERT INTO hub.schema_version (version, name) VALUES ($1, $2)", connection, transaction)
            {
                Parameters = { new() { Value = migration.Version }, new() { Value = migration.Name } },
            };
            await record.ExecuteNonQueryAsync(cancellationToken);
            now.Add(migration.Version);
        }
        await transaction.CommitAsync(cancellationToken);
        return now;
    }

    /// <summary>The newest applied version, or 0 for a database the hub has never migrated.</summary>
    public static async Task<int> CurrentVersionAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT to_regclass('hub.schema_version') IS NOT NULL", connection);
        if (await exists.ExecuteScalarAsync(cancellationToken) is not true) return 0;
        await using var latest = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM hub.schema_version", connection);
        return Convert.ToInt32(await latest.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    internal static IReadOnlyList<Migration> Load(Assembly assembly)
    {
        const string prefix = "Migrations.";
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal)))
        {
            var fileName = resource[prefix.Length..^".sql".Length];
            var underscore = fileName.IndexOf('_', StringComparison.Ordinal);
            if (underscore != 4 || !int.TryParse(fileName.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
                throw new InvalidOperationException($"Migration {resource} is not named NNNN_name.sql.");
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            migrations.Add(new Migration(version, fileName[(underscore + 1)..], reader.ReadToEnd()));
        }

        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
                throw new InvalidOperationException($"Migrations must be numbered 0001, 0002, … without gaps; found {migrations[i].Version:D4} at position {i + 1}.");
        }
        return migrations;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
