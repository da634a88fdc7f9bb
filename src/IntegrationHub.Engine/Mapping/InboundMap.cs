using System.Globalization;
using System.Text.Json;
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
        var json = JsonOutput.Rent();
        try
        {
            try
            {
                context.Target.Enter(Header.Produces);
                Object(Root, context, json, name: null, isRoot: true);
            }
            catch (Exception ex) when (ex is OverflowException or ArgumentOutOfRangeException)
            {
                // A number in the document too large for the arithmetic a map asks of it (quantity × price beyond 7.9e28,
                // round to 99 places): the document's problem, reported where the map was.
                context.Report("map.value.out-of-range", $"a value is out of range: {ex.Message}");
                return (null, diagnostics);
            }
            if (diagnostics.Any(d => d.Severity == Severity.Error)) return (null, diagnostics);
            try
            {
                return (JsonSerializer.Deserialize(json.Written, Produces, CanonicalJson.Options), diagnostics);
            }
            catch (JsonException ex)
            {
                diagnostics.Add(new Diagnostic("map.result.invalid", $"The map made a {Header.Produces} the model refuses: {ex.Message}", Severity.Error, Position.Unknown));
                return (null, diagnostics);
            }
        }
        finally
        {
            json.Return();
        }
    }

    // The document is written as canonical JSON while the rules run and read by the model's own contract, so the model
    // checks everything it checks when it reads a golden file. An object or list is opened in the output only when a
    // value first lands in it: one that stays empty is left out, as the model leaves it out.
    // Each rule runs with context.Target at its own place in the document: the caller enters it and leaves it.
    private static bool Object(ObjectRule rule, EvaluationContext context, JsonOutput json, string? name, bool isRoot = false)
    {
        if (rule.When is not null)
        {
            if (!FunctionLibrary.Truthy(rule.When.Evaluate(context))) return false;
        }
        json.BeginObject(name);
        if (isRoot || rule.When is not null) json.Open(); // an object whose when: holds is kept even when empty
        var fields = rule.Fields;
        Span<bool> filled = fields.Count <= 128 ? stackalloc bool[fields.Count] : new bool[fields.Count];
        var any = false;
        for (var i = 0; i < fields.Count; i++)
        {
            context.Target.Enter(fields[i].Name);
            filled[i] = Evaluate(fields[i].Rule, context, json, fields[i].Name);
            context.Target.Leave();
            any |= filled[i];
        }
        var written = json.End();
        if (!any && !isRoot && rule.When is null) return false;
        for (var i = 0; i < fields.Count; i++)
        {
            var field = fields[i];
            if (!field.Required || filled[i]) continue;
            context.Target.Enter(field.Name);
            if (!context.WasReported(context.Target.ToString())) // else its value was there but wrong, and said so
            {
                context.Source = null;
                var source = field.Rule is ValueRule value ? $" (from {value.Source})" : string.Empty;
                context.Report("map.required.missing", $"a required field has no value{source}");
            }
            context.Target.Leave();
        }
        return written;
    }

    private static bool Evaluate(Rule rule, EvaluationContext context, JsonOutput json, string? name) => rule switch
    {
        ValueRule value => Value(value, context, json, name),
        ObjectRule obj => Object(obj, context, json, name),
        EachRule each => Each(each, context, json, name),
        EntriesRule entries => Entries(entries, context, json, name),
        RemovedRule => false, // only in a map compiled alone; merging drops it
        _ => throw new InvalidOperationException($"Unknown rule {rule.GetType().Name}."),
    };

    private static bool Each(EachRule rule, EvaluationContext context, JsonOutput json, string? name)
    {
        json.BeginArray(name);
        Elements(rule, context, json, first: 0);
        return json.End();
    }

    // The elements are numbered from first + 1: an each: block among a list's entries continues the list's numbering.
    private static int Elements(EachRule rule, EvaluationContext context, JsonOutput json, int first)
    {
        var saved = context.Node;
        var count = 0;
        try
        {
            foreach (var node in rule.Each.Select(saved))
            {
                context.Node = node;
                context.Target.EnterElement(first + count + 1);
                if (Evaluate(rule.Element, context, json, name: null)) count++;
                context.Target.Leave();
            }
        }
        finally
        {
            context.Node = saved;
        }
        return count;
    }

    private static bool Entries(EntriesRule rule, EvaluationContext context, JsonOutput json, string? name)
    {
        json.BeginArray(name);
        var count = 0;
        foreach (var entry in rule.Entries)
        {
            if (entry is EachRule each)
            {
                count += Elements(each, context, json, first: count);
                continue;
            }
            context.Target.EnterElement(count + 1);
            if (Evaluate(entry, context, json, name: null)) count++;
            context.Target.Leave();
        }
        return json.End();
    }

    private static bool Value(ValueRule rule, EvaluationContext context, JsonOutput json, string? name)
    {
        context.Source = null;
        var value = rule.Expression.Evaluate(context);
        if (!FunctionLibrary.HasValue(value)) return false;
        switch (rule.Kind)
        {
            case ValueKind.Text:
                json.Name(name).WriteStringValue(FunctionLibrary.Text(value));
                return true;
            case ValueKind.Number:
                if (FunctionLibrary.Number(context, value) is not { } number) return false;
                json.Name(name).WriteNumberValue(number);
                return true;
            case ValueKind.Integer:
                if (FunctionLibrary.Number(context, value) is not { } whole) return false;
                if (whole == decimal.Truncate(whole) && whole is >= int.MinValue and <= int.MaxValue)
                {
                    json.Name(name).WriteNumberValue((int)whole);
                    return true;
                }
                context.Report("map.value.not-an-integer", $"'{whole.ToString(CultureInfo.InvariantCulture)}' is not a whole number");
                return false;
            case ValueKind.Moment:
                if (value is Moment moment || value is string s && Moment.TryParse(s, out moment))
                {
                    json.Name(name).WriteStringValue(moment.ToString());
                    return true;
                }
                context.Report("map.value.not-a-date", $"'{FunctionLibrary.Text(value)}' is not a date; read it with date(x, 'format'), datetime(date, time) or timestamp(x)");
                return false;
            case ValueKind.Boolean:
                if (value is bool b || bool.TryParse(FunctionLibrary.Text(value), out b))
                {
                    json.Name(name).WriteBooleanValue(b);
                    return true;
                }
                context.Report("map.value.not-a-boolean", $"'{FunctionLibrary.Text(value)}' is not true or false");
                return false;
            case ValueKind.Enum:
                var text = FunctionLibrary.Text(value)!;
                if (rule.EnumNames.Contains(text, StringComparer.Ordinal))
                {
                    json.Name(name).WriteStringValue(text);
                    return true;
                }
                context.Report("map.value.not-allowed", $"'{text}' is not one of {string.Join(", ", rule.EnumNames)}");
                return false;
            default:
                throw new InvalidOperationException($"Unknown value kind {rule.Kind}.");
        }
    }
}
