namespace IntegrationHub.Mapping;

/// <summary>
/// Every map of a <c>mappings/</c> folder, compiled once: the defaults (<c>defaults/**/NAME.map.yaml</c>, id
/// <c>x12/850-004010.inbound</c>) and each partner's (<c>partners/ID/maps/NAME.map.yaml</c>, id
/// <c>partners/ID/NAME</c>), with the code lists of <c>codelists/</c>. A map that cannot be compiled is left out and
/// its errors are in <see cref="Errors"/>; the others still load.
/// </summary>
public sealed class MapLibrary
{
    private const string Suffix = ".map.yaml";

    /// <summary>What a partner id looks like (lower-case letters, digits and dashes): the name of its folder under <c>partners/</c>.</summary>
    public const string PartnerIdPattern = "^[a-z0-9]+(-[a-z0-9]+)*$";
    private readonly Dictionary<string, string> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, InboundMap?> _compiled = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MapError> _failures = new(StringComparer.Ordinal); // each map that failed: its first mistake
    private readonly Dictionary<string, OutboundMap?> _compiledOutbound = new(StringComparer.Ordinal);
    private Func<MapHeader, Documents.TargetSchema?>? _schemas;
    private readonly List<string> _compiling = []; // the chain being compiled, for finding cycles of extends
    private readonly List<MapError> _errors = [];
    private readonly string _root;

    private MapLibrary(string root, CodeListSet codeLists)
    {
        _root = root;
        CodeLists = codeLists;
    }

    public CodeListSet CodeLists { get; }

    /// <summary>Every map by id, compiled; maps with errors are absent.</summary>
    public IReadOnlyDictionary<string, InboundMap> Maps { get; private set; } = new Dictionary<string, InboundMap>();

    /// <summary>Every outbound map (<c>NAME.outbound.map.yaml</c>) by id, compiled; maps with errors are absent.</summary>
    public IReadOnlyDictionary<string, OutboundMap> OutboundMaps { get; private set; } = new Dictionary<string, OutboundMap>();

    /// <summary>Every mistake found in the folder's maps and code lists.</summary>
    public IReadOnlyList<MapError> Errors => _errors;

    /// <summary>
    /// Loads and compiles every map and code list below <paramref name="mappingsFolder"/>. Outbound maps are checked
    /// against the formats' schemas that <paramref name="outboundSchemas"/> gives (<c>Translation.FormatSchemas.Find</c>);
    /// without it an outbound map is reported as a mistake, not loaded unchecked.
    /// </summary>
    public static MapLibrary Load(string mappingsFolder, Func<MapHeader, Documents.TargetSchema?>? outboundSchemas = null)
    {
        var errors = new List<MapError>();
        var codeLists = CodeListSet.Load(Path.Combine(mappingsFolder, "codelists"), errors);
        var library = new MapLibrary(mappingsFolder, codeLists) { _schemas = outboundSchemas };
        library._errors.AddRange(errors);

        var defaults = Path.Combine(mappingsFolder, "defaults");
        foreach (var file in Find(defaults)) library._files[Id(defaults, file)] = file;
        var partners = Path.Combine(mappingsFolder, "partners");
        if (Directory.Exists(partners))
        {
            foreach (var partner in Directory.EnumerateDirectories(partners).Order(StringComparer.Ordinal))
            {
                var maps = Path.Combine(partner, "maps");
                foreach (var file in Find(maps)) library._files[$"partners/{Path.GetFileName(partner)}/{Id(maps, file)}"] = file;
            }
        }
        foreach (var id in library._files.Keys.ToList())
        {
            if (IsOutbound(id)) library.CompileOutbound(id);
            else library.Compile(id);
        }
        library.Maps = library._compiled.Where(m => m.Value is not null).ToDictionary(m => m.Key, m => m.Value!, StringComparer.Ordinal);
        library.OutboundMaps = library._compiledOutbound.Where(m => m.Value is not null).ToDictionary(m => m.Key, m => m.Value!, StringComparer.Ordinal);
        return library;
    }

    /// <summary>
    /// The map to use: the partner's own map for that format, document, version and direction when it has one, otherwise
    /// the default. Of several that fit, one stated for that very version wins over one for any version; of a partner's,
    /// then the one that extends the most. Null when none fits.
    /// </summary>
    public InboundMap? Find(string format, string document, string? version, MapDirection direction, string? partner = null)
    {
        // Asked once per document translated, with few distinct questions: the answer is kept (a library never changes
        // once loaded; hot reload swaps in a new one). Bounded, since the version and partner come from the documents.
        var key = (format, document, version, direction, partner);
        if (_found.TryGetValue(key, out var known)) return known;
        var found = Choose(format, document, version, direction, partner);
        if (_found.Count < MaxFound) _found.TryAdd(key, found);
        return found;
    }

    private const int MaxFound = 1024;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string, string, string?, MapDirection, string?), InboundMap?> _found = new();

    private InboundMap? Choose(string format, string document, string? version, MapDirection direction, string? partner)
    {
        bool Fits(InboundMap map) =>
            map.Header.Format == format && map.Header.Document == document && map.Header.Direction == direction
            && (version is null || map.Header.Version is null || map.Header.Version == version);
        bool Exact(InboundMap map) => version is not null && map.Header.Version == version;

        var candidates = Maps.Where(m => Fits(m.Value)).ToList();
        if (partner is not null)
        {
            var own = candidates.Where(m => m.Key.StartsWith($"partners/{partner}/", StringComparison.Ordinal)).Select(m => m.Value).ToList();
            if (own.Count > 0) return own.OrderByDescending(Exact).ThenByDescending(Depth).First(); // the most specific
        }
        return candidates.Where(m => !m.Key.StartsWith("partners/", StringComparison.Ordinal)).Select(m => m.Value).OrderByDescending(Exact).FirstOrDefault();
    }

    /// <summary>
    /// The outbound map to use: the partner's own for that format, document and version when it has one (the most
    /// specific), otherwise the default. Null when neither exists.
    /// </summary>
    public OutboundMap? FindOutbound(string format, string document, string? version, string? partner = null)
    {
        bool Fits(OutboundMap map) =>
            map.Header.Format == format && map.Header.Document == document && (version is null || map.Header.Version is null || map.Header.Version == version);

        var candidates = OutboundMaps.Where(m => Fits(m.Value)).ToList();
        if (partner is not null)
        {
            var own = candidates.Where(m => m.Key.StartsWith($"partners/{partner}/", StringComparison.Ordinal)).Select(m => m.Value).ToList();
            if (own.Count > 0) return own.OrderByDescending(Depth).First();
        }
        return candidates.Where(m => !m.Key.StartsWith("partners/", StringComparison.Ordinal)).Select(m => m.Value).FirstOrDefault();
    }

    /// <summary>The nearest <c>mappings</c> folder at or above <paramref name="start"/> (or <paramref name="start"/> itself when it is one); null when there is none.</summary>
    public static string? FindFolder(string start)
    {
        for (var at = new DirectoryInfo(start); at is not null; at = at.Parent)
        {
            if (at.Name == "mappings") return at.FullName;
            var candidate = Path.Combine(at.FullName, "mappings");
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>The path of the file that holds a map, relative to the mappings folder.</summary>
    public string FileOf(string id) => Path.GetRelativePath(_root, _files[id]);

    /// <summary>The folder of a map's golden samples, beside its file: <c>defaults/cxml/order-request.inbound.samples</c> (full path; it may not exist).</summary>
    public string SamplesFolderOf(string id) => Path.GetFullPath(_files[id][..^Suffix.Length] + ".samples");

    private static int Depth(InboundMap map)
    {
        var depth = 0;
        for (var at = map.Extends; at is not null; at = at.Extends) depth++;
        return depth;
    }

    private static int Depth(OutboundMap map)
    {
        var depth = 0;
        for (var at = map.Extends; at is not null; at = at.Extends) depth++;
        return depth;
    }

    private InboundMap? Compile(string id)
    {
        if (_compiled.TryGetValue(id, out var done)) return done;
        if (!_files.TryGetValue(id, out var file) || IsOutbound(id)) return null;
        if (_compiling.Contains(id))
        {
            var cycle = string.Join(" → ", _compiling.SkipWhile(c => c != id).Append(id));
            _errors.Add(new MapError(Path.GetRelativePath(_root, file), 1, 1, $"'extends:' goes round in a circle: {cycle}"));
            return null;
        }
        _compiling.Add(id);
        var before = _errors.Count;
        try
        {
            var map = MapCompiler.CompileInbound(Path.GetRelativePath(_root, file), File.ReadAllText(file), CodeLists, _errors, Compile,
                other => _failures.TryGetValue(other, out var failure) ? failure.ToString() : null);
            _compiled[id] = map;
            if (map is null && _errors.Count > before) _failures[id] = _errors[before];
            return map;
        }
        finally
        {
            _compiling.Remove(id);
        }
    }

    private static bool IsOutbound(string id) => id.EndsWith(".outbound", StringComparison.Ordinal);

    private OutboundMap? CompileOutbound(string id)
    {
        if (_compiledOutbound.TryGetValue(id, out var done)) return done;
        if (!_files.TryGetValue(id, out var file) || !IsOutbound(id)) return null;
        var relative = Path.GetRelativePath(_root, file);
        if (_compiling.Contains(id))
        {
            _errors.Add(new MapError(relative, 1, 1, $"'extends:' goes round in a circle: {string.Join(" → ", _compiling.SkipWhile(c => c != id).Append(id))}"));
            return null;
        }
        if (_schemas is null)
        {
            _errors.Add(new MapError(relative, 1, 1, "outbound maps are checked against the formats' schemas, and this loader was given none"));
            return _compiledOutbound[id] = null;
        }
        _compiling.Add(id);
        try
        {
            return _compiledOutbound[id] = OutboundCompiler.Compile(relative, File.ReadAllText(file), CodeLists, _schemas, _errors, CompileOutbound);
        }
        finally
        {
            _compiling.Remove(id);
        }
    }

    private static IEnumerable<string> Find(string folder) =>
        Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*" + Suffix, SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            : [];

    private static string Id(string folder, string file) =>
        Path.GetRelativePath(folder, file)[..^Suffix.Length].Replace('\\', '/');
}
