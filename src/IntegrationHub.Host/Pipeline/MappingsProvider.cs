using IntegrationHub.Translation;
using IntegrationHub.Mapping;
using IntegrationHub.Partners;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Pipeline;

/// <summary>The maps, code lists and partners the hub works with, loaded together from one mappings folder.</summary>
/// <param name="Maps">Every map that compiled.</param>
/// <param name="Partners">Every partner file that read.</param>
/// <param name="Folder">Where they came from.</param>
/// <param name="LoadedAt">When.</param>
public sealed record MappingSet(MapLibrary Maps, PartnerRegistry Partners, string Folder, DateTimeOffset LoadedAt)
{
    public IReadOnlyList<MapError> Errors { get; } = [.. Maps.Errors, .. Partners.Errors];
}

/// <summary>What the provider holds, swapped in one step so a reader sees the set, its reload count and the refused
/// reload's mistakes of one moment.</summary>
/// <param name="Set">The set in use.</param>
/// <param name="Reloads">How many times the set was replaced since start.</param>
/// <param name="RefusedReload">The mistakes of the last reload that was refused, or empty when the last load was good.</param>
public sealed record MappingsState(MappingSet Set, int Reloads, IReadOnlyList<MapError> RefusedReload);

/// <summary>
/// Loads the mappings folder at start and again whenever a file in it changes. A reload that finds any mistake is not
/// used: the hub keeps the last good set and logs each mistake with its file, line and column; a good reload replaces
/// the set in one step, so a translation sees either the old set or the new one, never a mix.
/// </summary>
public sealed partial class MappingsProvider(IOptions<Hosting.HubOptions> options, IHostEnvironment environment, TimeProvider time,
    ILogger<MappingsProvider> logger) : IHostedService, IDisposable
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);
    private readonly object _gate = new();
    private FileSystemWatcher? _watcher;
    private ITimer? _debounce;
    private volatile MappingsState? _state;

    /// <summary>The set in use, with its reload count and the last refused reload's mistakes: read it once per use.</summary>
    /// <exception cref="InvalidOperationException">Used before start (a bug).</exception>
    public MappingsState State => _state ?? throw new InvalidOperationException("The mappings are used before the hub loaded them.");

    /// <summary>The set in use.</summary>
    /// <exception cref="InvalidOperationException">Used before start (a bug).</exception>
    public MappingSet Current => State.Set;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var folder = Folder();
        var set = Load(folder);
        foreach (var error in set.Errors) LogMistake(error.ToString());
        _state = new MappingsState(set, 0, []);
        LogLoaded(folder, set.Maps.Maps.Count, set.Partners.Partners.Count, set.Errors.Count);
        if (Directory.Exists(folder))
        {
            _debounce = time.CreateTimer(_ => ReloadSafely(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _watcher = new FileSystemWatcher(folder) { IncludeSubdirectories = true, NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size };
            _watcher.Changed += (_, _) => Touched();
            _watcher.Created += (_, _) => Touched();
            _watcher.Deleted += (_, _) => Touched();
            _watcher.Renamed += (_, _) => Touched();
            _watcher.Error += (_, _) => Touched(); // a lost event (buffer overflow): reload everything to be sure
            _watcher.EnableRaisingEvents = true;
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        if (_watcher is not null) _watcher.EnableRaisingEvents = false;
        _debounce?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _debounce?.Dispose();
    }

    /// <summary>Loads the folder again now; returns whether the new set was taken.</summary>
    public bool Reload()
    {
        lock (_gate)
        {
            var state = State;
            var folder = state.Set.Folder;
            var set = Load(folder);
            if (set.Errors.Count > 0)
            {
                foreach (var error in set.Errors) LogMistake(error.ToString());
                LogKept(set.Errors.Count);
                _state = state with { RefusedReload = set.Errors };
                return false;
            }
            _state = new MappingsState(set, state.Reloads + 1, []);
            LogLoaded(folder, set.Maps.Maps.Count, set.Partners.Partners.Count, 0);
            return true;
        }
    }

    // On a timer thread an exception would end the process: a reload that fails (a file half-written as it was read)
    // keeps the current set, says why, and the next change tries again.
    private void ReloadSafely()
    {
        try
        {
            Reload();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogReloadFailed(ex.Message);
        }
    }

    // Editors write a file in several steps; one reload after the writing stops.
    private void Touched() => _debounce?.Change(Quiet, Timeout.InfiniteTimeSpan);

    private MappingSet Load(string folder) =>
        new(FormatSchemas.Load(folder), PartnerRegistry.Load(folder), folder, time.GetUtcNow());

    private string Folder()
    {
        if (!string.IsNullOrWhiteSpace(options.Value.MappingsPath))
            return Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.MappingsPath));
        return MapLibrary.FindFolder(environment.ContentRootPath) ?? Path.Combine(environment.ContentRootPath, "mappings");
    }

    [LoggerMessage(1, LogLevel.Information, "Mappings loaded from {Folder}: {Maps} maps, {Partners} partners, {Mistakes} mistakes")]
    private partial void LogLoaded(string folder, int maps, int partners, int mistakes);

    [LoggerMessage(2, LogLevel.Error, "Mapping mistake: {Mistake}")]
    private partial void LogMistake(string mistake);

    [LoggerMessage(4, LogLevel.Warning, "The mappings could not be read again ({Reason}); the hub keeps the current ones")]
    private partial void LogReloadFailed(string reason);

    [LoggerMessage(3, LogLevel.Warning, "The changed mappings have {Count} mistakes; the hub keeps the previous ones until they are fixed")]
    private partial void LogKept(int count);
}
