using System.Globalization;

namespace IntegrationHub.Documents;

/// <summary>
/// A compiled path over <see cref="DocumentNode"/> trees: steps separated by <c>/</c>, each a child name (or <c>*</c>,
/// or <c>..</c> for the parent), with optional filters: <c>[2]</c> (the second match, 1-based), <c>[N101='ST']</c> (a
/// child with that value), <c>[N103]</c> (a child that has a value or children of its own), <c>[!Discount]</c> (no such
/// child). A leading <c>/</c> starts at the root.
/// Examples: <c>BEG/BEG03</c>, <c>N1[N1/N101='ST']/N1/N102</c>, <c>Request/OrderRequest/ItemOut/@quantity</c>.
/// Paths are parsed once and evaluated many times; a malformed path is reported with the column where it goes wrong.
/// </summary>
public sealed class DocumentPath
{
    private readonly Step[] _steps;
    private readonly bool _absolute;

    private DocumentPath(string text, Step[] steps, bool absolute)
    {
        Text = text;
        _steps = steps;
        _absolute = absolute;
    }

    public string Text { get; }

    /// <summary>Parses a path; on failure returns null and says why and at which (1-based) column.</summary>
    public static DocumentPath? TryParse(string text, out string? error, out int errorColumn)
    {
        var parser = new Parser(text);
        var path = parser.Parse();
        error = parser.Error;
        errorColumn = parser.ErrorColumn;
        return path;
    }

    /// <summary>Parses a path known to be well-formed (in code, not in a user's file).</summary>
    /// <exception cref="FormatException">The path is malformed.</exception>
    public static DocumentPath Parse(string text) =>
        TryParse(text, out var error, out var column) ?? throw new FormatException($"Path '{text}', column {column}: {error}");

    /// <summary>Every node the path reaches from <paramref name="context"/>, in document order.</summary>
    public IEnumerable<DocumentNode> Select(DocumentNode context)
    {
        IEnumerable<DocumentNode> current = [_absolute ? Root(context) : context];
        foreach (var step in _steps) current = step.Apply(current);
        return current;
    }

    /// <summary>The first node reached, or null.</summary>
    public DocumentNode? First(DocumentNode context) => Select(context).FirstOrDefault();

    /// <summary>
    /// The value of the first node reached that has a non-empty one, or null. An empty value counts as absent: an X12
    /// element left empty is "not used", and maps treat an empty cXML attribute the same way.
    /// </summary>
    public string? Value(DocumentNode context)
    {
        foreach (var node in Select(context))
        {
            if (!string.IsNullOrEmpty(node.Value)) return node.Value;
        }
        return null;
    }

    /// <inheritdoc />
    public override string ToString() => Text;

    private static DocumentNode Root(DocumentNode node)
    {
        while (node.Parent is not null) node = node.Parent;
        return node;
    }

    private abstract record Filter
    {
        public abstract IEnumerable<DocumentNode> Apply(List<DocumentNode> matches);
    }

    private sealed record IndexFilter(int Index) : Filter
    {
        public override IEnumerable<DocumentNode> Apply(List<DocumentNode> matches) =>
            Index <= matches.Count ? [matches[Index - 1]] : [];
    }

    private sealed record ConditionFilter(DocumentPath Operand, string? EqualsValue, bool Negated) : Filter
    {
        public override IEnumerable<DocumentNode> Apply(List<DocumentNode> matches) => matches.Where(Holds);

        private bool Holds(DocumentNode node)
        {
            // Present means a value, or children (a cXML element such as Discount holds only elements).
            var holds = EqualsValue is null
                ? Operand.Select(node).Any(n => !string.IsNullOrEmpty(n.Value) || n.Children.Count > 0)
                : Operand.Select(node).Any(n => n.Value == EqualsValue);
            return holds != Negated;
        }
    }

    private sealed record Step(string Name, Filter[] Filters)
    {
        public IEnumerable<DocumentNode> Apply(IEnumerable<DocumentNode> nodes)
        {
            foreach (var node in nodes)
            {
                var matches = Name switch
                {
                    ".." => node.Parent is null ? [] : [node.Parent],
                    "." => [node],
                    "*" => node.Children.ToList(),
                    _ => node.Children.Where(c => c.Name == Name).ToList(),
                };
                IEnumerable<DocumentNode> result = matches;
                foreach (var filter in Filters) result = filter.Apply(result.ToList());
                foreach (var match in result) yield return match;
            }
        }
    }

    private sealed class Parser(string text)
    {
        private int _at;

        public string? Error { get; private set; }

        public int ErrorColumn { get; private set; }

        public DocumentPath? Parse()
        {
            if (string.IsNullOrWhiteSpace(text)) return Fail("a path is empty");
            var absolute = text[0] == '/';
            if (absolute) _at = 1;
            var steps = ParseSteps(stopAt: '\0');
            if (steps is null) return null;
            if (_at < text.Length) return Fail($"unexpected '{text[_at]}'");
            return new DocumentPath(text, steps, absolute);
        }

        private Step[]? ParseSteps(char stopAt)
        {
            var steps = new List<Step>();
            while (true)
            {
                var step = ParseStep();
                if (step is null) return null;
                steps.Add(step);
                if (_at < text.Length && text[_at] == '/')
                {
                    _at++;
                    continue;
                }
                if (_at >= text.Length || text[_at] == stopAt || (stopAt == ']' && text[_at] is '=' or '!')) return [.. steps];
                return Fail<Step[]>($"expected '/' or the end of the path, found '{text[_at]}'");
            }
        }

        private Step? ParseStep()
        {
            var start = _at;
            if (text.AsSpan(_at).StartsWith("..")) _at += 2;
            else
            {
                while (_at < text.Length && IsNameChar(text[_at])) _at++;
            }
            if (_at == start) return Fail<Step>(_at < text.Length ? $"expected a name, found '{text[_at]}'" : "expected a name after '/'");
            var name = text[start.._at];
            var filters = new List<Filter>();
            while (_at < text.Length && text[_at] == '[')
            {
                _at++;
                var filter = ParseFilter();
                if (filter is null) return null;
                filters.Add(filter);
            }
            return new Step(name, [.. filters]);
        }

        private Filter? ParseFilter()
        {
            var start = _at;
            while (_at < text.Length && char.IsAsciiDigit(text[_at])) _at++;
            if (_at > start && _at < text.Length && text[_at] == ']')
            {
                var index = int.Parse(text.AsSpan(start, _at - start), CultureInfo.InvariantCulture);
                _at++;
                return index >= 1 ? new IndexFilter(index) : Fail<Filter>("positions start at 1", start);
            }
            _at = start;
            var absent = _at < text.Length && text[_at] == '!'; // [!Discount]: no such child with a value
            if (absent) _at++;
            var operandStart = _at;
            var steps = ParseSteps(stopAt: ']');
            if (steps is null) return null;
            var operand = new DocumentPath(text[operandStart.._at], steps, absolute: false);
            if (_at >= text.Length) return Fail<Filter>("expected ']'");
            if (absent)
            {
                if (text[_at] != ']') return Fail<Filter>("[!path] tests that a child is absent; it takes no value");
                _at++;
                return new ConditionFilter(operand, null, Negated: true);
            }
            var negated = false;
            string? value = null;
            if (text[_at] is '=' or '!')
            {
                negated = text[_at] == '!';
                _at++;
                if (negated && (_at >= text.Length || text[_at++] != '=')) return Fail<Filter>("expected '!='", _at - 1);
                if (_at >= text.Length || text[_at] != '\'') return Fail<Filter>("expected a quoted value such as 'ST'");
                var close = text.IndexOf('\'', _at + 1);
                if (close < 0) return Fail<Filter>("the quoted value is not closed");
                value = text[(_at + 1)..close];
                _at = close + 1;
            }
            if (_at >= text.Length || text[_at] != ']') return Fail<Filter>("expected ']'");
            _at++;
            return new ConditionFilter(operand, value, negated);
        }

        private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '@' or '*' or ':' or '.';

        private DocumentPath? Fail(string message) => Fail<DocumentPath>(message);

        private T? Fail<T>(string message, int? at = null) where T : class
        {
            if (Error is null)
            {
                Error = message;
                ErrorColumn = (at ?? _at) + 1;
            }
            return null;
        }
    }
}
