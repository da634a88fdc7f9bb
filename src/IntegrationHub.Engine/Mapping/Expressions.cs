using System.Globalization;
using IntegrationHub.Documents;
using IntegrationHub.Mapping.Functions;

namespace IntegrationHub.Mapping;

/// <summary>What an expression is evaluated against: the current node, the code lists, and where problems go.</summary>
internal sealed class EvaluationContext(CodeListSet codeLists, List<Diagnostic> diagnostics)
{
    public CodeListSet CodeLists { get; } = codeLists;

    public DocumentNode Node { get; set; } = null!;

    /// <summary>The canonical field being filled, for messages: <c>order.lines[2].quantity</c>.</summary>
    public TargetPath Target { get; } = new();

    /// <summary>The node the last path value came from, so a problem with the value can point at it.</summary>
    public DocumentNode? Source
    {
        get => _source.Node;
        set => _source = value is null ? default : new NodeRef(value);
    }

    /// <summary>Sets <see cref="Source"/> to a node or to a leaf whose node is made only if a problem points at it.</summary>
    public void SetSource(NodeRef source) => _source = source;

    private NodeRef _source;

    /// <summary>For hlparent(): each X12 set's HL loops by HL01, built once per set and run, not once per call.</summary>
    public Dictionary<DocumentNode, Dictionary<string, DocumentNode>> HlIndex => _hlIndex ??= new(ReferenceEqualityComparer.Instance);

    /// <summary>For outer() in outbound maps: the node of each enclosing each: (and some()), innermost last.</summary>
    public List<DocumentNode> Scopes { get; } = [];

    /// <summary>Every node <paramref name="path"/> reaches from <paramref name="from"/>, in a list of the run's own: give it back with <see cref="Release"/>.</summary>
    public List<DocumentNode> Select(DocumentPath path, DocumentNode from)
    {
        var list = _lists.Count > 0 ? _lists.Pop() : [];
        path.SelectInto(from, list);
        return list;
    }

    public void Release(List<DocumentNode> list)
    {
        list.Clear();
        _lists.Push(list);
    }

    /// <summary>
    /// <see cref="DocumentPath.FirstValue"/> from the current node. An absolute path (<c>/CUR/CUR02</c>, asked on every line)
    /// reaches the same value from anywhere in the tree, so it is walked once per tree and run, not once per call.
    /// </summary>
    public NodeRef FirstValue(DocumentPath path)
    {
        if (!path.IsAbsolute) return path.FirstValue(Node);
        var root = Node;
        while (root.Parent is not null) root = root.Parent;
        if (!ReferenceEquals(root, _absoluteRoot))
        {
            (_absolute ??= new(ReferenceEqualityComparer.Instance)).Clear();
            _absoluteRoot = root;
        }
        if (!_absolute!.TryGetValue(path, out var found)) _absolute[path] = found = path.FirstValue(root);
        return found;
    }

    private DocumentNode? _absoluteRoot; // the tree the absolute paths' values were found in
    private Dictionary<object, NodeRef>? _absolute; // by compiled path: most maps have no absolute path

    private readonly Stack<List<DocumentNode>> _lists = new(); // one list per each: being walked, reused from node to node
    private Dictionary<DocumentNode, Dictionary<string, DocumentNode>>? _hlIndex; // most maps never ask
    private HashSet<string>? _reported; // most documents have no problem

    /// <summary>Whether a problem with that canonical field (<c>order.lines[2].quantity</c>) was reported, so one cause is reported once.</summary>
    public bool WasReported(string target) => _reported?.Contains(target) == true;

    public void Report(string code, string message, Severity severity = Severity.Error)
    {
        var target = Target.ToString();
        (_reported ??= new HashSet<string>(StringComparer.Ordinal)).Add(target);
        var at = Source ?? Node;
        diagnostics.Add(new Diagnostic(code, $"{target}: {message}", severity, at.Position with { Path = at.Path }));
    }
}

/// <summary>
/// Where in the canonical document a value goes (<c>order.lines[2].quantity</c>): a stack of steps that the map's run
/// enters and leaves as it goes, spelt out only when a diagnostic needs it, so most fields of most documents cost nothing.
/// </summary>
internal sealed class TargetPath
{
    // Entered and left for every field of every document: an array used as a stack, grown when a map nests deeper.
    private (string? Name, int Index)[] _steps = new (string?, int)[16];
    private int _count;

    /// <summary>Enters a field (or, first, the document itself).</summary>
    public void Enter(string name)
    {
        _format = null;
        Push(name, 0);
    }

    /// <summary>Enters an element of a list, counted from 1.</summary>
    public void EnterElement(int index) => Push(null, index);

    public void Leave() => _count--;

    private void Push(string? name, int index)
    {
        if (_count == _steps.Length) Array.Resize(ref _steps, _count * 2);
        _steps[_count++] = (name, index);
    }

    /// <summary>
    /// Starts again at one whole path: outbound maps name their targets as format paths (<c>855/BAK/BAK03</c>), the node
    /// <paramref name="at"/> and, below it, <paramref name="leaf"/>; spelt out only when a diagnostic needs it.
    /// </summary>
    public void Reset(FormatPath at, string? leaf = null)
    {
        _count = 0;
        _format = at;
        _leaf = leaf;
    }

    private FormatPath? _format; // an outbound map's target, instead of the steps
    private string? _leaf;

    /// <inheritdoc />
    public override string ToString()
    {
        if (_format is not null) return _leaf is null ? _format.ToString() : $"{_format}/{_leaf}";
        if (_count == 0) return "document";
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < _count; i++)
        {
            var (name, index) = _steps[i];
            if (name is null) text.Append('[').Append(index.ToString(CultureInfo.InvariantCulture)).Append(']');
            else (text.Length == 0 ? text : text.Append('.')).Append(name);
        }
        return text.ToString();
    }
}

/// <summary>
/// A node of the tree an outbound map builds, by its place (<c>855/PO1Loop[2]/ACK[1]</c>): the parent's path and the
/// node's name and number among its same-named siblings (none for the root), joined into text only when asked.
/// </summary>
internal sealed class FormatPath(FormatPath? parent, string name, int index = 0)
{
    /// <inheritdoc />
    public override string ToString() => parent is null ? name : $"{parent}/{name}[{index.ToString(CultureInfo.InvariantCulture)}]";
}

/// <summary>A compiled expression of a map: a path, a literal or a call of the function library.</summary>
internal abstract class Expression
{
    public abstract object? Evaluate(EvaluationContext context);

    /// <summary>Whether the expression has a value (what <c>present()</c> asks), without making the value where that can be helped.</summary>
    public virtual bool HasValue(EvaluationContext context) => FunctionLibrary.HasValue(Evaluate(context));

    /// <summary>The nodes a path reaches; other expressions reach none.</summary>
    public virtual IEnumerable<DocumentNode> Nodes(EvaluationContext context) => [];

    /// <summary>The literal's value, for arguments that must be written out (formats, code list names).</summary>
    public virtual object? Literal => null;
}

internal sealed class PathExpression(DocumentPath path) : Expression
{
    public DocumentPath Path { get; } = path;

    public override object? Evaluate(EvaluationContext context)
    {
        var found = context.FirstValue(Path);
        if (found.IsNone) return null;
        context.SetSource(found);
        return found.Value;
    }

    // A leaf's data tells whether it has a value without decoding it.
    public override bool HasValue(EvaluationContext context)
    {
        var found = context.FirstValue(Path);
        if (found.IsNone) return false;
        context.SetSource(found);
        return true;
    }

    public override IEnumerable<DocumentNode> Nodes(EvaluationContext context) => Path.Select(context.Node);

    public override string ToString() => Path.Text;
}

internal sealed class LiteralExpression(object value) : Expression
{
    public override object? Literal => value;

    public override object? Evaluate(EvaluationContext context) => value;

    public override string ToString() => value is string s ? $"'{s}'" : Convert.ToString(value, CultureInfo.InvariantCulture)!;
}

internal sealed class CallExpression(FunctionDefinition function, Expression[] arguments) : Expression
{
    public override object? Evaluate(EvaluationContext context) => function.Invoke(context, arguments);

    public override string ToString() => $"{function.Name}({string.Join(", ", arguments.Select(a => a.ToString()))})";
}

/// <summary>
/// <c>qualified(P, 'q', first)</c> with a literal first element, or a <c>default(...)</c> of such calls over the same path
/// and first element, which asks for the qualifiers in turn: an 850 line's ids are ten such calls in four defaults.
/// Gives what the calls give, without a call of the library and a conversion of the literal for each of them.
/// </summary>
internal sealed class QualifiedExpression(DocumentPath path, string[] qualifiers, decimal first, string text) : Expression
{
    public DocumentPath Path { get; } = path;

    public decimal First { get; } = first;

    public IReadOnlyList<string> Qualifiers => qualifiers;

    private readonly int _start = FunctionLibrary.FirstLeaf(first);

    public override object? Evaluate(EvaluationContext context) => FunctionLibrary.Qualified(context, Path, qualifiers, First, _start);

    public override string ToString() => text;

    /// <summary>The call as such an expression, when it is one: a qualified() with a literal first element; null otherwise.</summary>
    public static QualifiedExpression? Of(FunctionDefinition function, List<Expression> arguments, string text) =>
        function.Name == "qualified" && arguments[2].Literal is decimal first
            ? new QualifiedExpression(((PathExpression)arguments[0]).Path, [(string)arguments[1].Literal!], first, text)
            : null;

    /// <summary>
    /// A default() whose arguments run together: each run of qualified() over the same path (by its text) and first
    /// element becomes one expression asking for the run's qualifiers in order. The default's value is the same: each
    /// such call has a value exactly when it gives a text that is not empty.
    /// </summary>
    public static List<Expression> Joined(List<Expression> arguments)
    {
        var joined = new List<Expression>(arguments.Count);
        foreach (var argument in arguments)
        {
            if (argument is QualifiedExpression next && joined.Count > 0 && joined[^1] is QualifiedExpression run
                && run.Path.Text == next.Path.Text && run.First == next.First)
            {
                joined[^1] = new QualifiedExpression(run.Path, [.. run.Qualifiers, .. next.Qualifiers], run.First, $"{run}, {next}");
                continue;
            }
            joined.Add(argument);
        }
        return joined;
    }
}

/// <summary>Parses the expressions of map files: <c>BEG/BEG03</c>, <c>'USD'</c>, <c>12.5</c>, <c>date(BEG/BEG05, 'yyyyMMdd')</c>.</summary>
internal static class ExpressionParser
{
    /// <summary>Parses and binds an expression; on failure returns null with the message and the 0-based offset in the text.</summary>
    public static Expression? Parse(string text, CodeListSet codeLists, out string? error, out int errorOffset)
    {
        var parser = new Parser(text, codeLists);
        var expression = parser.ParseExpression();
        if (expression is not null) parser.SkipSpaces();
        if (expression is not null && parser.At < text.Length) parser.Fail($"unexpected '{text[parser.At]}' after the expression");
        error = parser.Error;
        errorOffset = parser.ErrorOffset;
        return parser.Error is null ? expression : null;
    }

    /// <summary>How deep calls may nest (<c>upper(trim(x))</c> is 2): enough for any map, and a bound on the parser's and the evaluator's recursion.</summary>
    public const int MaxNesting = 32;

    private sealed class Parser(string text, CodeListSet codeLists)
    {
        public int At;
        private int _nesting;

        public string? Error { get; private set; }

        public int ErrorOffset { get; private set; }

        public Expression? ParseExpression()
        {
            SkipSpaces();
            if (At >= text.Length) return Fail("expected a path, a 'quoted' literal, a number or a function call");
            if (text[At] == '\'') return ParseString();
            var start = At;
            if (text[At] == '-' || char.IsAsciiDigit(text[At]))
            {
                At++;
                while (At < text.Length && (char.IsAsciiDigit(text[At]) || text[At] == '.')) At++;
                if (At >= text.Length || text[At] is ',' or ')' or ' ')
                {
                    if (decimal.TryParse(text.AsSpan(start, At - start), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
                        return new LiteralExpression(number);
                    return Fail($"'{text[start..At]}' is not a number", start);
                }
                At = start;
            }
            while (At < text.Length && (char.IsAsciiLetterOrDigit(text[At]) || text[At] == '_')) At++;
            var name = text[start..At];
            if (At < text.Length && text[At] == '(' && name.Length > 0) return ParseCall(name, start);
            At = start;
            return ParsePath();
        }

        private Expression? ParseString()
        {
            var builder = new System.Text.StringBuilder();
            var start = At++;
            while (At < text.Length)
            {
                if (text[At] == '\'')
                {
                    if (At + 1 < text.Length && text[At + 1] == '\'')
                    {
                        builder.Append('\'');
                        At += 2;
                        continue;
                    }
                    At++;
                    return new LiteralExpression(builder.ToString());
                }
                builder.Append(text[At++]);
            }
            return Fail("the quoted literal is not closed (write '' for a quote inside it)", start);
        }

        private Expression? ParseCall(string name, int start)
        {
            if (!FunctionLibrary.All.TryGetValue(name, out var function))
                return Fail($"there is no function '{name}'; the functions are {string.Join(", ", FunctionLibrary.All.Keys.Order(StringComparer.Ordinal))}", start);
            if (_nesting == MaxNesting) return Fail($"calls are nested deeper than {MaxNesting}", start);
            At++; // (
            _nesting++;
            try
            {
                return ParseArguments(name, function, start);
            }
            finally
            {
                _nesting--;
            }
        }

        private Expression? ParseArguments(string name, FunctionDefinition function, int start)
        {
            var arguments = new List<Expression>();
            SkipSpaces();
            if (At < text.Length && text[At] == ')') At++;
            else
            {
                while (true)
                {
                    var argument = ParseExpression();
                    if (argument is null) return null;
                    arguments.Add(argument);
                    SkipSpaces();
                    if (At < text.Length && text[At] == ',')
                    {
                        At++;
                        continue;
                    }
                    if (At < text.Length && text[At] == ')')
                    {
                        At++;
                        break;
                    }
                    return Fail($"expected ',' or ')' in the call of {name}");
                }
            }
            var problem = function.Check(arguments, codeLists);
            if (problem is not null) return Fail($"{name}: {problem}", start);
            if (QualifiedExpression.Of(function, arguments, text[start..At]) is { } qualified) return qualified;
            if (name == "default")
            {
                var joined = QualifiedExpression.Joined(arguments);
                // default() of one run of qualified() calls is that run: its value is the default's.
                if (joined is [QualifiedExpression only]) return new QualifiedExpression(only.Path, [.. only.Qualifiers], only.First, text[start..At]);
                return new CallExpression(function, [.. joined]);
            }
            return new CallExpression(function, [.. arguments]);
        }

        private Expression? ParsePath()
        {
            var start = At;
            var depth = 0;
            var quoted = false;
            while (At < text.Length)
            {
                var c = text[At];
                if (c == '\'') quoted = !quoted;
                else if (!quoted && c == '[') depth++;
                else if (!quoted && c == ']') depth--;
                else if (!quoted && depth == 0 && (c is ',' or ')' || char.IsWhiteSpace(c))) break;
                At++;
            }
            var pathText = text[start..At];
            var path = DocumentPath.TryParse(pathText, out var error, out var column);
            return path is null ? Fail($"path '{pathText}': {error}", start + Math.Max(0, column - 1)) : new PathExpression(path);
        }

        public void SkipSpaces()
        {
            while (At < text.Length && text[At] == ' ') At++;
        }

        public Expression? Fail(string message, int? offset = null)
        {
            if (Error is null)
            {
                Error = message;
                ErrorOffset = offset ?? At;
            }
            return null;
        }
    }
}
