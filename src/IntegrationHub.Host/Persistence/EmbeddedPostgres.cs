using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Npgsql;

namespace IntegrationHub.Persistence;

/// <summary>How to run a private PostgreSQL cluster.</summary>
/// <param name="RootPath">Folder for the cluster: <c>data/</c> (PGDATA) and the superuser password file.</param>
/// <param name="Database">The database created in the cluster for the hub.</param>
/// <param name="Durable">False for throw-away test clusters: fsync and synchronous commit off.</param>
/// <param name="Port">The loopback port; 0 (the default) takes a free one at every start.</param>
/// <param name="MaxConnections">PostgreSQL's max_connections, set when the cluster is created; a test server shared by many hubs needs more.</param>
public sealed record EmbeddedPostgresSettings(string RootPath, string Database = "hub", bool Durable = true, int Port = 0, int MaxConnections = 200);

/// <summary>
/// A private PostgreSQL cluster run from the machine's server binaries: created on first use, on a free loopback port,
/// TCP only, password-authenticated. A server left running by a killed hub is stopped and the same data folder restarted;
/// a stale postmaster.pid is removed. When the hub runs as root, the server runs as an unprivileged account.
/// </summary>
public sealed partial class EmbeddedPostgres : IAsyncDisposable
{
    private const string SuperUser = "hub";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(90);

    private readonly PostgresBinaries _binaries;
    private readonly string? _account;
    private readonly ILogger _logger;
    private FileStream? _lock;
    private bool _stopped;

    private EmbeddedPostgres(FileStream folderLock, PostgresBinaries binaries, string dataDirectory, string? account, int port, string connectionString, ILogger logger)
    {
        _lock = folderLock;
        _binaries = binaries;
        DataDirectory = dataDirectory;
        _account = account;
        Port = port;
        ConnectionString = connectionString;
        _logger = logger;
    }

    /// <summary>The cluster's PGDATA folder.</summary>
    public string DataDirectory { get; }

    /// <summary>The loopback port the server listens on.</summary>
    public int Port { get; }

    /// <summary>A connection string to the hub's database in the cluster.</summary>
    public string ConnectionString { get; }

    /// <summary>Creates the cluster if needed, recovers from an earlier crash, starts it and creates the database.</summary>
    /// <exception cref="HubStartupException">The cluster cannot be started; the message says why and what to do.</exception>
    public static async Task<EmbeddedPostgres> StartAsync(EmbeddedPostgresSettings settings, ILogger logger, CancellationToken cancellationToken)
    {
        var binaries = PostgresBinaries.Find() ?? throw new HubStartupException(PostgresBinaries.Remedies);
        var root = Path.GetFullPath(settings.RootPath);
        EnsureWritable(root);
        var folderLock = LockFolder(root);
        try
        {
            var account = ServerAccount();
            var data = Path.Combine(root, "data");
            var initialized = File.Exists(Path.Combine(data, "PG_VERSION"));
            var password = await ReadOrCreatePasswordAsync(root, initialized, cancellationToken);
            var runner = new Runner(account);

            if (!initialized) await InitializeAsync(binaries, runner, root, data, password, settings, logger, cancellationToken);
            await RecoverAsync(binaries, runner, data, logger, cancellationToken);

            var port = await StartServerAsync(binaries, runner, data, settings.Port, cancellationToken);
            var adminConnection = new NpgsqlConnectionStringBuilder
            {
                Host = "127.0.0.1", Port = port, Username = SuperUser, Password = password, Database = "postgres",
                Pooling = false, Timeout = 10,
            };
            var instance = new EmbeddedPostgres(folderLock, binaries, data, account, port,
                new NpgsqlConnectionStringBuilder(adminConnection.ConnectionString) { Database = settings.Database, Pooling = true }.ConnectionString,
                logger);
            try
            {
                await CreateDatabaseAsync(adminConnection.ConnectionString, settings.Database, cancellationToken);
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                await instance.StopAsync();
                throw new HubStartupException($"The embedded PostgreSQL server started but the hub cannot use it: {ex.Message}", ex);
            }
            LogRunning(logger, port, data);
            return instance;
        }
        catch
        {
            await folderLock.DisposeAsync();
            throw;
        }
    }

    // One hub per folder: a second one would stop the first one's server as if it were an orphan.
    private static FileStream LockFolder(string root)
    {
        try
        {
            return new FileStream(Path.Combine(root, "hub.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new HubStartupException(
                $"Another hub is running on {root}; stop it, or give this one its own Database:EmbeddedPath.", ex);
        }
    }

    /// <summary>What a killed process leaves behind: the server runs on, the folder lock is gone. For tests of recovery.</summary>
    internal void Abandon()
    {
        _stopped = true;
        _lock?.Dispose();
        _lock = null;
    }

    /// <summary>Creates another database in the cluster (tests give each class its own) and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken)
    {
        var admin = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres", Pooling = false };
        await CreateDatabaseAsync(admin.ConnectionString, name, cancellationToken);
        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Stops the server (fast shutdown: open sessions are ended, committed data is safe).</summary>
    public async Task StopAsync()
    {
        if (_stopped) return;
        _stopped = true;
        try
        {
            var result = await new Runner(_account).RunAsync(_binaries.PgCtl, ["stop", "-D", DataDirectory, "-m", "fast", "-w", "-t", "30"], CancellationToken.None);
            if (result.ExitCode == 0) LogStopped(_logger);
            else LogNotStopped(_logger, Tail(result.Output));
        }
        finally
        {
            if (_lock is not null) await _lock.DisposeAsync();
            _lock = null;
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private static void EnsureWritable(string root)
    {
        try
        {
            Directory.CreateDirectory(root);
            var probe = Path.Combine(root, $".write-probe-{Environment.ProcessId}");
            File.WriteAllText(probe, string.Empty);
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new HubStartupException(
                $"The embedded PostgreSQL folder {root} is not writable ({ex.Message}). " +
                "Point Database:EmbeddedPath at a writable folder, or set ConnectionStrings:Hub.", ex);
        }
    }

    // PostgreSQL refuses to run as root; the server then runs as 'postgres' (or 'nobody' where there is no such user).
    private static string? ServerAccount()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS() || !Environment.IsPrivilegedProcess) return null;
        var users = File.Exists("/etc/passwd") ? File.ReadLines("/etc/passwd").Select(l => l.Split(':')[0]).ToHashSet() : [];
        return users.Contains("postgres") ? "postgres" : "nobody";
    }

    private static async Task<string> ReadOrCreatePasswordAsync(string root, bool initialized, CancellationToken cancellationToken)
    {
        var file = Path.Combine(root, "superuser.password");
        if (File.Exists(file)) return (await File.ReadAllTextAsync(file, cancellationToken)).Trim();
        if (initialized)
            throw new HubStartupException(
                $"{file} is missing, and without it the cluster in {Path.Combine(root, "data")} cannot be opened. " +
                "Restore the file, or move the folder away to start with a new, empty cluster.");
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        var owner = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) owner.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite; // never readable by others, not even briefly
        await using (var stream = new FileStream(file, owner))
        await using (var writer = new StreamWriter(stream))
            await writer.WriteAsync(password);
        return password;
    }

    private static async Task InitializeAsync(PostgresBinaries binaries, Runner runner, string root, string data, string password,
        EmbeddedPostgresSettings cluster, ILogger logger, CancellationToken cancellationToken)
    {
        if (Directory.Exists(data) && Directory.EnumerateFileSystemEntries(data).Any())
            throw new HubStartupException($"{data} is neither empty nor a PostgreSQL data folder; move it away or choose another Database:EmbeddedPath.");

        LogCreating(logger, data);
        Directory.CreateDirectory(data);
        var passwordFile = Path.Combine(root, $".initdb-{Environment.ProcessId}");
        await File.WriteAllTextAsync(passwordFile, password, cancellationToken);
        try
        {
            await runner.GiveAsync(data, cancellationToken);
            await runner.GiveAsync(passwordFile, cancellationToken);
            await runner.CheckReachableAsync(data, cancellationToken);
            var result = await runner.RunAsync(binaries.InitDb,
                ["-D", data, "-U", SuperUser, $"--pwfile={passwordFile}", "--auth=scram-sha-256", "--encoding=UTF8", "--no-locale"],
                cancellationToken);
            if (result.ExitCode != 0)
                throw new HubStartupException($"initdb failed for {data}: {Tail(result.Output)}");
        }
        finally
        {
            File.Delete(passwordFile);
        }

        var settings = new List<string>
        {
            "listen_addresses = '127.0.0.1'",
            "unix_socket_directories = ''",
            $"max_connections = {cluster.MaxConnections}",
        };
        if (!cluster.Durable) settings.AddRange(["fsync = off", "synchronous_commit = off", "full_page_writes = off"]);
        await File.AppendAllLinesAsync(Path.Combine(data, "postgresql.conf"), ["", "# IntegrationHub embedded cluster", .. settings], cancellationToken);
    }

    private static async Task RecoverAsync(PostgresBinaries binaries, Runner runner, string data, ILogger logger, CancellationToken cancellationToken)
    {
        var pidFile = Path.Combine(data, "postmaster.pid");
        if (!File.Exists(pidFile)) return;

        var firstLine = File.ReadLines(pidFile).FirstOrDefault();
        if (int.TryParse(firstLine, out var pid) && IsServerOf(pid, data))
        {
            LogOrphan(logger, pid, data);
            var stop = await runner.RunAsync(binaries.PgCtl, ["stop", "-D", data, "-m", "fast", "-w", "-t", "30"], cancellationToken);
            if (stop.ExitCode != 0)
                throw new HubStartupException($"A PostgreSQL server (pid {pid}) holds {data} and could not be stopped: {Tail(stop.Output)}");
            return;
        }
        LogStalePid(logger, data, firstLine);
        File.Delete(pidFile);
    }

    // The postmaster of this data folder: a live postgres process whose working directory is the folder (the postmaster
    // changes into it). A zombie counts as gone: where nothing reaps orphans (some containers' init), a killed server
    // stays in the process table and still answers kill(pid, 0). After a reboot the pid may be another cluster's server,
    // which the working directory tells apart.
    internal static bool IsServerOf(int pid, string dataDirectory)
    {
        var proc = $"/proc/{pid}";
        if (Directory.Exists("/proc/self"))
        {
            try
            {
                var text = File.ReadAllText($"{proc}/stat");
                var open = text.IndexOf('(', StringComparison.Ordinal);
                var close = text.LastIndexOf(')');
                if (open < 0 || close < open || close + 2 >= text.Length) return false;
                if (!text[(open + 1)..close].StartsWith("postgres", StringComparison.Ordinal) || text[close + 2] is 'Z' or 'X') return false;
                var cwd = new DirectoryInfo($"{proc}/cwd").ResolveLinkTarget(returnFinalTarget: true)?.FullName;
                return cwd is null || Path.TrimEndingDirectorySeparator(cwd) == Path.TrimEndingDirectorySeparator(Path.GetFullPath(dataDirectory));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return false; // it exited while we looked
            }
        }
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited && process.ProcessName.StartsWith("postgres", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    private static async Task<int> StartServerAsync(PostgresBinaries binaries, Runner runner, string data, int fixedPort, CancellationToken cancellationToken)
    {
        var log = Path.Combine(data, "server.log");
        for (var attempt = 1; ; attempt++)
        {
            var port = fixedPort > 0 ? fixedPort : FreeLoopbackPort();
            var result = await runner.RunAsync(binaries.PgCtl, ["start", "-D", data, "-l", log, "-w", "-t", "60", "-o", $"-p {port}"], cancellationToken);
            if (result.ExitCode == 0) return port;

            var serverLog = ReadTail(log);
            // pg_ctl gives up after its timeout while a slow server (crash recovery) may still be starting: stop it, so
            // that a failed start leaves nothing running.
            if (File.Exists(Path.Combine(data, "postmaster.pid")))
                await runner.RunAsync(binaries.PgCtl, ["stop", "-D", data, "-m", "immediate", "-w", "-t", "30"], CancellationToken.None);
            var portTaken = serverLog.Contains("could not bind", StringComparison.OrdinalIgnoreCase)
                || serverLog.Contains("already in use", StringComparison.OrdinalIgnoreCase);
            if (!portTaken || fixedPort > 0 || attempt == 3)
                throw new HubStartupException($"The embedded PostgreSQL server did not start (data in {data}): {Tail(result.Output + serverLog)}");
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task CreateDatabaseAsync(string adminConnectionString, string database, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection) { Parameters = { new() { Value = database } } };
        if (await exists.ExecuteScalarAsync(cancellationToken) is not null) return;
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
        await create.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string ReadTail(string file)
    {
        try
        {
            return File.Exists(file) ? string.Join('\n', File.ReadLines(file).TakeLast(5)) : string.Empty;
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }

    private static string Tail(string output) =>
        string.Join(" | ", output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(5));

    [LoggerMessage(1, LogLevel.Information, "Embedded PostgreSQL is running on 127.0.0.1:{Port} with data in {DataDirectory}")]
    private static partial void LogRunning(ILogger logger, int port, string dataDirectory);

    [LoggerMessage(2, LogLevel.Information, "Embedded PostgreSQL stopped")]
    private static partial void LogStopped(ILogger logger);

    [LoggerMessage(3, LogLevel.Warning, "Embedded PostgreSQL did not stop cleanly: {Output}")]
    private static partial void LogNotStopped(ILogger logger, string output);

    [LoggerMessage(4, LogLevel.Information, "Creating the embedded PostgreSQL cluster in {DataDirectory}")]
    private static partial void LogCreating(ILogger logger, string dataDirectory);

    [LoggerMessage(5, LogLevel.Warning, "A PostgreSQL server left running by an earlier run (pid {Pid}) holds {DataDirectory}; stopping it")]
    private static partial void LogOrphan(ILogger logger, int pid, string dataDirectory);

    [LoggerMessage(6, LogLevel.Warning, "Removing the stale postmaster.pid in {DataDirectory} (process {Pid} is not a running PostgreSQL)")]
    private static partial void LogStalePid(ILogger logger, string dataDirectory, string? pid);

    /// <summary>Runs the server's programs, as the unprivileged account when the hub is root.</summary>
    private sealed class Runner(string? account)
    {
        public Task<(int ExitCode, string Output)> RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
            account is null
                ? RunProcessAsync(program, arguments, cancellationToken)
                : RunProcessAsync("runuser", ["-u", account, "--", program, .. arguments], cancellationToken);

        public async Task GiveAsync(string path, CancellationToken cancellationToken)
        {
            if (account is null) return;
            var result = await RunProcessAsync("chown", ["-R", $"{account}:", path], cancellationToken);
            if (result.ExitCode != 0) throw new HubStartupException($"Could not hand {path} to the '{account}' account: {Tail(result.Output)}");
        }

        public async Task CheckReachableAsync(string folder, CancellationToken cancellationToken)
        {
            if (account is null) return;
            var result = await RunProcessAsync("runuser", ["-u", account, "--", "test", "-w", folder], cancellationToken);
            if (result.ExitCode != 0)
                throw new HubStartupException(
                    $"The hub runs as root, so PostgreSQL runs as '{account}', which cannot reach {folder}. " +
                    "Set Database:EmbeddedPath to a folder that account can enter (for example under /var/tmp), or set ConnectionStrings:Hub.");
        }

        private static async Task<(int ExitCode, string Output)> RunProcessAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
        {
            var start = new ProcessStartInfo(program)
            {
                RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false,
                WorkingDirectory = "/",
            };
            foreach (var argument in arguments) start.ArgumentList.Add(argument);
            start.Environment["LC_ALL"] = "C";

            using var process = Process.Start(start) ?? throw new HubStartupException($"Could not run {program}.");
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(CommandTimeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                if (cancellationToken.IsCancellationRequested) throw;
                throw new HubStartupException($"{Path.GetFileName(program)} did not finish within {CommandTimeout.TotalSeconds} s.");
            }
            return (process.ExitCode, await stdout + await stderr);
        }
    }
}
