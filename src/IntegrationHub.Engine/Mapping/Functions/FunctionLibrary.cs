using System.Globalization;
using IntegrationHub.Canonical;
using IntegrationHub.Documents;

namespace IntegrationHub.Mapping.Functions;

/// <summary>
/// The closed function library of map expressions. Every function takes values and gives a value; none reaches outside
/// the document, the code lists and its arguments. A value that cannot be converted is reported as a diagnostic and
/// gives null, never an exception.
/// </summary>
internal static class FunctionLibrary
{
    public static IReadOnlyDictionary<string, FunctionDefinition> All { get; } = Build();

    private static Dictionary<string, FunctionDefinition> Build()
    {
        FunctionDefinition[] functions =
        [
            // Choosing and testing
            new("default", 2, int.MaxValue, "default(a, b, …): the first argument that has a value", Default),
            new("present", 1, 1, "present(x): true when x has a value", (c, a) => Boxed(a[0].HasValue(c))),
            new("equals", 2, 2, "equals(a, b): true when both are the same text", (c, a) => Boxed(string.Equals(Text(a[0].Evaluate(c)), Text(a[1].Evaluate(c)), StringComparison.Ordinal))),
            new("not", 1, 1, "not(condition)", (c, a) => Boxed(!Truthy(a[0].Evaluate(c)))),
            new("if", 2, 3, "if(condition, then, else): then when the condition holds, else otherwise", (c, a) => Truthy(a[0].Evaluate(c)) ? a[1].Evaluate(c) : a.Length > 2 ? a[2].Evaluate(c) : null),

            // Text
            new("concat", 1, int.MaxValue, "concat(a, b, …): the values joined, absent ones skipped", Concat),
            new("join", 2, 2, "join(path, 'separator'): the values of every node reached, joined", (c, a) => Join(a[0].Nodes(c).Select(n => n.Value), (string)a[1].Literal!)) { LiteralArguments = [1], PathArguments = [0] },
            new("upper", 1, 1, "upper(x)", (c, a) => Text(a[0].Evaluate(c))?.ToUpperInvariant()),
            new("lower", 1, 1, "lower(x)", (c, a) => Text(a[0].Evaluate(c))?.ToLowerInvariant()),
            new("trim", 1, 1, "trim(x): without leading and trailing spaces; empty becomes absent", (c, a) => Text(a[0].Evaluate(c))?.Trim() is { Length: > 0 } t ? t : null),
            new("substring", 2, 3, "substring(x, start, length): start counts from 1", Substring),

            // Numbers
            new("decimal", 1, 1, "decimal(x): the number in x (X12 R, cXML amounts)", (c, a) => Number(c, a[0].Evaluate(c))),
            new("implied", 2, 2, "implied(x, decimals): an X12 Nn number, e.g. implied(TDS01, 2) reads 12345 as 123.45", Implied),
            new("toimplied", 2, 2, "toimplied(x, decimals): a number written as an X12 Nn number (outbound), e.g. toimplied(123.45, 2) gives 12345", OutboundFunctions.ToImplied),
            new("integer", 1, 1, "integer(x): a whole number", Integer),
            new("add", 2, 2, "add(a, b)", (c, a) => Arithmetic(c, a, (x, y) => x + y)),
            new("subtract", 2, 2, "subtract(a, b)", (c, a) => Arithmetic(c, a, (x, y) => x - y)),
            new("multiply", 2, 2, "multiply(a, b)", (c, a) => Arithmetic(c, a, (x, y) => x * y)),
            new("divide", 2, 2, "divide(a, b): absent when b is zero", (c, a) => Arithmetic(c, a, (x, y) => y == 0 ? null : x / y)),
            new("round", 2, 2, "round(x, decimals): half away from zero", (c, a) => Number(c, a[0].Evaluate(c)) is { } x && Number(c, a[1].Evaluate(c)) is { } d ? Math.Round(x, (int)d, MidpointRounding.AwayFromZero) : null),
            new("sum", 1, 2, "sum(nodes) or sum(nodes, path): the total of the values reached", Sum) { PathArguments = [0] },
            new("count", 1, 1, "count(nodes): how many nodes the path reaches", (c, a) => (decimal)a[0].Nodes(c).Count()) { PathArguments = [0] },

            // Dates and times
            new("date", 2, 2, "date(x, 'format'): a date, e.g. date(BEG05, 'yyyyMMdd')", DateFunction) { LiteralArguments = [1] },
            new("datetime", 2, 3, "datetime(date, time): an X12 date (CCYYMMDD or YYMMDD) and time (HHMM, HHMMSS); datetime(date, time, 'offset') adds a UTC offset such as '-08:00'", DateTimeFunction),
            new("datetext", 2, 2, "datetext(x, 'format'): a canonical date or date-time written in a format (outbound), e.g. datetext(orderDate, 'yyyyMMdd')", OutboundFunctions.DateText) { LiteralArguments = [1] },
            new("timestamp", 1, 1, "timestamp(x): an ISO 8601 date or date-time, as cXML sends them", Timestamp),

            // Positions and qualifiers
            new("position", 0, 0, "position(): the current node's place among its same-named siblings, from 1", (c, _) => Position(c.Node)),
            new("qualified", 3, 3, "qualified(segment, 'qualifier', first): in a segment of qualifier/value pairs starting at element number first, the value after that qualifier, e.g. qualified(PO1, 'VP', 6)", Qualified)
            {
                LiteralArguments = [1],
                PathArguments = [0],
            },

            new("hlparent", 2, 2, "hlparent('O', 'PRF/PRF01'): in an X12 HL hierarchy, the value of a path read from the nearest enclosing HL level of that code (S, O, T, P, I)", HlParent)
            {
                LiteralArguments = [0, 1],
                Validate = (a, _) => Documents.DocumentPath.TryParse((string)a[1].Literal!, out var error, out var _) is null ? $"path '{a[1].Literal}': {error}" : null,
            },

            new("outer", 1, 2, "outer('path') or outer('path', levels): in an outbound map, the value of a path read from the node of an enclosing each: (1, the default: the one around the current one)", OutboundFunctions.Outer)
            {
                LiteralArguments = [0],
                Validate = (a, _) => Documents.DocumentPath.TryParse((string)a[0].Literal!, out var error, out var _) is null ? $"path '{a[0].Literal}': {error}" : null,
            },
            new("some", 2, 2, "some(path, condition): true when the condition holds for one of the nodes the path reaches (each one current, as in an each:)", OutboundFunctions.Some),

            // Codes
            new("lookup", 2, 3, "lookup(x, 'code-list') or lookup(x, 'code-list', fallback): the meaning of a code", Lookup)
            {
                LiteralArguments = [1],
                Validate = (a, lists) => lists.Find((string)a[1].Literal!) is null ? $"there is no code list '{a[1].Literal}'" : null,
            },
            new("code", 2, 3, "code(meaning, 'code-list') or code(meaning, 'code-list', fallback): the code for a meaning (outbound)", Code)
            {
                LiteralArguments = [1],
                Validate = (a, lists) => lists.Find((string)a[1].Literal!) is null ? $"there is no code list '{a[1].Literal}'" : null,
            },
        ];
        return functions.ToDictionary(f => f.Name, StringComparer.Ordinal);
    }

    private static readonly object True = true, False = false;

    // Conditions are asked for every line of every document: their answers are two shared boxes, not one box per call.
    private static object Boxed(bool value) => value ? True : False;

    public static bool HasValue(object? value) => value switch
    {
        null => false,
        string s => s.Length > 0,
        _ => true,
    };

    public static bool Truthy(object? value) => value switch
    {
        bool b => b,
        _ => HasValue(value),
    };

    public static string? Text(object? value) => value switch
    {
        null => null,
        string s => s,
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    private static object? Default(EvaluationContext context, Expression[] arguments)
    {
        foreach (var argument in arguments)
        {
            if (argument.Evaluate(context) is var value && HasValue(value)) return value;
        }
        return null;
    }

    private static object? Concat(EvaluationContext context, Expression[] arguments)
    {
        string? first = null;
        System.Text.StringBuilder? more = null;
        foreach (var argument in arguments)
        {
            if (Text(argument.Evaluate(context)) is not { Length: > 0 } text) continue;
            if (first is null) first = text;
            else (more ??= new System.Text.StringBuilder(first)).Append(text);
        }
        return more?.ToString() ?? first;
    }

    private static string? Join(IEnumerable<string?> values, string separator)
    {
        var parts = values.Where(v => !string.IsNullOrEmpty(v)).ToList();
        return parts.Count == 0 ? null : string.Join(separator, parts);
    }

    /// <summary>How <see cref="Number"/> reads a number from text: an optional sign and decimal point, nothing else.</summary>
    public const NumberStyles NumberStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;

    public static decimal? Number(EvaluationContext context, object? value)
    {
        switch (value)
        {
            case null: return null;
            case decimal d: return d;
            case string s when s.Length == 0: return null;
            // The plain form (2, 1065.00, -3.5) is read by hand, to the value and scale decimal.TryParse gives it.
            case string s when Formats.Cxml.CxmlValues.TryPlainDecimal(s, out var plain): return plain;
            case string s when decimal.TryParse(s, NumberStyle, CultureInfo.InvariantCulture, out var parsed):
                return parsed;
            default:
                context.Report("map.value.not-a-number", $"'{Text(value)}' is not a number");
                return null;
        }
    }

    private static object? Substring(EvaluationContext context, Expression[] arguments)
    {
        var text = Text(arguments[0].Evaluate(context));
        if (text is null || Number(context, arguments[1].Evaluate(context)) is not { } start) return null;
        var from = Math.Clamp((int)start - 1, 0, text.Length);
        var length = arguments.Length > 2 && Number(context, arguments[2].Evaluate(context)) is { } l ? Math.Clamp((int)l, 0, text.Length - from) : text.Length - from;
        return length == 0 ? null : text.Substring(from, length);
    }

    private static object? Implied(EvaluationContext context, Expression[] arguments)
    {
        var text = Text(arguments[0].Evaluate(context));
        if (string.IsNullOrEmpty(text) || Number(context, arguments[1].Evaluate(context)) is not { } places) return null;
        if (text.Contains('.', StringComparison.Ordinal)) return Number(context, text); // a sender that wrote the point anyway
        // Multiplying by 0.01 (not dividing by 100) keeps the scale: 1000 reads as 10.00, as a money amount should.
        var factor = 1m;
        for (var i = 0; i < (int)places; i++) factor *= 0.1m;
        return Number(context, text) is { } whole ? whole * factor : null;
    }

    private static object? Integer(EvaluationContext context, Expression[] arguments)
    {
        if (Number(context, arguments[0].Evaluate(context)) is not { } number) return null;
        if (number == decimal.Truncate(number)) return number;
        context.Report("map.value.not-an-integer", $"'{number.ToString(CultureInfo.InvariantCulture)}' is not a whole number");
        return null;
    }

    private static object? Arithmetic(EvaluationContext context, Expression[] arguments, Func<decimal, decimal, decimal?> operation) =>
        Number(context, arguments[0].Evaluate(context)) is { } a && Number(context, arguments[1].Evaluate(context)) is { } b ? operation(a, b) : null;

    private static object? Sum(EvaluationContext context, Expression[] arguments)
    {
        var total = 0m;
        var saved = context.Node;
        try
        {
            foreach (var node in arguments[0].Nodes(context).ToList())
            {
                context.Node = node;
                context.Source = node;
                var value = arguments.Length > 1 ? arguments[1].Evaluate(context) : node.Value;
                total += Number(context, value) ?? 0m;
            }
        }
        finally
        {
            context.Node = saved;
        }
        return total;
    }

    private static object? DateFunction(EvaluationContext context, Expression[] arguments)
    {
        var text = Text(arguments[0].Evaluate(context));
        if (string.IsNullOrEmpty(text)) return null;
        var format = (string)arguments[1].Literal!;
        if (DateOnly.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return new Moment(date);
        context.Report("map.value.not-a-date", $"'{text}' is not a date in the form {format}");
        return null;
    }

    private static object? DateTimeFunction(EvaluationContext context, Expression[] arguments)
    {
        var dateText = Text(arguments[0].Evaluate(context));
        if (string.IsNullOrEmpty(dateText)) return null;
        if (!DateOnly.TryParseExact(dateText, dateText.Length == 6 ? "yyMMdd" : "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            context.Report("map.value.not-a-date", $"'{dateText}' is not an X12 date (CCYYMMDD or YYMMDD)");
            return null;
        }
        var timeText = Text(arguments[1].Evaluate(context));
        if (string.IsNullOrEmpty(timeText)) return new Moment(date);
        var digits = timeText.Length >= 6 ? timeText[..6] : timeText;
        if (!TimeOnly.TryParseExact(digits, digits.Length == 4 ? "HHmm" : "HHmmss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            context.Report("map.value.not-a-time", $"'{timeText}' is not an X12 time (HHMM or HHMMSS)");
            return new Moment(date);
        }
        TimeSpan? offset = null;
        if (arguments.Length > 2 && Text(arguments[2].Evaluate(context)) is { Length: > 0 } offsetText)
        {
            if (TimeSpan.TryParseExact(offsetText.TrimStart('+', '-'), @"hh\:mm", CultureInfo.InvariantCulture, out var parsed))
                offset = offsetText.StartsWith('-') ? -parsed : parsed;
            else context.Report("map.value.not-an-offset", $"'{offsetText}' is not a UTC offset such as -08:00");
        }
        return new Moment(date, time, offset);
    }

    private static object? Timestamp(EvaluationContext context, Expression[] arguments)
    {
        var text = Text(arguments[0].Evaluate(context))?.Trim();
        if (string.IsNullOrEmpty(text)) return null;
        if (Moment.TryParse(text, out var moment)) return moment;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var loose) && HasOffset(text))
            return Moment.FromDateTimeOffset(loose);
        context.Report("map.value.not-a-timestamp", $"'{text}' is not an ISO 8601 date or date-time");
        return null;
    }

    // DateTimeOffset.TryParse assumes the local zone when the text has none; only an explicit offset or Z is kept.
    private static bool HasOffset(string text) =>
        text.EndsWith('Z') || text.Length > 6 && (text[^6] is '+' or '-') && text[^3] == ':';

    private static decimal Position(Documents.DocumentNode node)
    {
        if (node.Parent is null) return 1;
        var position = 0;
        foreach (var sibling in node.Parent.Children)
        {
            if (sibling.Name != node.Name) continue;
            position++;
            if (ReferenceEquals(sibling, node)) break;
        }
        return position;
    }

    // Elements are named by segment and number (PO106); pairs are (first, first+1), (first+2, first+3) and so on. Called
    // several times for every line of an order, so it walks the elements without allocating. Only a call whose first
    // element is not a literal comes here: the parser makes the others a QualifiedExpression.
    private static object? Qualified(EvaluationContext context, Expression[] arguments)
    {
        if (Number(context, arguments[2].Evaluate(context)) is not { } first) return null;
        return Qualified(context, ((PathExpression)arguments[0]).Path, [(string)arguments[1].Literal!], first, FirstLeaf(first));
    }

    /// <summary>
    /// The value after the first of <paramref name="qualifiers"/> (in their order) that a segment the path reaches has
    /// with a value: what <c>default(qualified(P, 'a', f), qualified(P, 'b', f))</c> gives, in one walk to the segments.
    /// <paramref name="start"/> is the reader's leaf the pairs start at, <see cref="FirstLeaf"/> of <paramref name="first"/>.
    /// </summary>
    internal static string? Qualified(EvaluationContext context, Documents.DocumentPath path, string[] qualifiers, decimal first, int start)
    {
        var node = context.Node;
        if (path.ChildName is { } name && node.Leaves is null)
        {
            // A segment named from its loop (PO1 from PO1Loop): its loop's children are looked at where they are.
            var children = node.ChildList;
            if (children is null) return null;
            foreach (var qualifier in qualifiers)
            {
                for (var i = 0; i < children.Count; i++)
                {
                    if (Documents.DocumentPath.SameName(children[i].Name, name) && Qualified(context, children[i], qualifier, first, start) is { } found)
                        return found;
                }
            }
            return null;
        }
        var segments = context.Select(path, node);
        try
        {
            foreach (var qualifier in qualifiers)
            {
                for (var i = 0; i < segments.Count; i++)
                {
                    if (Qualified(context, segments[i], qualifier, first, start) is { } found) return found;
                }
            }
            return null;
        }
        finally
        {
            context.Release(segments);
        }
    }

    private static string? Qualified(EvaluationContext context, DocumentNode segment, string qualifier, decimal first, int start) =>
        segment.Leaves is { Leading: false, AreElements: true } leaves ? Qualified(context, segment, leaves, qualifier, start) : Qualified(context, segment, qualifier, first);

    private static string? Qualified(EvaluationContext context, DocumentNode segment, string qualifier, decimal first)
    {
        var elements = segment.Children;
        for (var i = 0; i < elements.Count - 1; i++)
        {
            if (ElementNumber(elements[i].Name) is not { } number || number < first || (number - first) % 2 != 0) continue;
            if (elements[i].Value != qualifier) continue;
            DocumentNode? value = null;
            for (var j = 0; j < elements.Count && value is null; j++)
            {
                if (ElementNumber(elements[j].Name) == number + 1) value = elements[j];
            }
            if (string.IsNullOrEmpty(value?.Value)) continue;
            context.Source = value;
            return value.Value;
        }
        return null;
    }

    // The leaf a reader's pairs start at: element number first when it is a whole number, else counting on from it by
    // twos to the first element there is; past every leaf (int.MaxValue) when first is not a whole number or is too large.
    internal static int FirstLeaf(decimal first)
    {
        if (first != decimal.Truncate(first) || first > int.MaxValue) return int.MaxValue;
        return first >= 1 ? (int)first : (1 - first) % 2 == 0 ? 1 : 2;
    }

    // The same over a reader's leaves, numbered as the elements are: the qualifiers compared on the reader's data.
    private static string? Qualified(EvaluationContext context, DocumentNode segment, NodeLeaves leaves, string qualifier, int start)
    {
        var count = leaves.Count;
        for (var number = start; number < count; number += 2)
        {
            if (!leaves.TextEquals(number, qualifier) || leaves.IsEmpty(number + 1)) continue;
            context.SetSource(new NodeRef(segment, number + 1));
            return leaves.Text(number + 1);
        }
        return null;
    }

    // The HL loops of a set are siblings; HL02 names the parent's HL01. Walks up from the current loop's parent.
    private static object? HlParent(EvaluationContext context, Expression[] arguments)
    {
        var level = (string)arguments[0].Literal!;
        var path = Documents.DocumentPath.Parse((string)arguments[1].Literal!);
        var loop = context.Node;
        if (loop.Parent is not { } set) return null;
        if (!context.HlIndex.TryGetValue(set, out var byId))
        {
            byId = new Dictionary<string, Documents.DocumentNode>(StringComparer.Ordinal);
            foreach (var sibling in set.Children)
            {
                if (sibling.Child("HL")?.Child("HL01")?.Value is { Length: > 0 } id) byId.TryAdd(id, sibling);
            }
            context.HlIndex[set] = byId;
        }
        var at = loop;
        for (var guard = 0; guard < byId.Count; guard++) // a cycle in HL02 cannot loop for ever
        {
            if (at.Child("HL")?.Child("HL02")?.Value is not { Length: > 0 } parentId || !byId.TryGetValue(parentId, out var parent)) return null;
            if (parent.Child("HL")?.Child("HL03")?.Value == level)
            {
                var found = path.FirstWithValue(parent);
                if (found is not null) context.Source = found;
                return found?.Value;
            }
            at = parent;
        }
        return null;
    }

    private static int? ElementNumber(string name) =>
        name.Length >= 2 && char.IsAsciiDigit(name[^1]) && char.IsAsciiDigit(name[^2]) ? ((name[^2] - '0') * 10) + (name[^1] - '0') : null;

    private static object? Lookup(EvaluationContext context, Expression[] arguments) => Translate(context, arguments, list => list.Codes, "code");

    private static object? Code(EvaluationContext context, Expression[] arguments) => Translate(context, arguments, list => list.Reverse, "meaning");

    private static object? Translate(EvaluationContext context, Expression[] arguments, Func<CodeList, IReadOnlyDictionary<string, string>> table, string what)
    {
        var key = Text(arguments[0].Evaluate(context));
        if (string.IsNullOrEmpty(key)) return null;
        var list = context.CodeLists.Find((string)arguments[1].Literal!)!;
        if (table(list).TryGetValue(key, out var found)) return found;
        if (arguments.Length > 2) return arguments[2].Evaluate(context);
        context.Report("map.code.unknown", $"{what} '{key}' is not in code list '{list.Name}'");
        return null;
    }
}
