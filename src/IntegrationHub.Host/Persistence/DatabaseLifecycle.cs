using System.Net.Sockets;
using Hangfire.PostgreSql;
using Microsoft.Extensions.Options;
using Npgsql;

namespace IntegrationHub.Persistence;

/// <summary>
/// Brings the database up at start and down at stop: starts the embedded cluster when no connection string is configured,
/// applies migrations and Hangfire's schema, and marks <see cref="HubDatabase"/> ready. A configured database that is
/// unreachable at start is reported in one log line and retried with back-off while /health/ready answers 503; a problem
/// that waiting cannot fix (a failing migration, a database newer than this build) stops the hub.
/// </summary>
public sealed partial class DatabaseLifecycle(
    HubDatabase database,
    IOptions<DatabaseOptions> options,
    IHostEnvironment environment,
    IHostApplicationLifetime lifetime,
    ILogger<DatabaseLifecycle> logger) : IHostedService, IAsyncDisposable
{
    public const string HangfireSchema = "hangfire";

    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private EmbeddedPostgres? _embedded;
    private Task? _retrying;
    private bool _started;
    private bool _stopped;

    /// <summary>Opens and prepares the database; does nothing when already started (the run command starts it early).</summary>
    /// <exception cref="HubStartupException">The embedded database cannot start, or the database can never be used by this build.</exception>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_started) return;
            _started = true;
            await OpenAsync(cancellationToken);
            if (await TryPrepareAsync(cancellationToken)) return;
            if (database.IsEmbedded)
                throw new HubStartupException($"The embedded database could not be prepared: {database.Problem}");
            _retrying = RetryAsync(_stopping.Token);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(CancellationToken.None);
        try
        {
            if (_stopped) return;
            _stopped = true;
            await _stopping.CancelAsync();
            if (_retrying is not null) await _retrying;
            if (_embedded is not null) await _embedded.StopAsync();
        }
        finally
        {
            _gate.Release();
        }
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
            return;
        }
        try
        {
            database.Open(database.ConfiguredConnectionString!);
        }
        catch (ArgumentException ex)
        {
            throw new HubStartupException($"ConnectionStrings:Hub is not a valid PostgreSQL connection string: {ex.Message}", ex);
        }
    }

    private async Task<bool> TryPrepareAsync(CancellationToken cancellationToken, bool quiet = false)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(TimeSpan.FromSeconds(options.Value.StartupAttemptSeconds));
        try
        {
            var applied = await MigrationRunner.ApplyAsync(database.DataSource, attempt.Token,
                connection => PostgreSqlObjectsInstaller.Install(connection, HangfireSchema));
            database.MarkReady();
            LogReady(MigrationRunner.LatestVersion, applied.Count);
            return true;
        }
        catch (Exception ex) when (IsTransient(ex) && !cancellationToken.IsCancellationRequested)
        {
            var problem = Describe(ex);
            var repeated = database.Problem == problem;
            database.MarkUnavailable(problem);
            if (quiet && repeated) LogStillUnavailable(problem);
            else LogUnavailable(problem);
            return false;
        }
        catch (Exception ex) when (ex is PostgresException or HubStartupException)
        {
            var problem = ex is PostgresException pg ? $"the database refused the migration: {Describe(pg)}" : ex.Message;
            database.MarkUnavailable(problem);
            throw ex as HubStartupException ?? new HubStartupException(problem, ex);
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
                if (await TryPrepareAsync(stopping, quiet: true)) return;
                delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, 30));
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (HubStartupException ex)
        {
            LogCannotContinue(ex.Message);
            Environment.ExitCode = 1;
            lifetime.StopApplication();
        }
    }

    /// <summary>
    /// True for problems that waiting may fix: no connection, a timeout, the server starting or shutting down, too
    /// many connections, a refused login (the database may still be being set up). Not for broken SQL or missing rights.
    /// </summary>
    internal static bool IsTransient(Exception ex) => ex switch
    {
        PostgresException pg => pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState.StartsWith("57P", StringComparison.Ordinal)
            || pg.SqlState.StartsWith("53", StringComparison.Ordinal) || pg.SqlState is "28P01" or "28000" or "3D000",
        NpgsqlException or SocketException or TimeoutException or OperationCanceledException => true,
        _ => ex.InnerException is not null && IsTransient(ex.InnerException),
    };

    /// <summary>Any failure to talk to the database (as opposed to a bug): for health checks and status reports.</summary>
    internal static bool IsDatabaseProblem(Exception ex) =>
        ex is NpgsqlException or SocketException or TimeoutException or OperationCanceledException;

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

    [LoggerMessage(3, LogLevel.Debug, "Database still not available: {Problem}")]
    private partial void LogStillUnavailable(string problem);

    [LoggerMessage(4, LogLevel.Critical, "IntegrationHub cannot continue: {Reason}")]
    private partial void LogCannotContinue(string reason);
}
