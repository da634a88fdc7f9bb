using IntegrationHub.Documents;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace IntegrationHub.Mapping;

/// <summary>
/// Loads an outbound map (canonical document → a format's document tree) and compiles it once: every target checked
/// against the format's <see cref="TargetSchema"/> (an X12 set's segments and elements, a cXML payload's elements), every
/// expression parsed and bound over the canonical document's JSON names. Mistakes are reported with file, line and column.
/// </summary>
public static class OutboundCompiler
{
    private static readonly string[] HeaderKeys = ["format", "document", "version", "direction", "consumes", "description"];

    /// <summary>
    /// Compiles an outbound map; null with <paramref name="errors"/> filled on mistakes. <paramref name="schemas"/> gives
    /// the format's schema for the map's header (null when the hub cannot write that document); a map with
    /// <c>extends: ID</c> takes everything from the map <paramref name="resolveBase"/> finds and states only what differs.
    /// </summary>
    public static OutboundMap? Compile(string file, string yaml, CodeListSet codeLists, Func<MapHeader, TargetSchema?> schemas, List<MapError> errors,
        Func<string, OutboundMap?>? resolveBase = null)
    {
        var before = errors.Count;
        if (MapCompiler.ReadParts(file, yaml, "consumes", errors) is not ({ } document, { } map)) return null;
        OutboundMap? baseMap = null;
        MapHeader? header;
        if (Yaml.Child(map, "extends") is { } extends) (baseMap, header) = ReadExtends(file, map, extends, resolveBase, errors);
        else header = ReadHeader(file, map, errors);
        if (header is null) return null;
        if (schemas(header) is not { } schema)
        {
            errors.Add(Yaml.Error(file, map, $"the hub cannot write {header.Format} {header.Document}{(header.Version is null ? "" : $" {header.Version}")}: there is no schema for it"));
            return null;
        }
        if (Yaml.Child(document, "fields") is not YamlMappingNode fields)
        {
            errors.Add(Yaml.Error(file, document, $"expected 'fields:', a mapping from {header.Document}'s parts to expressions over the {header.Produces}"));
            return null;
        }
        var rule = new Compiler(file, codeLists, errors).Node(header.Document, fields, schema, each: null, when: null);
        if (errors.Count != before || rule is null) return null;
        return new OutboundMap(file, header, baseMap is null ? rule : Merge(baseMap.Root, rule), codeLists, baseMap);
    }

    // What the extending map states for a target replaces the base's rules for it; a single node merges child by child;
    // a target set to ~ is removed.
    private static OutNodeRule Merge(OutNodeRule baseRule, OutNodeRule over)
    {
        var children = baseRule.Children.ToList();
        foreach (var group in over.Children.GroupBy(c => c.Name))
        {
            var mine = group.ToList();
            var index = children.FindIndex(c => c.Name == group.Key);
            var theirs = children.Where(c => c.Name == group.Key).ToList();
            children.RemoveAll(c => c.Name == group.Key);
            if (mine is [OutRemovedRule]) continue;
            if (mine is [OutNodeRule { Each: null } node] && theirs is [OutNodeRule { Each: null } inner]) mine = [Merge(inner, node)];
            children.InsertRange(index >= 0 ? index : children.Count, mine);
        }
        return baseRule with { Children = children, When = over.When ?? baseRule.When };
    }

    private static (OutboundMap? Base, MapHeader? Header) ReadExtends(string file, YamlMappingNode map, YamlNode extends,
        Func<string, OutboundMap?>? resolveBase, List<MapError> errors)
    {
        foreach (var (key, _) in map.Children)
        {
            if (key is YamlScalarNode { Value: "extends" or "description" or "version" }) continue;
            errors.Add(Yaml.Error(file, key, $"a map that extends another takes '{key}' from it; state only 'extends:', 'version:' and 'description:' in 'map:'"));
        }
        if (extends is not YamlScalarNode { Value: { Length: > 0 } id })
        {
            errors.Add(Yaml.Error(file, extends, "'extends:' names the map this one builds on, such as x12/855-004010.outbound"));
            return (null, null);
        }
        var before = errors.Count;
        var baseMap = resolveBase?.Invoke(id);
        if (baseMap is not null)
            return (baseMap, Yaml.Child(map, "version") is YamlScalarNode { Value: { Length: > 0 } version } ? baseMap.Header with { Version = version } : baseMap.Header);
        errors.Add(Yaml.Error(file, extends, errors.Count == before ? $"there is no outbound map '{id}' to extend" : $"the map '{id}' that this one extends cannot be used (see above)"));
        return (null, null);
    }

    private static MapHeader? ReadHeader(string file, YamlMappingNode map, List<MapError> errors)
    {
        var fields = new YamlFields(file, map, errors);
        fields.Only(HeaderKeys);
        var format = fields.Text("format", required: true);
        var documentName = fields.Text("document", required: true);
        var version = fields.Text("version");
        var direction = fields.Text("direction", required: true);
        var consumes = fields.Text("consumes", required: true);
        if (format is null || documentName is null || direction is null || consumes is null) return null;
        if (direction != "outbound")
        {
            errors.Add(Yaml.Error(file, Yaml.Child(map, "direction")!, $"a file named NAME.outbound.map.yaml holds an outbound map: direction is 'outbound', not '{direction}'"));
            return null;
        }
        if (!MapHeader.CanonicalTypes.ContainsKey(consumes))
        {
            errors.Add(Yaml.Error(file, Yaml.Child(map, "consumes")!, $"'{consumes}' is not a canonical document; expected one of {string.Join(", ", MapHeader.CanonicalTypes.Keys)}"));
            return null;
        }
        return new MapHeader(format, documentName, version, MapDirection.Outbound, consumes);
    }

    private sealed class Compiler(string file, CodeListSet codeLists, List<MapError> errors)
    {
        // The children of one target node: each key a child the format knows here.
        public OutNodeRule? Node(string name, YamlMappingNode node, TargetSchema schema, DocumentPath? each, Expression? when)
        {
            var children = new List<OutRule>();
            foreach (var (keyNode, valueNode) in node.Children)
            {
                if (keyNode is not YamlScalarNode { Value: { Length: > 0 } key })
                {
                    errors.Add(Yaml.Error(file, keyNode, "a target is a name, such as BAK01 or @payloadID"));
                    continue;
                }
                if (key == "when")
                {
                    when = Expression(valueNode);
                    continue;
                }
                if (schema.Child(key) is not { } child)
                {
                    var known = schema.ChildNames.Count == 0 ? "it holds only a value" : $"expected one of {string.Join(", ", schema.ChildNames)}";
                    errors.Add(Yaml.Error(file, keyNode, $"'{key}' is not part of {schema.Name} here; {known}"));
                    continue;
                }
                if (valueNode is YamlScalarNode { Value: null or "~" or "null", Style: ScalarStyle.Plain })
                {
                    children.Add(new OutRemovedRule(key));
                    continue;
                }
                children.AddRange(Target(key, valueNode, child));
            }
            return new OutNodeRule(name, children, when, each, schema);
        }

        private IEnumerable<OutRule> Target(string name, YamlNode node, TargetSchema schema)
        {
            if (node is YamlSequenceNode sequence)
            {
                if (schema.IsLeaf)
                {
                    errors.Add(Yaml.Error(file, node, $"'{name}' holds one value; give it one expression"));
                    return [];
                }
                return sequence.Children.Select(entry => Entry(name, entry, schema)).OfType<OutRule>().ToList();
            }
            return Entry(name, node, schema) is { } rule ? [rule] : [];
        }

        private OutRule? Entry(string name, YamlNode node, TargetSchema schema)
        {
            if (node is YamlScalarNode scalar)
            {
                if (!schema.HoldsValue)
                {
                    errors.Add(Yaml.Error(file, node, $"'{name}' is not a single value; give it its parts as a mapping ({string.Join(", ", schema.ChildNames.Take(8))}{(schema.ChildNames.Count > 8 ? ", …" : "")})"));
                    return null;
                }
                var expression = Expression(scalar);
                return expression is null ? null : new OutValueRule(name, expression, scalar.Value ?? string.Empty, schema);
            }
            if (node is not YamlMappingNode mapping)
            {
                errors.Add(Yaml.Error(file, node, $"'{name}' takes an expression or a mapping of its parts"));
                return null;
            }
            if (schema.IsLeaf)
            {
                errors.Add(Yaml.Error(file, node, $"'{name}' holds one value; give it one expression"));
                return null;
            }
            if (Yaml.Child(mapping, "each") is not { } eachNode) return Node(name, mapping, schema, each: null, when: null);
            foreach (var (key, _) in mapping.Children)
            {
                if (key is YamlScalarNode { Value: "each" or "fields" or "when" }) continue;
                errors.Add(Yaml.Error(file, key, $"unexpected key '{key}' beside 'each:'; expected 'fields:' (and 'when:')"));
            }
            var each = Path(eachNode);
            var when = Yaml.Child(mapping, "when") is { } whenNode ? Expression(whenNode) : null;
            if (Yaml.Child(mapping, "fields") is not YamlMappingNode fields)
            {
                errors.Add(Yaml.Error(file, mapping, $"'each:' needs 'fields:', the parts of each {name}"));
                return null;
            }
            return each is null ? null : Node(name, fields, schema, each, when);
        }

        private DocumentPath? Path(YamlNode node)
        {
            if (node is not YamlScalarNode { Value: { } text } scalar)
            {
                errors.Add(Yaml.Error(file, node, "'each:' takes a path into the canonical document, such as lines"));
                return null;
            }
            var path = DocumentPath.TryParse(text, out var error, out var column);
            if (path is null) errors.Add(new MapError(file, (int)scalar.Start.Line, (int)scalar.Start.Column + column - 1, $"each: {error}"));
            return path;
        }

        private Expression? Expression(YamlNode node)
        {
            if (node is not YamlScalarNode { Value: { } text } scalar)
            {
                errors.Add(Yaml.Error(file, node, "expected an expression: a path, a 'quoted' literal or a function call"));
                return null;
            }
            var expression = ExpressionParser.Parse(text, codeLists, out var error, out var offset);
            if (expression is null)
            {
                // A quoted YAML scalar starts one column before its text.
                var shift = scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted ? 1 : 0;
                errors.Add(new MapError(file, (int)scalar.Start.Line, (int)scalar.Start.Column + shift + offset, error!));
            }
            return expression;
        }
    }
}
