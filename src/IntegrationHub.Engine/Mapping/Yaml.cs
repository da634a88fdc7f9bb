using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace IntegrationHub.Mapping;

/// <summary>Reading YAML with positions kept, so every mistake can name its line and column.</summary>
internal static class Yaml
{
    public static YamlNode? LoadRoot(string file, string text, List<MapError> errors)
    {
        try
        {
            if (TooDeep(text) is { } deep)
            {
                errors.Add(new MapError(file, (int)deep.Line, (int)deep.Column, $"the YAML nests deeper than {MaxNesting} levels"));
                return null;
            }
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count == 0)
            {
                errors.Add(new MapError(file, 1, 1, "the file is empty"));
                return null;
            }
            return stream.Documents[0].RootNode;
        }
        catch (YamlException ex)
        {
            errors.Add(new MapError(file, (int)ex.Start.Line, (int)ex.Start.Column, $"not valid YAML: {Inner(ex).Message}"));
            return null;
        }
    }

    /// <summary>How deep mappings and lists may nest; the canonical model is far shallower, and loading a tree recurses per level.</summary>
    public const int MaxNesting = 64;

    // The event parser is not recursive, so a hostile file is measured before the tree is built.
    private static Mark? TooDeep(string text)
    {
        var parser = new Parser(new StringReader(text));
        var depth = 0;
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case MappingStart or SequenceStart:
                    if (++depth > MaxNesting) return parser.Current.Start;
                    break;
                case MappingEnd or SequenceEnd:
                    depth--;
                    break;
            }
        }
        return null;
    }

    public static YamlNode? Child(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public static MapError Error(string file, YamlNode node, string message) =>
        new(file, (int)node.Start.Line, (int)node.Start.Column, message);

    private static Exception Inner(Exception ex) => ex.InnerException is YamlException inner ? Inner(inner) : ex;
}

/// <summary>A YAML mapping read field by field, each mistake reported with its position: the shape of partner files.</summary>
internal sealed class YamlFields(string file, YamlMappingNode node, List<MapError> errors)
{
    public YamlMappingNode Node => node;

    /// <summary>Reports every key not in <paramref name="allowed"/>.</summary>
    public void Only(params string[] allowed)
    {
        foreach (var (key, _) in node.Children)
        {
            if (key is YamlScalarNode { Value: { } name } && allowed.Contains(name, StringComparer.Ordinal)) continue;
            errors.Add(Yaml.Error(file, key, $"unexpected key '{key}'; expected {string.Join(", ", allowed)}"));
        }
    }

    public string? Text(string key, bool required = false)
    {
        switch (Yaml.Child(node, key))
        {
            case YamlScalarNode { Value: { Length: > 0 } value }:
                return value;
            case null when !required:
                return null;
            case null:
                errors.Add(Yaml.Error(file, node, $"'{key}:' is required here"));
                return null;
            case var other:
                errors.Add(Yaml.Error(file, other, $"'{key}' takes a single value"));
                return null;
        }
    }

    public T? Enum<T>(string key, T fallback) where T : struct, System.Enum
    {
        var text = Text(key);
        if (text is null) return fallback;
        if (System.Enum.TryParse<T>(text, ignoreCase: true, out var value) && !int.TryParse(text, out _)) return value;
        errors.Add(Yaml.Error(file, Yaml.Child(node, key)!, $"'{key}' is one of {string.Join(", ", System.Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}, not '{text}'"));
        return null;
    }

    public YamlFields? Mapping(string key)
    {
        switch (Yaml.Child(node, key))
        {
            case null:
                return null;
            case YamlMappingNode mapping:
                return new YamlFields(file, mapping, errors);
            case var other:
                errors.Add(Yaml.Error(file, other, $"'{key}' is a mapping of keys to values"));
                return null;
        }
    }

    public IEnumerable<YamlFields> MappingList(string key)
    {
        switch (Yaml.Child(node, key))
        {
            case null:
                yield break;
            case YamlSequenceNode sequence:
                foreach (var item in sequence.Children)
                {
                    if (item is YamlMappingNode mapping) yield return new YamlFields(file, mapping, errors);
                    else errors.Add(Yaml.Error(file, item, $"each entry of '{key}' is a mapping"));
                }
                break;
            case var other:
                errors.Add(Yaml.Error(file, other, $"'{key}' is a list"));
                break;
        }
    }

    public IReadOnlyList<string> TextList(string key)
    {
        switch (Yaml.Child(node, key))
        {
            case null:
                return [];
            case YamlSequenceNode sequence:
                var values = new List<string>();
                foreach (var item in sequence.Children)
                {
                    if (item is YamlScalarNode { Value: { Length: > 0 } value }) values.Add(value);
                    else errors.Add(Yaml.Error(file, item, $"each entry of '{key}' is a single value"));
                }
                return values;
            case var other:
                errors.Add(Yaml.Error(file, other, $"'{key}' is a list of values"));
                return [];
        }
    }

    public void Error(string key, string message) => errors.Add(Yaml.Error(file, Yaml.Child(node, key) ?? node, message));
}
