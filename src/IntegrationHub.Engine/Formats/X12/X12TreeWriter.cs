using System.Globalization;
using System.Text;
using IntegrationHub.Documents;

namespace IntegrationHub.Formats.X12;

/// <summary>The envelope of an outbound interchange: who sends it to whom, when, and its control numbers.</summary>
/// <param name="SenderQualifier">ISA05 of the hub's own identity, such as <c>ZZ</c>.</param>
/// <param name="Sender">ISA06 (unpadded).</param>
/// <param name="SenderApplication">GS02.</param>
/// <param name="At">ISA09/10 and GS04/05, in the time zone it carries.</param>
/// <param name="InterchangeControlNumber">ISA13/IEA02.</param>
/// <param name="GroupControlNumber">GS06/GE02.</param>
/// <param name="SetControlNumber">ST02/SE02, four to nine characters.</param>
/// <param name="Test">ISA15 T instead of P.</param>
/// <param name="AcknowledgmentRequested">ISA14.</param>
public sealed record X12EnvelopeValues(
    string SenderQualifier, string Sender, string SenderApplication, DateTimeOffset At, long InterchangeControlNumber, long GroupControlNumber, string SetControlNumber, bool Test = false, bool AcknowledgmentRequested = false);

/// <summary>Whom an interchange goes to: ISA07, ISA08 (unpadded) and GS03.</summary>
public sealed record X12Receiver(string Qualifier, string Id, string Application);

/// <summary>A partner's delimiters for writing.</summary>
public sealed record X12OutDelimiters(char Element, char Component, char Repetition, char Terminator, bool NewLineAfterSegment = true);

/// <summary>
/// Writes a transaction set built as a <see cref="DocumentNode"/> tree (segments by id, loops named <c>IDLoop</c>,
/// elements <c>BAK01</c>, components <c>REF04-01</c>) as an X12 interchange: segments in the order of the set's spec
/// whatever the tree's order, ST/SE, GS/GE and ISA/IEA added with their counts. Also describes each set for outbound
/// maps as a <see cref="TargetSchema"/>.
/// </summary>
public static class X12TreeWriter
{
    /// <summary>The targets an outbound map may fill for a set in a version; null when the hub has no spec for it.</summary>
    public static TargetSchema? Schema(string setId, string version) =>
        Spec(setId, version) is { } spec ? LoopSchema(spec.SetId, spec.Root, spec, isSet: true) : null;

    /// <summary>Writes one set in its own interchange; the output is null when something kept it from being written.</summary>
    public static (byte[]? Output, IReadOnlyList<Diagnostic> Diagnostics) Write(DocumentNode set, string setId, string version, X12EnvelopeValues envelope, X12Receiver receiver, X12OutDelimiters delimiters)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(receiver);
        var spec = Spec(setId, version) ?? throw new ArgumentException($"No X12 spec for {setId} {version}.", nameof(setId));
        var diagnostics = new List<Diagnostic>();
        var body = new List<X12OutSegment>();
        Emit(spec.Root, set, body, diagnostics, $"ST*{setId}*{envelope.SetControlNumber}", new Hierarchy(spec.HierarchicalLoop));
        if (diagnostics.Count > 0) return (null, diagnostics);

        var at = envelope.At;
        var group = new X12OutGroup(spec.FunctionalGroup, envelope.SenderApplication, receiver.Application,
            Invariant(at, "yyyyMMdd"), Invariant(at, "HHmm"), envelope.GroupControlNumber.ToString(CultureInfo.InvariantCulture), version,
            [new X12OutSet(setId, envelope.SetControlNumber, body)]);
        var interchange = new X12OutInterchange(envelope.SenderQualifier, envelope.Sender, receiver.Qualifier, receiver.Id,
            Invariant(at, "yyMMdd"), Invariant(at, "HHmm"), version[..5], envelope.InterchangeControlNumber, envelope.AcknowledgmentRequested,
            envelope.Test ? "T" : "P", [], [group]);
        var settings = new X12WriteSettings(
            // Before 004020 ISA11 is the standards identifier, not a repetition separator: that character is then plain data.
            new X12Delimiters((byte)delimiters.Element, (byte)delimiters.Component, [(byte)delimiters.Terminator],
                string.CompareOrdinal(version, "004020") >= 0 ? (byte)delimiters.Repetition : (byte)0),
            delimiters.NewLineAfterSegment);
        using var output = new MemoryStream();
        var problems = new X12Writer(output, settings).Write(interchange);
        return problems.Count > 0 ? (null, problems) : (output.ToArray(), []);
    }

    /// <summary>
    /// The interchange <see cref="Write"/> wrote, with other control numbers: ISA13 and IEA02 become
    /// <paramref name="interchangeControlNumber"/>, GS06 and GE02 <paramref name="groupControlNumber"/>, byte for byte what
    /// <see cref="Write"/> gives for an envelope with those numbers. So a set can be written and validated before its
    /// numbers are taken from the partner's counters, and the counters stay locked only for the numbering.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A number is not 1 to 999,999,999.</exception>
    /// <exception cref="ArgumentException">The bytes are not one interchange of one group as <see cref="Write"/> writes them.</exception>
    public static byte[] Renumber(byte[] interchange, long interchangeControlNumber, long groupControlNumber)
    {
        ArgumentNullException.ThrowIfNull(interchange);
        ArgumentOutOfRangeException.ThrowIfLessThan(interchangeControlNumber, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(interchangeControlNumber, 999_999_999);
        ArgumentOutOfRangeException.ThrowIfLessThan(groupControlNumber, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(groupControlNumber, 999_999_999);
        const int IsaLength = 106, Isa13 = 90;
        if (interchange.Length < IsaLength || interchange[0] != (byte)'I' || interchange[1] != (byte)'S' || interchange[2] != (byte)'A')
            throw new ArgumentException("The bytes do not start with an ISA.", nameof(interchange));
        var element = interchange[3];
        var terminator = interchange[IsaLength - 1];
        var isa = Encoding.ASCII.GetBytes(interchangeControlNumber.ToString("D9", CultureInfo.InvariantCulture));
        var gs = Encoding.ASCII.GetBytes(groupControlNumber.ToString(CultureInfo.InvariantCulture));
        var output = new List<byte>(interchange.Length + 16);
        output.AddRange(interchange.AsSpan(0, Isa13));
        output.AddRange(isa);
        output.AddRange(interchange.AsSpan(Isa13 + 9, IsaLength - Isa13 - 9));
        var replaced = 0;
        for (var start = IsaLength; start < interchange.Length;)
        {
            var end = Array.IndexOf(interchange, terminator, start);
            end = end < 0 ? interchange.Length : end + 1;
            var segment = interchange.AsSpan(start, end - start);
            var id = segment.TrimStart("\r\n"u8);
            var (number, position) = id.StartsWith("GS"u8) && id.Length > 2 && id[2] == element ? (gs, 6)
                : id.StartsWith("GE"u8) && id.Length > 2 && id[2] == element ? (gs, 2)
                : id.StartsWith("IEA"u8) && id.Length > 3 && id[3] == element ? (isa, 2)
                : (null, 0);
            if (number is null) output.AddRange(segment);
            else
            {
                ReplaceElement(output, segment, element, terminator, position, number);
                replaced++;
            }
            start = end;
        }
        if (replaced != 3) throw new ArgumentException("The bytes are not one interchange of one group.", nameof(interchange));
        return [.. output];
    }

    // Copies a segment with its element at position (1: the first after the id) replaced.
    private static void ReplaceElement(List<byte> output, ReadOnlySpan<byte> segment, byte separator, byte terminator, int position, byte[] value)
    {
        var at = 0;
        for (var i = 0; i < position; i++)
        {
            var next = segment[at..].IndexOf(separator);
            if (next < 0) throw new ArgumentException("A control segment lacks its control number.", nameof(segment));
            at += next + 1;
        }
        var length = segment[at..].IndexOfAny(separator, terminator);
        if (length < 0) length = segment.Length - at;
        output.AddRange(segment[..at]);
        output.AddRange(value);
        output.AddRange(segment[(at + length)..]);
    }

    private const int UncheckedElements = 30;

    private static TransactionSetSpec? Spec(string setId, string version) =>
        X12SpecLibrary.Embedded.Find(setId, version, out var exact) is { } spec && exact ? spec : null;

    private static string Invariant(DateTimeOffset at, string format) => at.ToString(format, CultureInfo.InvariantCulture);

    private static string LoopName(LoopNode loop) => loop.LoopId.EndsWith("Loop", StringComparison.Ordinal) ? loop.LoopId : loop.LoopId + "Loop";

    private static TargetSchema LoopSchema(string name, LoopNode loop, TransactionSetSpec spec, bool isSet = false)
    {
        var children = new Dictionary<string, TargetSchema>(StringComparer.Ordinal);
        foreach (var child in loop.Children)
        {
            switch (child)
            {
                case SegmentNode { SegmentId: "ST" or "SE" } when isSet:
                    continue;
                case SegmentNode segment:
                    // A segment the hub's dictionary does not describe (TXI, ITD in 004010) takes any elements, unchecked.
                    var segmentSpec = spec.Segment(segment.SegmentId) ?? new SegmentSpec(segment.SegmentId, [], [], UncheckedElements, 0);
                    children.TryAdd(segment.SegmentId, SegmentSchema(segmentSpec, segment.IsMandatory));
                    break;
                case LoopNode inner:
                    children.TryAdd(LoopName(inner), LoopSchema(LoopName(inner), inner, spec) is var s && inner.IsMandatory ? Required(s) : s);
                    break;
            }
        }
        // In a hierarchical set (856) an HL level holds the levels below it; the writer lays them out flat and numbers them.
        if (loop.LoopId == spec.HierarchicalLoop) children[name] = null!;
        var schema = new TargetSchema(name, children.GetValueOrDefault, [.. children.Keys]);
        if (loop.LoopId == spec.HierarchicalLoop) children[name] = schema;
        return schema;
    }

    private static TargetSchema Required(TargetSchema schema) =>
        new(schema.Name, schema.Child, schema.ChildNames) { Required = true };

    private static TargetSchema SegmentSchema(SegmentSpec segment, bool required)
    {
        var elements = new Dictionary<string, TargetSchema>(StringComparer.Ordinal);
        for (var position = 1; position <= segment.MaxElements; position++)
        {
            var name = $"{segment.Id}{position:00}";
            var element = position <= segment.Elements.Length ? segment.Elements[position - 1] : null;
            if (element is { IsComposite: true })
            {
                var components = element.Components
                    .Select((component, index) => TargetSchema.Value($"{name}-{index + 1:00}", component.Usage == Usage.Mandatory, component.MaxLength))
                    .ToDictionary(c => c.Name, StringComparer.Ordinal);
                elements[name] = new TargetSchema(name, components.GetValueOrDefault, [.. components.Keys]) { Required = element.Usage == Usage.Mandatory };
            }
            else elements[name] = TargetSchema.Value(name, element?.Usage == Usage.Mandatory, element?.MaxLength ?? 0);
        }
        return new TargetSchema(segment.Id, elements.GetValueOrDefault, [.. elements.Keys]) { Required = required };
    }

    // Numbers the HL levels of a hierarchical set as they are written: HL01 counts from 1, HL02 names the enclosing level.
    private sealed class Hierarchy(string? loopId)
    {
        public string? LoopId { get; } = loopId;

        public int Count { get; set; }

        public string? Parent { get; set; }
    }

    // Depth first in the spec's order: every child of the tree written at the first place the spec allows it.
    private static void Emit(LoopNode loop, DocumentNode node, List<X12OutSegment> output, List<Diagnostic> diagnostics, string path, Hierarchy hierarchy)
    {
        var written = new HashSet<DocumentNode>(ReferenceEqualityComparer.Instance);
        var levels = loop.LoopId == hierarchy.LoopId ? node.Children.Where(c => c.Name == LoopName(loop)).ToList() : [];
        if (loop.LoopId == hierarchy.LoopId && node.Child(loop.TriggerId) is { } hl)
        {
            var id = (++hierarchy.Count).ToString(CultureInfo.InvariantCulture);
            Set(hl, $"{hl.Name}01", id);
            if (hierarchy.Parent is not null) Set(hl, $"{hl.Name}02", hierarchy.Parent);
            Set(hl, $"{hl.Name}04", levels.Count > 0 ? "1" : "0");
            written.UnionWith(levels);
        }
        foreach (var child in loop.Children)
        {
            var name = child is SegmentNode s ? s.SegmentId : LoopName((LoopNode)child);
            foreach (var part in node.Children)
            {
                if (part.Name != name || !written.Add(part)) continue;
                if (child is SegmentNode) output.Add(Segment(part));
                else
                {
                    var inner = (LoopNode)child;
                    if (part.Child(inner.TriggerId) is null)
                    {
                        diagnostics.Add(new Diagnostic("x12.write.loop-without-trigger",
                            $"{name} has no {inner.TriggerId}, the segment that starts it; the map gave it nothing to write.", Severity.Error,
                            new Position(-1, 0, 0, $"{path}/{name}")));
                        continue;
                    }
                    Emit(inner, part, output, diagnostics, $"{path}/{name}", hierarchy);
                }
            }
        }
        if (levels.Count > 0)
        {
            var saved = hierarchy.Parent;
            hierarchy.Parent = node.Child(loop.TriggerId)!.Child($"{loop.TriggerId}01")!.Value;
            foreach (var level in levels)
            {
                if (level.Child(loop.TriggerId) is null)
                {
                    diagnostics.Add(new Diagnostic("x12.write.loop-without-trigger", $"{level.Name} has no {loop.TriggerId}.", Severity.Error, new Position(-1, 0, 0, $"{path}/{level.Name}")));
                    continue;
                }
                Emit(loop, level, output, diagnostics, $"{path}/{level.Name}", hierarchy);
            }
            hierarchy.Parent = saved;
        }
        foreach (var part in node.Children.Where(p => !written.Contains(p)))
            diagnostics.Add(new Diagnostic("x12.write.unknown", $"{part.Name} has no place in {loop.LoopId}.", Severity.Error, new Position(-1, 0, 0, $"{path}/{part.Name}")));
    }

    // A value the map left to the writer (HL01, HL02, HL04) is filled in; one the map gave is kept.
    private static void Set(DocumentNode segment, string element, string value)
    {
        if (segment.Child(element) is { } existing)
        {
            if (string.IsNullOrEmpty(existing.Value)) existing.Value = value;
            return;
        }
        segment.Add(element, value);
    }

    private static X12OutSegment Segment(DocumentNode segment)
    {
        var elements = new List<IReadOnlyList<string>>();
        foreach (var element in segment.Children)
        {
            var position = int.Parse(element.Name.AsSpan(segment.Name.Length), NumberStyles.None, CultureInfo.InvariantCulture);
            while (elements.Count < position) elements.Add([string.Empty]);
            if (element.Children.Count == 0)
            {
                elements[position - 1] = [element.Value ?? string.Empty];
                continue;
            }
            var components = new List<string>();
            foreach (var component in element.Children)
            {
                var index = int.Parse(component.Name.AsSpan(element.Name.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture);
                while (components.Count < index) components.Add(string.Empty);
                components[index - 1] = component.Value ?? string.Empty;
            }
            elements[position - 1] = components;
        }
        return new X12OutSegment(segment.Name, elements);
    }
}
