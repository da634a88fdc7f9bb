using IntegrationHub.Documents;
using IntegrationHub.Mapping.Functions;

namespace IntegrationHub.Mapping;

/// <summary>
/// A compiled outbound map: builds a format's document tree (an X12 set's segments and loops, a cXML payload's elements)
/// from a canonical document; the format's writer then emits the tree in its own order and syntax. Immutable and thread-safe.
/// </summary>
public sealed class OutboundMap
{
    private readonly CodeListSet _codeLists;

    internal OutboundMap(string file, MapHeader header, OutNodeRule root, CodeListSet codeLists, OutboundMap? extends = null)
    {
        File = file;
        Header = header;
        Root = root;
        _codeLists = codeLists;
        Extends = extends;
    }

    /// <summary>The map this one builds on, or null for a default map.</summary>
    public OutboundMap? Extends { get; }

    internal OutNodeRule Root { get; }

    public string File { get; }

    public MapHeader Header { get; }

    /// <summary>The canonical type this map reads (the header's <c>consumes:</c>).</summary>
    public Type Consumes => MapHeader.CanonicalTypes[Header.Produces];

    /// <summary>Runs the map over a canonical document.</summary>
    /// <exception cref="InvalidOperationException">The document is not of the type this map reads (a bug in the caller).</exception>
    public (DocumentNode? Tree, IReadOnlyList<Diagnostic> Diagnostics) Run(object document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (document.GetType() != Consumes) throw new InvalidOperationException($"{File} reads {Header.Produces}, not {document.GetType().Name}.");
        return Run(CanonicalTree.From(document, Consumes, Header.Produces));
    }

    /// <summary>Runs the map over a canonical document laid out as a tree (<see cref="CanonicalTree"/>).</summary>
    public (DocumentNode? Tree, IReadOnlyList<Diagnostic> Diagnostics) Run(DocumentNode canonical)
    {
        var diagnostics = new List<Diagnostic>();
        var context = new EvaluationContext(_codeLists, diagnostics) { Node = canonical };
        context.Scopes.Add(canonical);
        var tree = new DocumentNode(Root.Name);
        try
        {
            Fill(Root, tree, context, new FormatPath(null, Root.Name));
        }
        catch (Exception ex) when (ex is OverflowException or ArgumentOutOfRangeException)
        {
            context.Report("map.value.out-of-range", $"a value is out of range: {ex.Message}");
            return (null, diagnostics);
        }
        return diagnostics.Any(d => d.Severity == Severity.Error) ? (null, diagnostics) : (tree, diagnostics);
    }

    // Fills one built node from its rule; false when nothing in it got a value. A node stated empty ({}, an
    // element such as cXML's InvoiceDetailHeaderIndicator) or whose when: held is made even so.
    private static bool Fill(OutNodeRule rule, DocumentNode target, EvaluationContext context, FormatPath path)
    {
        var filled = false;
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var child in rule.Children)
        {
            switch (child)
            {
                case OutValueRule value:
                    filled |= Value(value, target, context, path);
                    break;
                case OutNodeRule node:
                    filled |= Nodes(node, target, context, path, counts);
                    break;
            }
        }
        if (!filled && rule.When is null && rule.Children.Count > 0) return false;
        foreach (var (required, schema) in RequiredMissing(rule, target))
        {
            context.Target.Reset(path, required.Name);
            if (context.WasReported(context.Target.ToString())) continue; // its value was there but wrong, and said so
            context.Source = null;
            var source = required switch
            {
                OutValueRule v => $" (from {v.Source})",
                OutNodeRule n when n.Children.OfType<OutValueRule>().Any() => $" (from {string.Join(", ", n.Children.OfType<OutValueRule>().Select(c => c.Source))})",
                _ => string.Empty,
            };
            context.Report("map.required.missing", $"{schema.Name} is required by the format but has no value{source}");
        }
        return true;
    }

    // Mandatory parts (an X12 M element) the map states but that got no value, where the node itself was made.
    private static IEnumerable<(OutRule Rule, TargetSchema Schema)> RequiredMissing(OutNodeRule rule, DocumentNode target)
    {
        foreach (var group in rule.Children.Where(c => c is OutValueRule or OutNodeRule).GroupBy(c => c.Name))
        {
            var first = group.First();
            var schema = first is OutValueRule v ? v.Schema : ((OutNodeRule)first).Schema;
            if (!schema.Required) continue;
            var made = first.Name == "." ? !string.IsNullOrEmpty(target.Value) : target.Child(first.Name) is not null;
            if (!made) yield return (first, schema);
        }
    }

    private static bool Nodes(OutNodeRule rule, DocumentNode parent, EvaluationContext context, FormatPath path, Dictionary<string, int> counts)
    {
        if (rule.Each is null) return One(rule, parent, context, path, counts);
        var saved = context.Node;
        var any = false;
        var nodes = context.Select(rule.Each, saved);
        try
        {
            foreach (var node in nodes)
            {
                context.Node = node;
                context.Scopes.Add(node);
                try
                {
                    any |= One(rule, parent, context, path, counts);
                }
                finally
                {
                    context.Scopes.RemoveAt(context.Scopes.Count - 1);
                }
            }
        }
        finally
        {
            context.Node = saved;
            context.Release(nodes);
        }
        return any;
    }

    private static bool One(OutNodeRule rule, DocumentNode parent, EvaluationContext context, FormatPath path, Dictionary<string, int> counts)
    {
        var index = counts.GetValueOrDefault(rule.Name) + 1;
        var childPath = new FormatPath(path, rule.Name, index);
        if (rule.When is not null)
        {
            context.Target.Reset(childPath);
            if (!FunctionLibrary.Truthy(rule.When.Evaluate(context))) return false;
        }
        var node = new DocumentNode(rule.Name, null, context.Node.Position);
        if (!Fill(rule, node, context, childPath)) return false;
        parent.Add(node);
        counts[rule.Name] = index;
        return true;
    }

    private static bool Value(OutValueRule rule, DocumentNode target, EvaluationContext context, FormatPath path)
    {
        context.Target.Reset(path, rule.Name);
        context.Source = null;
        var text = FunctionLibrary.Text(rule.Expression.Evaluate(context));
        if (string.IsNullOrEmpty(text)) return false;
        if (rule.Schema.MaxLength > 0 && text.Length > rule.Schema.MaxLength)
        {
            context.Report("map.value.too-long", $"'{text}' has {text.Length} characters; {rule.Schema.Name} takes at most {rule.Schema.MaxLength} (from {rule.Source})");
            return false;
        }
        if (rule.Name == ".") target.Value = text;
        else target.Add(new DocumentNode(rule.Name, text));
        return true;
    }
}
