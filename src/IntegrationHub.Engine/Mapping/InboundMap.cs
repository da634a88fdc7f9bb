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
        BindsDirectly = Binds(root);
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
    public (object? Document, IReadOnlyList<Diagnostic> Diagnostics) Run(DocumentNode document) => Run(document, throughJson: !BindsDirectly);

    /// <summary>Whether the map makes the records directly; a map that leaves a required field unfilled goes through JSON.</summary>
    internal bool BindsDirectly { get; }

    /// <summary>Runs the map, making the records directly or through their JSON (the tests compare the two).</summary>
    internal (object? Document, IReadOnlyList<Diagnostic> Diagnostics) Run(DocumentNode document, bool throughJson)
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
        if (!throughJson)
        {
            var builder = new CanonicalBuilder();
            if (!Run(context, builder, diagnostics)) return (null, diagnostics);
            return (builder.Result, diagnostics);
        }
        var json = JsonOutput.Rent();
        try
        {
            if (!Run(context, json, diagnostics)) return (null, diagnostics);
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

    // Runs the rules into the output; false when a problem keeps the document from being made.
    private bool Run(EvaluationContext context, IMapOutput output, List<Diagnostic> diagnostics)
    {
        try
        {
            context.Target.Enter(Header.Produces);
            Object(Root, context, output, field: null, index: 0, isRoot: true);
        }
        catch (Exception ex) when (ex is OverflowException or ArgumentOutOfRangeException)
        {
            // A number in the document too large for the arithmetic a map asks of it (quantity × price beyond 7.9e28,
            // round to 99 places): the document's problem, reported where the map was.
            context.Report("map.value.out-of-range", $"a value is out of range: {ex.Message}");
            return false;
        }
        return !diagnostics.Any(d => d.Severity == Severity.Error);
    }

    private static bool Binds(ObjectRule rule) => rule.Binder.CanBind && rule.Fields.All(f => Binds(f.Rule));

    private static bool Binds(Rule rule) => rule switch
    {
        ObjectRule obj => Binds(obj),
        EachRule each => Binds(each.Element),
        EntriesRule entries => entries.Entries.All(Binds),
        _ => true,
    };

    // The document is made as the rules run: the records themselves, or (for a map that leaves a required field unfilled)
    // canonical JSON read by the model's own contract, so the model checks everything it checks when it reads a golden
    // file. An object or list is made only when a value first lands in it: one that stays empty is left out, as the
    // model leaves it out.
    // Each rule runs with context.Target at its own place in the document: the caller enters it and leaves it.
    private static bool Object(ObjectRule rule, EvaluationContext context, IMapOutput output, FieldRule? field, int index, bool isRoot = false)
    {
        if (rule.When is not null)
        {
            if (!FunctionLibrary.Truthy(rule.When.Evaluate(context))) return false;
        }
        output.BeginObject(field, index, rule);
        if (isRoot || rule.When is not null) output.Open(); // an object whose when: holds is kept even when empty
        var fields = rule.FieldArray;
        Span<bool> filled = fields.Length <= 128 ? stackalloc bool[fields.Length] : new bool[fields.Length];
        var any = false;
        for (var i = 0; i < fields.Length; i++)
        {
            var current = fields[i];
            context.Target.Enter(current.Name);
            filled[i] = Evaluate(current.Rule, context, output, current, i);
            context.Target.Leave();
            any |= filled[i];
        }
        var written = output.End();
        if (!any && !isRoot && rule.When is null) return false;
        for (var i = 0; i < fields.Length; i++)
        {
            var required = fields[i];
            if (!required.Required || filled[i]) continue;
            context.Target.Enter(required.Name);
            if (!context.WasReported(context.Target.ToString())) // else its value was there but wrong, and said so
            {
                context.Source = null;
                var source = required.Rule is ValueRule value ? $" (from {value.Source})" : string.Empty;
                context.Report("map.required.missing", $"a required field has no value{source}");
            }
            context.Target.Leave();
        }
        return written;
    }

    private static bool Evaluate(Rule rule, EvaluationContext context, IMapOutput output, FieldRule? field, int index) => rule switch
    {
        ValueRule value => Value(value, context, output, field, index),
        ObjectRule obj => Object(obj, context, output, field, index),
        EachRule each => Each(each, context, output, field, index),
        EntriesRule entries => Entries(entries, context, output, field, index),
        RemovedRule => false, // only in a map compiled alone; merging drops it
        _ => throw new InvalidOperationException($"Unknown rule {rule.GetType().Name}."),
    };

    private static bool Each(EachRule rule, EvaluationContext context, IMapOutput output, FieldRule? field, int index)
    {
        output.BeginArray(field, index);
        Elements(rule, context, output, first: 0);
        return output.End();
    }

    // The elements are numbered from first + 1: an each: block among a list's entries continues the list's numbering.
    private static int Elements(EachRule rule, EvaluationContext context, IMapOutput output, int first)
    {
        var saved = context.Node;
        var count = 0;
        var nodes = context.Select(rule.Each, saved);
        try
        {
            foreach (var node in nodes)
            {
                context.Node = node;
                context.Target.EnterElement(first + count + 1);
                if (Evaluate(rule.Element, context, output, field: null, index: 0)) count++;
                context.Target.Leave();
            }
        }
        finally
        {
            context.Node = saved;
            context.Release(nodes);
        }
        return count;
    }

    private static bool Entries(EntriesRule rule, EvaluationContext context, IMapOutput output, FieldRule? field, int index)
    {
        output.BeginArray(field, index);
        var count = 0;
        foreach (var entry in rule.Entries)
        {
            if (entry is EachRule each)
            {
                count += Elements(each, context, output, first: count);
                continue;
            }
            context.Target.EnterElement(count + 1);
            if (Evaluate(entry, context, output, field: null, index: 0)) count++;
            context.Target.Leave();
        }
        return output.End();
    }

    private static bool Value(ValueRule rule, EvaluationContext context, IMapOutput output, FieldRule? field, int index)
    {
        context.Source = null;
        object? value;
        if (rule.Kind is ValueKind.Number or ValueKind.Integer && rule.Expression is PathExpression path)
        {
            // A number read by a path straight from a reader's leaf (an X12 quantity or price) is parsed from its
            // characters, without a string; anything else goes the general way, as the path's value.
            var found = context.FirstValue(path.Path);
            if (found.IsNone) return false;
            context.SetSource(found);
            Span<char> characters = stackalloc char[32];
            var written = found.TryDecode(characters);
            // The plain form (2, 10.01) by hand, to the value and scale decimal.TryParse gives it; the rest as it parses them.
            if (written > 0 && (Formats.Cxml.CxmlValues.TryPlainDecimal(characters[..written], out var parsed)
                    || decimal.TryParse(characters[..written], FunctionLibrary.NumberStyle, CultureInfo.InvariantCulture, out parsed)))
                return Number(rule, context, output, field, index, parsed);
            value = found.Value;
        }
        else
        {
            value = rule.Expression.Evaluate(context);
        }
        if (!FunctionLibrary.HasValue(value)) return false;
        switch (rule.Kind)
        {
            case ValueKind.Text:
                output.Text(field, index, FunctionLibrary.Text(value)!);
                return true;
            case ValueKind.Number or ValueKind.Integer:
                return FunctionLibrary.Number(context, value) is { } number && Number(rule, context, output, field, index, number);
            case ValueKind.Moment:
                if (value is Moment moment || value is string s && Moment.TryParse(s, out moment))
                {
                    output.Moment(field, index, moment);
                    return true;
                }
                context.Report("map.value.not-a-date", $"'{FunctionLibrary.Text(value)}' is not a date; read it with date(x, 'format'), datetime(date, time) or timestamp(x)");
                return false;
            case ValueKind.Boolean:
                if (value is bool b || bool.TryParse(FunctionLibrary.Text(value), out b))
                {
                    output.Boolean(field, index, b);
                    return true;
                }
                context.Report("map.value.not-a-boolean", $"'{FunctionLibrary.Text(value)}' is not true or false");
                return false;
            case ValueKind.Enum:
                var text = FunctionLibrary.Text(value)!;
                var named = Array.IndexOf(rule.EnumNames, text);
                if (named >= 0)
                {
                    output.Enum(field, index, text, rule.EnumValues[named]);
                    return true;
                }
                context.Report("map.value.not-allowed", $"'{text}' is not one of {string.Join(", ", rule.EnumNames)}");
                return false;
            default:
                throw new InvalidOperationException($"Unknown value kind {rule.Kind}.");
        }
    }

    // A number field's value: written as it is, or as a whole number that an integer field needs.
    private static bool Number(ValueRule rule, EvaluationContext context, IMapOutput output, FieldRule? field, int index, decimal number)
    {
        if (rule.Kind == ValueKind.Number)
        {
            output.Number(field, index, number);
            return true;
        }
        if (number == decimal.Truncate(number) && number is >= int.MinValue and <= int.MaxValue)
        {
            output.Integer(field, index, (int)number);
            return true;
        }
        context.Report("map.value.not-an-integer", $"'{number.ToString(CultureInfo.InvariantCulture)}' is not a whole number");
        return false;
    }
}
