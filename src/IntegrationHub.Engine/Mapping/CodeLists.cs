using YamlDotNet.RepresentationModel;

namespace IntegrationHub.Mapping;

/// <summary>A named list of codes and what each means, such as X12 entity identifiers to canonical party roles.</summary>
public sealed class CodeList
{
    public CodeList(string name, IReadOnlyDictionary<string, string> codes)
    {
        Name = name;
        Codes = codes;
        var reverse = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (code, meaning) in codes) reverse.TryAdd(meaning, code); // the first code listed for a meaning wins
        Reverse = reverse;
    }

    public string Name { get; }

    /// <summary>Code to meaning.</summary>
    public IReadOnlyDictionary<string, string> Codes { get; }

    /// <summary>Meaning to code, for outbound maps: the first code listed for a meaning.</summary>
    public IReadOnlyDictionary<string, string> Reverse { get; }
}

/// <summary>Code lists by name; a name is the file's path below <c>codelists/</c> without <c>.yaml</c>, e.g. <c>x12/entity-identifier</c>.</summary>
public sealed class CodeListSet
{
    private readonly Dictionary<string, CodeList> _lists = new(StringComparer.Ordinal);

    public static CodeListSet Empty { get; } = new();

    public IEnumerable<string> Names => _lists.Keys;

    public CodeList? Find(string name) => _lists.GetValueOrDefault(name);

    public void Add(CodeList list) => _lists[list.Name] = list;

    /// <summary>Loads every <c>*.yaml</c> below <paramref name="folder"/>; each file is a mapping of code to meaning under <c>codes:</c>.</summary>
    public static CodeListSet Load(string folder, List<MapError> errors)
    {
        var set = new CodeListSet();
        if (!Directory.Exists(folder)) return set;
        foreach (var file in Directory.EnumerateFiles(folder, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var name = Path.GetRelativePath(folder, file)[..^".yaml".Length].Replace('\\', '/');
            var list = Parse(name, file, File.ReadAllText(file), errors);
            if (list is not null) set.Add(list);
        }
        return set;
    }

    /// <summary>Parses one code list; on a mistake adds a positioned error and returns null.</summary>
    public static CodeList? Parse(string name, string file, string yaml, List<MapError> errors)
    {
        var root = Yaml.LoadRoot(file, yaml, errors);
        if (root is null) return null;
        if (root is not YamlMappingNode mapping || Yaml.Child(mapping, "codes") is not YamlMappingNode codes)
        {
            errors.Add(Yaml.Error(file, root, "expected a mapping with 'codes:', each code mapped to its meaning"));
            return null;
        }
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in codes.Children)
        {
            if (key is not YamlScalarNode { Value: { } code } || value is not YamlScalarNode { Value: { } meaning })
            {
                errors.Add(Yaml.Error(file, key, "expected 'CODE: meaning'"));
                continue;
            }
            entries[code] = meaning; // the YAML reader has already refused a code listed twice
        }
        return new CodeList(name, entries);
    }
}
