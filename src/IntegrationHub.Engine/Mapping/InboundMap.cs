using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Canonical;
using IntegrationHub.Documents;
using IntegrationHub.Mapping.Functions;

namespace IntegrationHub.Mapping;

/// <summary>The outcome of running a map: the canonical document (null when an error kept it from being made) and what was found.</summary>
public sealed record MapResult<T>(T? Document, IReadOnlyList<Diagnostic> Diagnostics) where T : class
{
    public bool Succeeded => Document is not null && Diagnostics.All(d => d.Severity != Severity.Error);
}

/// <summary>A compiled inbound map: reads a format's document tree into a canonical document. Immutable and thread-safe.</summary>
public sealed class InboundMap
{
    private readonly CodeListSet _codeLists;

    internal InboundMap(string file, MapHeader header, ObjectRule root, CodeListSet codeLists, InboundMap? extends = null)
    {
        File = file;
        Header = header;
        Root = root;
        _codeLists = codeLists;
        Extends = extends;
    }

    /// <summary>The map this one builds on, or null for a default map.</summary>
    public InboundMap? Extends { get; }

    internal ObjectRule Root { get; }

    public string File { get; }

    public MapHeader Header { get; }

    /// <summary>The canonical type this map produces.</summary>
    public Type Produces => MapHeader.CanonicalTypes[Header.Produces];

    /// <summary>Runs the map over a document tree.</summary>
    /// <exception cref="InvalidOperationException"><typeparamref name="T"/> is not the type this map produces (a bug in the caller).</exception>
    public MapResult<T> Run<T>(DocumentNode document) where T : class
    {
        if (typeof(T) != Produces) throw new InvalidOperationException($"{File} produces {Header.Produces}, not {typeof(T).Name}.");
        var (result, diagnostics) = Run(document);
        return new MapResult<T>((T?)result, diagnostics);
    }

    /// <summary>Runs the map over a document tree; the document is of type <see cref="Produces"/>, or null when errors kept it from being made.</summary>
    public (object? Document, IReadOnlyList<Diagnostic> Diagnostics) Run(DocumentNode document)
    {
        var diagnostics = new List<Diagnostic>();
        if (Header.Root is { } rootPath)
        {
            if (rootPath.First(document) is not { } start)
            {
                diagnostics.Add(new Diagnostic("map.root.missing", $"The document has no {rootPath.Text}, where {File} starts reading.", Severity.Error,
                    document.Position with { Path = document.Path }));
                return (null, diagnostics);
            }
            document = start;
        }
        var context = new EvaluationContext(_codeLists, diagnostics) { Node = document };
        JsonObject? json;
        try
        {
            json = Object(Root, context, TargetPath.Root(Header.Produces), isRoot: true);
        }
        catch (Exception ex) when (ex is OverflowException or ArgumentOutOfRangeException)
        {
            // A number in the document too large for the arithmetic a map asks of it (quantity × price beyond 7.9e28,
            // round to 99 places): the document's problem, reported where the map was.
            context.Report("map.value.out-of-range", $"a value is out of range: {ex.Message}");
            return (null, diagnostics);
        }
        if (diagnostics.Any(d => d.Severity == Severity.Error) || json is null) return (null, diagnostics);
        try
        {
            return (json.Deserialize(Produces, CanonicalJson.Options), diagnostics);
        }
        catch (JsonException ex)
        {
            diagnostics.Add(new Diagnostic("map.result.invalid", $"The map made a {Header.Produces} the model refuses: {ex.Message}", Severity.Error, Position.Unknown));
            return (null, diagnostics);
        }
    }

    private static JsonObject? Object(ObjectRule rule, EvaluationContext context, TargetPath target, bool isRoot = false)
    {
        if (rule.When is not null)
        {
            context.Target = target;
            if (!FunctionLibrary.Truthy(rule.When.Evaluate(context))) return null;
        }
        var result = new JsonObject();
        foreach (var field in rule.Fields)
        {
            var node = Evaluate(field.Rule, context, target.Field(field.Name));
            if (node is not null) result[field.Name] = node;
        }
        if (result.Count == 0 && !isRoot && rule.When is null) return null;
        foreach (var field in rule.Fields.Where(f => f.Required && !result.ContainsKey(f.Name)))
        {
            context.Target = target.Field(field.Name);
            if (context.Reported.Contains(context.Target.ToString())) continue; // its value was there but wrong, and said so
            context.Source = null;
            var source = field.Rule is ValueRule value ? $" (from {value.Source})" : string.Empty;
            context.Report("map.required.missing", $"a required field has no value{source}");
        }
        return result;
    }

    private static JsonNode? Evaluate(Rule rule, EvaluationContext context, TargetPath target) => rule switch
    {
        ValueRule value => Value(value, context, target),
        ObjectRule obj => Object(obj, context, target),
        EachRule each => Each(each, context, target),
        EntriesRule entries => Entries(entries, context, target),
        RemovedRule => null, // only in a map compiled alone; merging drops it
        _ => throw new InvalidOperationException($"Unknown rule {rule.GetType().Name}."),
    };

    // The elements are numbered from first + 1: an each: block among a list's entries continues the list's numbering.
    private static JsonArray? Each(EachRule rule, EvaluationContext context, TargetPath target, int first = 0)
    {
        var saved = context.Node;
        var array = new JsonArray();
        try
        {
            foreach (var node in rule.Each.Select(saved))
            {
                context.Node = node;
                var element = Evaluate(rule.Element, context, target.Element(first + array.Count + 1));
                if (element is not null) array.Add(element);
            }
        }
        finally
        {
            context.Node = saved;
        }
        return array.Count == 0 ? null : array;
    }

    private static JsonArray? Entries(EntriesRule rule, EvaluationContext context, TargetPath target)
    {
        var array = new JsonArray();
        foreach (var entry in rule.Entries)
        {
            var element = entry is EachRule each ? Each(each, context, target, first: array.Count) : Evaluate(entry, context, target.Element(array.Count + 1));
            if (element is JsonArray many && entry is EachRule)
            {
                foreach (var item in many.ToList())
                {
                    many.Remove(item);
                    array.Add(item);
                }
            }
            else if (element is not null)
            {
                array.Add(element);
            }
        }
        return array.Count == 0 ? null : array;
    }

    private static JsonValue? Value(ValueRule rule, EvaluationContext context, TargetPath target)
    {
        context.Target = target;
        context.Source = null;
        var value = rule.Expression.Evaluate(context);
        if (!FunctionLibrary.HasValue(value)) return null;
        switch (rule.Kind)
        {
            case ValueKind.Text:
                return JsonValue.Create(FunctionLibrary.Text(value));
            case ValueKind.Number:
                return FunctionLibrary.Number(context, value) is { } number ? JsonValue.Create(number) : null;
            case ValueKind.Integer:
                if (FunctionLibrary.Number(context, value) is not { } whole) return null;
                if (whole == decimal.Truncate(whole) && whole is >= int.MinValue and <= int.MaxValue) return JsonValue.Create((int)whole);
                context.Report("map.value.not-an-integer", $"'{whole.ToString(CultureInfo.InvariantCulture)}' is not a whole number");
                return null;
            case ValueKind.Moment:
                if (value is Moment moment || value is string s && Moment.TryParse(s, out moment)) return JsonValue.Create(moment.ToString());
                context.Report("map.value.not-a-date", $"'{FunctionLibrary.Text(value)}' is not a date; read it with date(x, 'format'), datetime(date, time) or timestamp(x)");
                return null;
            case ValueKind.Boolean:
                if (value is bool b) return JsonValue.Create(b);
                if (bool.TryParse(FunctionLibrary.Text(value), out var parsed)) return JsonValue.Create(parsed);
                context.Report("map.value.not-a-boolean", $"'{FunctionLibrary.Text(value)}' is not true or false");
                return null;
            case ValueKind.Enum:
                var text = FunctionLibrary.Text(value)!;
                var names = Enum.GetNames(rule.ValueType).Select(JsonNamingPolicy.CamelCase.ConvertName).ToList();
                if (names.Contains(text, StringComparer.Ordinal)) return JsonValue.Create(text);
                context.Report("map.value.not-allowed", $"'{text}' is not one of {string.Join(", ", names)}");
                return null;
            default:
                throw new InvalidOperationException($"Unknown value kind {rule.Kind}.");
        }
    }
}
