using System.Globalization;
using System.Reflection;
using YamlDotNet.RepresentationModel;

namespace IntegrationHub.Formats.X12;

/// <summary>
/// The transaction-set specs and segment dictionaries, loaded once from the embedded <c>Specs/*.yaml</c> files
/// (or from any set of named texts, for tests). A spec file is named <c>&lt;set&gt;-&lt;version&gt;.yaml</c>; a
/// dictionary <c>segments-&lt;version&gt;.yaml</c>. Spec files are trusted build inputs: a malformed one is a bug and throws.
/// </summary>
internal sealed class X12SpecLibrary
{
    private const string ResourcePrefix = "X12Specs/";
    private readonly Dictionary<(string Set, string Version), TransactionSetSpec> _specs = [];
    private readonly Dictionary<string, IReadOnlyDictionary<string, SegmentSpec>> _dictionaries = new(StringComparer.Ordinal);

    private X12SpecLibrary(IReadOnlyDictionary<string, string> files)
    {
        var documents = files.ToDictionary(file => Path.GetFileNameWithoutExtension(file.Key), file => Parse(file.Value), StringComparer.Ordinal);
        var dictionaries = new Dictionary<string, IReadOnlyDictionary<string, SegmentSpec>>(StringComparer.Ordinal);
        foreach (var (name, root) in documents.Where(document => document.Key.StartsWith("segments-", StringComparison.Ordinal)).OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            dictionaries[name["segments-".Length..]] = LoadDictionary(root, documents);
        }
        foreach (var (version, dictionary) in dictionaries) _dictionaries[version] = dictionary;
        foreach (var (name, root) in documents.Where(document => !document.Key.StartsWith("segments-", StringComparison.Ordinal)))
        {
            var spec = LoadSet(name, root, documents, dictionaries);
            _specs[(spec.SetId, spec.Version)] = spec;
        }
    }

    /// <summary>The specs embedded in the engine.</summary>
    public static X12SpecLibrary Embedded { get; } = new(ReadEmbedded());

    public static X12SpecLibrary FromTexts(IReadOnlyDictionary<string, string> files) => new(files);

    public IEnumerable<TransactionSetSpec> All => _specs.Values;

    /// <summary>The segment dictionary of a release, or null.</summary>
    public IReadOnlyDictionary<string, SegmentSpec>? Dictionary(string version) => _dictionaries.GetValueOrDefault(version);

    /// <summary>
    /// The spec for a set under a GS08 version: the highest spec version not above the group's release
    /// (004030 reads with 004010), or the lowest one when the group is older than every spec.
    /// </summary>
    public TransactionSetSpec? Find(string setId, string groupVersion, out bool exact)
    {
        var release = groupVersion.Length >= 6 ? groupVersion[..6] : groupVersion;
        var candidates = _specs.Values.Where(spec => spec.SetId == setId).OrderBy(spec => spec.Version, StringComparer.Ordinal).ToList();
        exact = false;
        if (candidates.Count == 0) return null;
        var best = candidates.LastOrDefault(spec => string.CompareOrdinal(spec.Version, release) <= 0) ?? candidates[0];
        exact = best.Version == release;
        return best;
    }

    private static Dictionary<string, string> ReadEmbedded()
    {
        var assembly = typeof(X12SpecLibrary).Assembly;
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            files[name[ResourcePrefix.Length..]] = reader.ReadToEnd();
        }
        return files;
    }

    private static YamlMappingNode Parse(string text)
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(text));
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value : null;

    private static YamlNode? Child(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static IEnumerable<string> Strings(YamlNode? node) =>
        node is YamlSequenceNode sequence ? sequence.Children.Select(child => ((YamlScalarNode)child).Value!) : [];

    private static Dictionary<string, SegmentSpec> LoadDictionary(YamlMappingNode root, Dictionary<string, YamlMappingNode> documents)
    {
        // Code lists and closed flags accumulate along the extends chain; segments are replaced whole.
        var chain = new List<YamlMappingNode>();
        for (var node = root; node is not null;)
        {
            chain.Insert(0, node);
            var parent = Scalar(node, "extends");
            node = parent is null ? null : documents[$"segments-{parent}"];
        }

        var codes = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var closed = new HashSet<string>(StringComparer.Ordinal);
        var segmentNodes = new Dictionary<string, YamlMappingNode>(StringComparer.Ordinal);
        foreach (var node in chain)
        {
            closed.UnionWith(Strings(Child(node, "closed")));
            if (Child(node, "codes") is YamlMappingNode lists)
            {
                foreach (var (key, value) in lists.Children) codes[((YamlScalarNode)key).Value!] = Strings(value).ToHashSet(StringComparer.Ordinal);
            }
            if (Child(node, "segments") is YamlMappingNode segments)
            {
                foreach (var (key, value) in segments.Children) segmentNodes[((YamlScalarNode)key).Value!] = (YamlMappingNode)value;
            }
        }

        return segmentNodes.ToDictionary(pair => string.Intern(pair.Key), pair => LoadSegment(string.Intern(pair.Key), pair.Value, codes, closed), StringComparer.Ordinal);
    }

    private static SegmentSpec LoadSegment(string id, YamlMappingNode node, Dictionary<string, HashSet<string>> codes, HashSet<string> closed)
    {
        var elements = Child(node, "elements") is YamlSequenceNode sequence
            ? sequence.Children.Select(child => LoadElement(child, codes, closed)).ToArray()
            : [];
        var syntax = Strings(Child(node, "syntax")).Select(ParseNote).ToArray();
        var unchecked_ = int.Parse(Scalar(node, "unchecked") ?? "0", CultureInfo.InvariantCulture);
        var productIds = int.Parse(Scalar(node, "productIds") ?? "0", CultureInfo.InvariantCulture);
        return new SegmentSpec(id, elements, syntax, unchecked_, productIds);
    }

    private static ElementSpec LoadElement(YamlNode node, Dictionary<string, HashSet<string>> codes, HashSet<string> closed)
    {
        if (node is YamlMappingNode composite)
        {
            var components = ((YamlSequenceNode)Child(composite, "components")!).Children.Select(child => LoadElement(child, codes, closed)).ToList();
            return new ElementSpec(Scalar(composite, "ref")!, ParseUsage(Scalar(composite, "usage")!), "composite", 0, 0) { Components = components };
        }

        // "<reference> <usage> <type> <min>/<max>"
        var parts = ((YamlScalarNode)node).Value!.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var lengths = parts[3].Split('/');
        var reference = parts[0];
        return new ElementSpec(reference, ParseUsage(parts[1]), parts[2], int.Parse(lengths[0], CultureInfo.InvariantCulture), int.Parse(lengths[1], CultureInfo.InvariantCulture))
        {
            Codes = parts[2] == "ID" ? codes.GetValueOrDefault(reference) : null,
            CodesClosed = closed.Contains(reference),
        };
    }

    private static Usage ParseUsage(string usage) => usage switch
    {
        "M" => Usage.Mandatory,
        "O" => Usage.Optional,
        "X" or "C" => Usage.Conditional,
        _ => throw new InvalidDataException($"Unknown usage '{usage}' in an X12 spec."),
    };

    private static SyntaxNote ParseNote(string note)
    {
        var positions = Enumerable.Range(0, (note.Length - 1) / 2).Select(i => int.Parse(note.AsSpan(1 + (i * 2), 2), CultureInfo.InvariantCulture)).ToArray();
        return new SyntaxNote(note[0], positions);
    }

    private static TransactionSetSpec LoadSet(string name, YamlMappingNode root, Dictionary<string, YamlMappingNode> documents,
        Dictionary<string, IReadOnlyDictionary<string, SegmentSpec>> dictionaries)
    {
        var setId = Scalar(root, "set") ?? throw new InvalidDataException($"X12 spec {name} has no 'set'.");
        var version = Scalar(root, "version") ?? throw new InvalidDataException($"X12 spec {name} has no 'version'.");
        var source = root;
        while (Child(source, "structure") is null)
        {
            var parent = Scalar(source, "extends") ?? throw new InvalidDataException($"X12 spec {name} has neither 'structure' nor 'extends'.");
            source = documents[parent];
        }
        var structure = (YamlSequenceNode)Child(source, "structure")!;
        var rootLoop = new LoopNode(setId, Usage.Mandatory, 1, structure.Children.Select(LoadNode).ToArray());
        var dictionary = dictionaries.GetValueOrDefault(version) ?? throw new InvalidDataException($"X12 spec {name}: no segments-{version}.yaml.");
        return new TransactionSetSpec(setId, version, Scalar(root, "name") ?? Scalar(source, "name") ?? setId,
            Scalar(root, "group") ?? Scalar(source, "group") ?? "", rootLoop, dictionary, Scalar(root, "hierarchical") ?? Scalar(source, "hierarchical"));
    }

    private static SpecNode LoadNode(YamlNode node)
    {
        if (node is YamlScalarNode scalar)
        {
            var parts = scalar.Value!.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return new SegmentNode(string.Intern(parts[0]), ParseUsage(parts[1]), ParseMax(parts[2]));
        }

        var (key, value) = ((YamlMappingNode)node).Children.Single();
        var header = ((YamlScalarNode)key).Value!.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (header[0] != "loop") throw new InvalidDataException($"Expected 'loop <id> <usage> <max>' in an X12 spec, found '{key}'.");
        var children = ((YamlSequenceNode)value).Children.Select(LoadNode).ToArray();
        if (children.Length == 0 || children[0] is not SegmentNode) throw new InvalidDataException($"Loop {header[1]} must start with a segment.");
        return new LoopNode(header[1], ParseUsage(header[2]), ParseMax(header[3]), children);
    }

    private static int ParseMax(string max) => max == ">1" ? int.MaxValue : int.Parse(max, CultureInfo.InvariantCulture);
}
