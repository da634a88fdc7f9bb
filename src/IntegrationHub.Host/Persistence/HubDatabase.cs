using Npgsql;

namespace IntegrationHub.Persistence;

/// <summary>
/// The hub's one PostgreSQL database: its data source, and whether it is reachable and migrated. The connection string
/// is known only once start-up has chosen between the configured database and the embedded cluster.
/// </summary>
public sealed class HubDatabase : IAsyncDisposable
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private NpgsqlDataSource? _dataSource;
    private volatile string? _problem = "The database has not been opened yet.";

    public HubDatabase(string? configuredConnectionString) =>
        ConfiguredConnectionString = string.IsNullOrWhiteSpace(configuredConnectionString) ? null : configuredConnectionString;

    /// <summary>The connection string from configuration, or null when the hub runs its own embedded cluster.</summary>
    public string? ConfiguredConnectionString { get; }

    /// <summary>True when no connection string is configured and the hub starts a private PostgreSQL cluster.</summary>
    public bool IsEmbedded => ConfiguredConnectionString is null;

    /// <summary>The data source; throws when called before start-up opened the database (a bug, not a runtime state).</summary>
    public NpgsqlDataSource DataSource =>
        _dataSource ?? throw new InvalidOperationException("The database is used before start-up opened it.");

    /// <summary>True once migrations have been applied by this process.</summary>
    public bool IsReady => _ready.Task.IsCompleted;

    /// <summary>Why the database is not ready, or null when it is.</summary>
    public string? Problem => _problem;

    /// <summary>Completes when the database is reachable and migrated.</summary>
    public Task WhenReady => _ready.Task;

    /// <summary>
    /// Waits until the database is ready; false when <paramref name="stopping"/> ends the wait first (the host stops, or
    /// failed to start, say on a taken port), which is no error for a background service.
    /// </summary>
    public async Task<bool> WaitUntilReadyAsync(CancellationToken stopping)
    {
        try
        {
            await _ready.Task.WaitAsync(stopping);
            return true;
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return false;
        }
    }

    internal void Open(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.ApplicationName)) builder.ApplicationName = "IntegrationHub";
        if (builder.Timeout == 15) builder.Timeout = 5; // Npgsql's default connect timeout is too long for health checks.
        _dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
    }

    internal void MarkUnavailable(string problem) => _problem = problem;

    internal void MarkReady()
    {
        _problem = null;
        _ready.TrySetResult();
    }

    public async ValueTask DisposeAsync()
    {
        if (_dataSource is not null) await _dataSource.DisposeAsync();
    }
}
