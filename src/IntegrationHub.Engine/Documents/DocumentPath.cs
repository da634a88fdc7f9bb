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
        ChildName = !absolute && steps is [{ Kind: StepKind.Child, Filters.Length: 0 } only] ? only.Name : null;
    }

    public string Text { get; }

    /// <summary>Whether the path starts at the root (<c>/CUR/CUR02</c>), so that it reaches the same nodes from anywhere in one tree.</summary>
    internal bool IsAbsolute => _absolute;

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
        var collect = new Collect();
        Walk(Start(context), 0, ref collect);
        return collect.Found ?? [];
    }

    /// <summary>Adds every node the path reaches from <paramref name="context"/> to <paramref name="found"/>, in document order: for callers that reuse one list.</summary>
    public void SelectInto(DocumentNode context, List<DocumentNode> found)
    {
        var collect = new Collect { Found = found };
        Walk(Start(context), 0, ref collect);
    }

    /// <summary>The first node reached, or null.</summary>
    public DocumentNode? First(DocumentNode context)
    {
        var first = new FirstFound(needValue: false);
        Walk(Start(context), 0, ref first);
        return first.Found;
    }

    /// <summary>
    /// The value of the first node reached that has a non-empty one, or null. An empty value counts as absent: an X12
    /// element left empty is "not used", and maps treat an empty cXML attribute the same way.
    /// </summary>
    public string? Value(DocumentNode context) => FirstWithValue(context)?.Value;

    /// <summary>The first node reached that has a non-empty value, or null.</summary>
    public DocumentNode? FirstWithValue(DocumentNode context)
    {
        var first = new FirstFound(needValue: true);
        Walk(Start(context), 0, ref first);
        return first.Found;
    }

    /// <summary>
    /// The first node reached that has a non-empty value, as <see cref="FirstWithValue"/>, but a leaf its reader still
    /// holds is tested on the reader's data and returned without making its node: for callers that want the value.
    /// </summary>
    internal NodeRef FirstValue(DocumentNode context)
    {
        var first = new FirstValueFound();
        Walk(Start(context), 0, ref first);
        return first.Found;
    }

    private DocumentNode Start(DocumentNode context) => _absolute ? Root(context) : context;

    /// <summary>
    /// The name, for a path that is one child's name without filters (<c>PO1</c>): from a node whose children are an
    /// ordinary list (no reader's leaves), it reaches those children whose name is <see cref="SameName"/>, in order.
    /// Null for any other path.
    /// </summary>
    internal string? ChildName { get; }

    /// <summary>What a walk does with each node reached; true stops the walk.</summary>
    private interface IVisitor
    {
        bool Visit(DocumentNode node);

        /// <summary>Visits leaf <paramref name="index"/> of <paramref name="owner"/>'s <see cref="DocumentNode.Leaves"/>, its node perhaps not made yet.</summary>
        bool VisitLeaf(DocumentNode owner, int index);
    }

    private struct Collect : IVisitor
    {
        public List<DocumentNode>? Found;

        public bool Visit(DocumentNode node)
        {
            (Found ??= []).Add(node);
            return false;
        }

        public bool VisitLeaf(DocumentNode owner, int index) => Visit(owner.Leaf(index));
    }

    private struct FirstFound(bool needValue) : IVisitor
    {
        public DocumentNode? Found;

        public bool Visit(DocumentNode node)
        {
            if (needValue && string.IsNullOrEmpty(node.Value)) return false;
            Found = node;
            return true;
        }

        public bool VisitLeaf(DocumentNode owner, int index)
        {
            if (needValue && owner.Leaves!.IsEmpty(index)) return false;
            Found = owner.Leaf(index);
            return true;
        }
    }

    private struct FirstValueFound : IVisitor
    {
        public NodeRef Found;

        public bool Visit(DocumentNode node)
        {
            if (string.IsNullOrEmpty(node.Value)) return false;
            Found = new NodeRef(node);
            return true;
        }

        public bool VisitLeaf(DocumentNode owner, int index)
        {
            if (owner.Leaves!.IsEmpty(index)) return false;
            Found = new NodeRef(owner, index);
            return true;
        }
    }

    private readonly struct HasContent : IVisitor
    {
        public bool Visit(DocumentNode node) => !string.IsNullOrEmpty(node.Value) || node.Children.Count > 0;

        // An empty leaf has no parts either: only a non-empty element has components.
        public bool VisitLeaf(DocumentNode owner, int index) => !owner.Leaves!.IsEmpty(index);
    }

    private readonly struct HasValue(string value) : IVisitor
    {
        public bool Visit(DocumentNode node) => node.Value == value;

        public bool VisitLeaf(DocumentNode owner, int index) => owner.Leaves!.TextEquals(index, value);
    }

    // A filter's test, without a delegate or a closure per candidate.
    private bool Reaches<TVisitor>(DocumentNode context, TVisitor visitor) where TVisitor : struct, IVisitor => Walk(Start(context), 0, ref visitor);

    // The hot path of every map: depth first, in document order, without building the intermediate sets, allocating
    // nothing for steps without an index (the visitor is a struct, so each kind of walk is compiled on its own).
    private bool Walk<TVisitor>(DocumentNode node, int step, ref TVisitor visitor) where TVisitor : struct, IVisitor
    {
        if (step == _steps.Length) return visitor.Visit(node);
        var current = _steps[step];
        if (current.HasIndex)
        {
            foreach (var match in current.Apply(node))
            {
                if (Walk(match, step + 1, ref visitor)) return true;
            }
            return false;
        }
        switch (current.Kind)
        {
            case StepKind.Parent:
                return node.Parent is not null && current.Passes(node.Parent) && Walk(node.Parent, step + 1, ref visitor);
            case StepKind.Self:
                return current.Passes(node) && Walk(node, step + 1, ref visitor);
        }
        var any = current.Kind == StepKind.Any;
        List<DocumentNode>? children;
        if (!any && node.Leaves is { } leaves)
        {
            // A reader's leaves have unique names: the one named is found by its name, and its node made only when needed.
            var index = leaves.IndexOf(current.Name);
            if (index > 0)
            {
                if (step + 1 == _steps.Length && current.Filters.Length == 0) return visitor.VisitLeaf(node, index);
                var leaf = node.Leaf(index);
                return current.Passes(leaf) && Walk(leaf, step + 1, ref visitor);
            }
            // Leading leaves (a cXML element's attributes): any other name is among the children after them.
            children = leaves.Leading ? node.Following : null;
            if (children is null) return false;
        }
        else
        {
            children = node.ChildList;
            if (children is null) return false;
        }
        var name = current.Name;
        for (var i = 0; i < children.Count; i++)
        {
            var child = children[i];
            if ((any || SameName(child.Name, name)) && current.Passes(child) && Walk(child, step + 1, ref visitor)) return true;
        }
        return false;
    }

    // Names are mostly the same interned strings (readers' atoms, steps' names), so a match is usually a reference hit and
    // a miss usually differs in length; the characters are compared only when neither tells.
    internal static bool SameName(string name, string step) =>
        ReferenceEquals(name, step) || (name.Length == step.Length && name.AsSpan().SequenceEqual(step));

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

        public bool Holds(DocumentNode node)
        {
            // Present means a value, or children (a cXML element such as Discount holds only elements).
            var holds = EqualsValue is null ? Operand.Reaches(node, new HasContent()) : Operand.Reaches(node, new HasValue(EqualsValue));
            return holds != Negated;
        }
    }

    private sealed record Step(string Name, Filter[] Filters)
    {
        public bool HasIndex { get; } = Filters.Any(f => f is IndexFilter);

        /// <summary>What the step's name says: a child's name, any child (<c>*</c>), the parent (<c>..</c>) or the node itself (<c>.</c>).</summary>
        public StepKind Kind { get; } = Name switch { "*" => StepKind.Any, ".." => StepKind.Parent, "." => StepKind.Self, _ => StepKind.Child };

        /// <summary>Whether a candidate passes every (condition) filter; only for steps without an index filter.</summary>
        public bool Passes(DocumentNode candidate)
        {
            foreach (var filter in Filters)
            {
                if (!((ConditionFilter)filter).Holds(candidate)) return false;
            }
            return true;
        }

        /// <summary>The matches below one node, with every filter applied in order (index filters count after the ones before them).</summary>
        public IEnumerable<DocumentNode> Apply(DocumentNode node)
        {
            List<DocumentNode> matches = Name switch
            {
                ".." => node.Parent is null ? [] : [node.Parent],
                "." => [node],
                "*" => [.. node.Children],
                _ => [.. node.Children.Where(c => c.Name == Name)],
            };
            IEnumerable<DocumentNode> result = matches;
            foreach (var filter in Filters) result = filter.Apply(result.ToList());
            return result;
        }
    }

    private enum StepKind
    {
        Child,
        Any,
        Parent,
        Self,
    }

    /// <summary>How deep filters may nest (<c>A[B[C]]</c> is 2): enough for any map, and a bound on the parser's and the evaluator's recursion.</summary>
    public const int MaxNesting = 32;

    /// <summary>How many steps a path may have; the evaluator recurses once per step.</summary>
    public const int MaxSteps = 64;

    private sealed class Parser(string text)
    {
        private int _at;
        private int _nesting;

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
                if (steps.Count == MaxSteps) return Fail<Step[]>($"a path has at most {MaxSteps} steps");
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
                if (_nesting == MaxNesting) return Fail<Step>($"filters are nested deeper than {MaxNesting}");
                _at++;
                _nesting++;
                var filter = ParseFilter();
                _nesting--;
                if (filter is null) return null;
                filters.Add(filter);
            }
            // Interned like the readers' names (cXML atoms, X12 segment ids), so a matching step is a reference hit.
            return new Step(string.Intern(name), [.. filters]);
        }

        private Filter? ParseFilter()
        {
            var start = _at;
            while (_at < text.Length && char.IsAsciiDigit(text[_at])) _at++;
            if (_at > start && _at < text.Length && text[_at] == ']')
            {
                if (!int.TryParse(text.AsSpan(start, _at - start), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                    return Fail<Filter>("the position is too large", start);
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
