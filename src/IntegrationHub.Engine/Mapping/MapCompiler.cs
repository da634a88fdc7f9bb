using System.Text.Json.Serialization.Metadata;
using IntegrationHub.Canonical;
using IntegrationHub.Documents;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace IntegrationHub.Mapping;

/// <summary>
/// Loads a map file and compiles it once: every target checked against the canonical model's JSON contract, every
/// expression parsed and bound to the function library and code lists. Every mistake is reported with file, line and
/// column; a map with mistakes is not returned.
/// </summary>
public static class MapCompiler
{
    /// <summary>
    /// The two parts every map file has, <c>map:</c> (what it maps) and <c>fields:</c> (how), each mistake in their shape
    /// added to <paramref name="errors"/>; null when the file cannot be a map. <paramref name="role"/> names the header key
    /// that says which canonical document the map is about (<c>produces</c> or <c>consumes</c>).
    /// </summary>
    internal static (YamlMappingNode Document, YamlMappingNode Map)? ReadParts(string file, string yaml, string role, List<MapError> errors)
    {
        if (Yaml.LoadRoot(file, yaml, errors) is not { } root) return null;
        if (root is not YamlMappingNode document)
        {
            errors.Add(Yaml.Error(file, root, "a map is a mapping with 'map:' (what it maps) and 'fields:' (how)"));
            return null;
        }
        foreach (var (key, _) in document.Children)
        {
            if (key is YamlScalarNode { Value: "map" or "fields" }) continue;
            errors.Add(Yaml.Error(file, key, $"unexpected key '{key}'; a map has 'map:' and 'fields:'"));
        }
        if (Yaml.Child(document, "map") is not YamlMappingNode map)
        {
            errors.Add(Yaml.Error(file, document, $"expected 'map:' with format, document, version, direction and {role} (or extends)"));
            return null;
        }
        return (document, map);
    }

    /// <summary>
    /// Compiles an inbound map (format tree → canonical document); null with <paramref name="errors"/> filled on mistakes.
    /// A map whose header says <c>extends: ID</c> takes everything from that map and states only what differs:
    /// <paramref name="resolveBase"/> finds the base by id, and <paramref name="whyNotCompiled"/> says why a base that
    /// exists could not be compiled (null when there is no such map).
    /// </summary>
    public static InboundMap? CompileInbound(string file, string yaml, CodeListSet codeLists, List<MapError> errors,
        Func<string, InboundMap?>? resolveBase = null, Func<string, string?>? whyNotCompiled = null)
    {
        var before = errors.Count;
        if (ReadParts(file, yaml, "produces", errors) is not ({ } document, { } map)) return null;
        InboundMap? baseMap = null;
        MapHeader? header;
        if (Yaml.Child(map, "extends") is { } extends) (baseMap, header) = ReadExtends(file, map, extends, resolveBase, whyNotCompiled, errors);
        else header = ReadHeader(file, map, errors);
        if (header is null) return null;
        if (Yaml.Child(document, "fields") is not YamlMappingNode fields)
        {
            errors.Add(Yaml.Error(file, document, "expected 'fields:', a mapping from canonical fields to expressions"));
            return null;
        }
        var type = CanonicalJson.Options.GetTypeInfo(MapHeader.CanonicalTypes[header.Produces]);
        var rule = new Compiler(file, codeLists, errors).Object(fields, type, header.Produces);
        if (errors.Count != before || rule is null) return null;
        return new InboundMap(file, header, baseMap is null ? rule : Merge(baseMap.Root, rule), codeLists, baseMap);
    }

    // What the extending map states replaces the base's field of the same name; objects merge field by field; lists and
    // values are replaced whole; a field set to ~ (null) is removed.
    private static ObjectRule Merge(ObjectRule baseRule, ObjectRule over)
    {
        var fields = baseRule.Fields.ToList();
        foreach (var field in over.Fields)
        {
            var index = fields.FindIndex(f => f.Name == field.Name);
            if (field.Rule is RemovedRule)
            {
                if (index >= 0) fields.RemoveAt(index);
                continue;
            }
            var merged = field.Rule is ObjectRule obj && index >= 0 && fields[index].Rule is ObjectRule inner ? field with { Rule = Merge(inner, obj) } : field;
            if (index >= 0) fields[index] = merged;
            else fields.Add(merged);
        }
        return new ObjectRule(baseRule.Type, fields, over.When ?? baseRule.When);
    }

    private static (InboundMap? Base, MapHeader? Header) ReadExtends(string file, YamlMappingNode map, YamlNode extends,
        Func<string, InboundMap?>? resolveBase, Func<string, string?>? whyNotCompiled, List<MapError> errors)
    {
        foreach (var (key, _) in map.Children)
        {
            if (key is YamlScalarNode { Value: "extends" or "description" or "version" }) continue;
            errors.Add(Yaml.Error(file, key, $"a map that extends another takes '{key}' from it; state only 'extends:', 'version:' and 'description:' in 'map:'"));
        }
        if (extends is not YamlScalarNode { Value: { Length: > 0 } id })
        {
            errors.Add(Yaml.Error(file, extends, "'extends:' names the map this one builds on, such as x12/850-004010.inbound"));
            return (null, null);
        }
        var before = errors.Count;
        var baseMap = resolveBase?.Invoke(id);
        // A map may read another version of the same document the same way (850 005010 as 004010): only the version changes.
        if (baseMap is not null)
            return (baseMap, Yaml.Child(map, "version") is YamlScalarNode { Value: { Length: > 0 } version } ? baseMap.Header with { Version = version } : baseMap.Header);
        var message = whyNotCompiled?.Invoke(id) is { } why ? $"the map '{id}' that this one extends failed to compile: {why}"
            : errors.Count == before ? $"there is no map '{id}' to extend"
            : $"the map '{id}' that this one extends cannot be used (see above)";
        errors.Add(Yaml.Error(file, extends, message));
        return (null, null);
    }

    private static MapHeader? ReadHeader(string file, YamlMappingNode map, List<MapError> errors)
    {
        string? Text(string key, bool required = true)
        {
            if (Yaml.Child(map, key) is YamlScalarNode { Value: { Length: > 0 } value }) return value;
            if (required) errors.Add(Yaml.Error(file, map, $"'map:' needs '{key}:'"));
            return null;
        }
        foreach (var (key, _) in map.Children)
        {
            if (key is YamlScalarNode { Value: "format" or "document" or "version" or "direction" or "produces" or "root" or "description" }) continue;
            errors.Add(Yaml.Error(file, key, $"unexpected key '{key}' in 'map:'; expected format, document, version, direction, produces, root, description"));
        }
        var format = Text("format");
        var documentName = Text("document");
        var version = Text("version", required: false);
        var direction = Text("direction");
        var produces = Text("produces");
        if (format is null || documentName is null || direction is null || produces is null) return null;
        if (!MapHeader.Formats.Contains(format, StringComparer.Ordinal))
        {
            errors.Add(Yaml.Error(file, Yaml.Child(map, "format")!, $"'{format}' is not a format maps read; expected one of {string.Join(", ", MapHeader.Formats)}"));
            return null;
        }
        if (!Enum.TryParse<MapDirection>(direction, ignoreCase: true, out var parsedDirection))
        {
            errors.Add(Yaml.Error(file, Yaml.Child(map, "direction")!, $"direction is 'inbound' or 'outbound', not '{direction}'"));
            return null;
        }
        if (!MapHeader.CanonicalTypes.ContainsKey(produces))
        {
            errors.Add(Yaml.Error(file, Yaml.Child(map, "produces")!, $"'{produces}' is not a canonical document; expected one of {string.Join(", ", MapHeader.CanonicalTypes.Keys)}"));
            return null;
        }
        if (parsedDirection == MapDirection.Outbound)
        {
            errors.Add(Yaml.Error(file, Yaml.Child(map, "direction")!, "outbound maps are not supported yet; this loader compiles inbound maps"));
            return null;
        }
        DocumentPath? rootPath = null;
        if (Yaml.Child(map, "root") is YamlScalarNode rootNode)
        {
            rootPath = DocumentPath.TryParse(rootNode.Value ?? string.Empty, out var error, out var column);
            if (rootPath is null)
            {
                errors.Add(new MapError(file, (int)rootNode.Start.Line, (int)rootNode.Start.Column + column - 1, $"root: {error}"));
                return null;
            }
        }
        return new MapHeader(format, documentName, version, parsedDirection, produces) { Root = rootPath };
    }

    private sealed class Compiler(string file, CodeListSet codeLists, List<MapError> errors)
    {
        public ObjectRule? Object(YamlMappingNode node, JsonTypeInfo type, string typeName)
        {
            var properties = type.Properties.ToDictionary(p => p.Name, StringComparer.Ordinal);
            var fields = new List<FieldRule>();
            Expression? when = null;
            foreach (var (keyNode, valueNode) in node.Children)
            {
                if (keyNode is not YamlScalarNode { Value: { } key })
                {
                    errors.Add(Yaml.Error(file, keyNode, "a field name is a single word, such as orderNumber"));
                    continue;
                }
                if (key == "when")
                {
                    when = Expression(valueNode);
                    continue;
                }
                if (!properties.TryGetValue(key, out var property))
                {
                    errors.Add(Yaml.Error(file, keyNode, $"'{key}' is not a field of {typeName}; its fields are {string.Join(", ", properties.Keys)}"));
                    continue;
                }
                if (valueNode is YamlScalarNode { Value: null or "~" or "null", Style: ScalarStyle.Plain })
                {
                    fields.Add(new FieldRule(key, RemovedRule.Instance, property.IsRequired)); // removes the field a base map fills
                    continue;
                }
                var rule = Field(valueNode, property.PropertyType, key);
                if (rule is not null) fields.Add(new FieldRule(key, rule, property.IsRequired));
            }
            return new ObjectRule(type, fields, when);
        }

        private Rule? Field(YamlNode node, Type target, string name)
        {
            var element = ListElement(target);
            if (element is not null) return List(node, element, name);
            if (Kind(target) is { } kind)
            {
                if (node is not YamlScalarNode)
                {
                    errors.Add(Yaml.Error(file, node, $"'{name}' is a single value; give it an expression such as a path or a function call"));
                    return null;
                }
                var expression = Expression(node);
                return expression is null ? null : new ValueRule(expression, kind, Nullable.GetUnderlyingType(target) ?? target, ((YamlScalarNode)node).Value ?? string.Empty);
            }
            if (node is not YamlMappingNode mapping)
            {
                errors.Add(Yaml.Error(file, node, $"'{name}' is an object; give it its fields as a mapping"));
                return null;
            }
            return Object(mapping, CanonicalJson.Options.GetTypeInfo(target), name);
        }

        private Rule? List(YamlNode node, Type element, string name)
        {
            if (node is YamlSequenceNode sequence)
            {
                // An entry is one element, or an 'each:' block that adds one element per node it reaches.
                var entries = sequence.Children
                    .Select(entry => entry is YamlMappingNode m && Yaml.Child(m, "each") is not null ? List(entry, element, name) : Field(entry, element, name))
                    .ToList();
                return entries.Any(e => e is null) ? null : new EntriesRule(entries!);
            }
            if (node is YamlMappingNode mapping && Yaml.Child(mapping, "each") is YamlScalarNode each)
            {
                foreach (var (key, _) in mapping.Children)
                {
                    if (key is YamlScalarNode { Value: "each" or "fields" or "value" }) continue;
                    errors.Add(Yaml.Error(file, key, $"unexpected key '{key}' beside 'each:'; expected 'fields:' (for objects) or 'value:' (for values)"));
                }
                var path = Path(each);
                var body = Kind(element) is not null ? Yaml.Child(mapping, "value") : Yaml.Child(mapping, "fields");
                if (body is null)
                {
                    errors.Add(Yaml.Error(file, mapping, Kind(element) is not null
                        ? $"'{name}' is a list of values; give 'value:' beside 'each:'"
                        : $"'{name}' is a list of objects; give 'fields:' beside 'each:'"));
                    return null;
                }
                var rule = Field(body, element, name);
                return path is null || rule is null ? null : new EachRule(path, rule);
            }
            errors.Add(Yaml.Error(file, node, $"'{name}' is a list; give 'each: <path>' with its 'fields:' (or 'value:'), or a list of entries"));
            return null;
        }

        private DocumentPath? Path(YamlScalarNode node)
        {
            var path = DocumentPath.TryParse(node.Value ?? string.Empty, out var error, out var column);
            if (path is null) errors.Add(At(node, column - 1, $"path: {error}"));
            return path;
        }

        private Expression? Expression(YamlNode node)
        {
            if (node is not YamlScalarNode scalar)
            {
                errors.Add(Yaml.Error(file, node, "expected an expression"));
                return null;
            }
            var expression = ExpressionParser.Parse(scalar.Value ?? string.Empty, codeLists, out var error, out var offset);
            if (expression is null) errors.Add(At(scalar, offset, error!));
            return expression;
        }

        // The column of a character inside a scalar: quoted scalars start one column before their text.
        private MapError At(YamlScalarNode node, int offset, string message)
        {
            var quote = node.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted ? 1 : 0;
            return new MapError(file, (int)node.Start.Line, (int)node.Start.Column + quote + Math.Max(0, offset), message);
        }
    }

    internal static Type? ListElement(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) ? type.GetGenericArguments()[0] : null;

    internal static ValueKind? Kind(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying == typeof(string)) return ValueKind.Text;
        if (underlying == typeof(decimal)) return ValueKind.Number;
        if (underlying == typeof(int)) return ValueKind.Integer;
        if (underlying == typeof(Moment)) return ValueKind.Moment;
        if (underlying == typeof(bool)) return ValueKind.Boolean;
        if (underlying.IsEnum) return ValueKind.Enum;
        return null;
    }
}
