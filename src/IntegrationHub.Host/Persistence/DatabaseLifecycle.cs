using System.Net.Sockets;
using Hangfire.PostgreSql;
using Microsoft.Extensions.Options;
using Npgsql;

namespace IntegrationHub.Persistence;

/// <summary>
/// Brings the database up at start and down at stop: starts the embedded cluster when no connection string is configured,
/// applies migrations and Hangfire's schema, and marks <see cref="HubDatabase"/> ready. A configured database that is
/// down at start is reported in one log line and retried with back-off; the hub keeps serving /health meanwhile.
/// </summary>
public sealed partial class DatabaseLifecycle(
    HubDatabase database,
    IOptions<DatabaseOptions> options,
    IHostEnvironment environment,
    ILogger<DatabaseLifecycle> logger) : IHostedService, IAsyncDisposable
{
    public const string HangfireSchema = "hangfire";

    private readonly CancellationTokenSource _stopping = new();
    private EmbeddedPostgres? _embedded;
    private Task? _retrying;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await OpenAsync(cancellationToken);
        if (await TryPrepareAsync(cancellationToken)) return;
        if (database.IsEmbedded)
            throw new HubStartupException($"The embedded database could not be prepared: {database.Problem}");
        _retrying = RetryAsync(_stopping.Token);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_retrying is not null) await _retrying;
        if (_embedded is not null) await _embedded.StopAsync();
    }

    /// <summary>For <c>--migrate</c>: open, migrate once, close. Throws <see cref="HubStartupException"/> on failure.</summary>
    public async Task MigrateOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            await OpenAsync(cancellationToken);
            if (!await TryPrepareAsync(cancellationToken))
                throw new HubStartupException($"Migration failed: {database.Problem}");
        }
        finally
        {
            if (_embedded is not null) await _embedded.StopAsync();
        }
    }

    // The token source has no timer to release, so it is left to the collector: StopAsync may still run after disposal.
    public async ValueTask DisposeAsync()
    {
        if (_embedded is not null) await _embedded.DisposeAsync();
    }

    private async Task OpenAsync(CancellationToken cancellationToken)
    {
        if (database.IsEmbedded)
        {
            var path = Path.Combine(environment.ContentRootPath, options.Value.EmbeddedPath);
            _embedded = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresSettings(path), logger, cancellationToken);
            database.Open(_embedded.ConnectionString);
        }
        else
        {
            try
            {
                database.Open(database.ConfiguredConnectionString!);
            }
            catch (ArgumentException ex)
            {
                throw new HubStartupException($"ConnectionStrings:Hub is not a valid PostgreSQL connection string: {ex.Message}", ex);
            }
        }
    }

    private async Task<bool> TryPrepareAsync(CancellationToken cancellationToken)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(TimeSpan.FromSeconds(options.Value.StartupAttemptSeconds));
        try
        {
            var applied = await MigrationRunner.ApplyAsync(database.DataSource, attempt.Token);
            await using (var connection = await database.DataSource.OpenConnectionAsync(attempt.Token))
                PostgreSqlObjectsInstaller.Install(connection, HangfireSchema);
            database.MarkReady();
            LogReady(MigrationRunner.LatestVersion, applied.Count);
            return true;
        }
        catch (Exception ex) when (IsUnavailable(ex) && !cancellationToken.IsCancellationRequested)
        {
            var problem = Describe(ex);
            database.MarkUnavailable(problem);
            LogUnavailable(problem);
            return false;
        }
    }

    private async Task RetryAsync(CancellationToken stopping)
    {
        var delay = TimeSpan.FromSeconds(1);
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                await Task.Delay(delay, stopping);
                if (await TryPrepareAsync(stopping)) return;
                delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, 30));
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    internal static bool IsUnavailable(Exception ex) =>
        ex is NpgsqlException or SocketException or TimeoutException or OperationCanceledException
        || ex.InnerException is not null && IsUnavailable(ex.InnerException);

    // One line an operator can act on, without the connection string (it may hold a password).
    internal static string Describe(Exception ex) => ex switch
    {
        PostgresException pg => $"PostgreSQL said {pg.SqlState}: {pg.MessageText}",
        OperationCanceledException or TimeoutException => "no answer from the database in time",
        NpgsqlException { InnerException: SocketException socket } => $"cannot connect ({socket.SocketErrorCode}: {socket.Message})",
        NpgsqlException { InnerException: TimeoutException } => "no answer from the database in time",
        _ => ex.Message,
    };

    [LoggerMessage(1, LogLevel.Information, "Database ready at schema version {Version} ({Applied} migrations applied now)")]
    private partial void LogReady(int version, int applied);

    [LoggerMessage(2, LogLevel.Error, "Database not available: {Problem}. /health/ready reports 503; retrying with back-off")]
    private partial void LogUnavailable(string problem);
}
