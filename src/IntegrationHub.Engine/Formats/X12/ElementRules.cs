using IntegrationHub.Documents;

namespace IntegrationHub.Formats.X12;

/// <summary>Where element findings of one segment go, and how they are positioned.</summary>
internal readonly record struct ElementContext(X12TransactionSet? Set, X12Segment Segment, int Position, string LoopId, List<X12Finding> Findings)
{
    /// <summary>Releases before 004010 write dates as YYMMDD.</summary>
    public bool SixDigitDates => Set is not null && string.CompareOrdinal(Set.Group?.Version ?? "", "004") < 0;

    public void Element(int element, int component, string reference, string x12Code, string code, string message, string badData,
        Severity severity = Severity.Error, int trigger = 0)
    {
        Findings.Add(new X12Finding(code, message, severity, X12Level.Element, x12Code, Segment.OffsetOf(element))
        {
            SegmentId = Segment.Id,
            SegmentPosition = Position,
            LoopId = LoopId,
            ElementPosition = element,
            ComponentPosition = component,
            ElementReference = reference,
            BadData = badData.Length > 99 ? badData[..99] : badData,
            TriggerElementPosition = trigger,
            SetPath = Set?.Path ?? "",
        });
    }
}

/// <summary>Element checks against a segment's definition, each mapped to its AK403/IK403 code.</summary>
internal static class ElementRules
{
    [ThreadStatic]
    private static char[]? t_buffer;

    /// <summary>Checks every element of the context's segment against <paramref name="plan"/>'s definition.</summary>
    public static void Check(SegmentPlan plan, in ElementContext context)
    {
        var definition = plan.Definition;
        var segment = context.Segment;
        var elements = definition.Elements;
        // Bytes read as the characters they are in Latin-1 always, and in the other ASCII-based encodings when they are ASCII.
        var latin1 = IsLatin1(segment.Encoding);
        var asciiBased = latin1 || X12Segment.ExtendsAscii(segment.Encoding);
        var data = segment.Data;
        // Looked for once in the whole segment: nearly always it is not there, and no element needs looking at.
        var repetition = segment.Delimiters.Repetition;
        if (repetition != 0 && !data.Contains(repetition)) repetition = 0;
        var count = segment.Count;
        var starts = segment.Starts;
        // Read once: the loop's calls keep the JIT from hoisting them.
        var maxElements = definition.MaxElements;
        var codes = plan.Codes;
        for (var position = 1; position <= count; position++)
        {
            var start = starts[position];
            var length = starts[position + 1] - 1 - start;
            if (position > maxElements)
            {
                if (length > 0)
                {
                    context.Element(position, 0, "", "3", "x12.element.too-many", $"{segment.Id} has more than {maxElements} elements.", segment[position]);
                    break;
                }
                continue;
            }
            if (position > elements.Length || length == 0) continue;
            var bytes = data.Slice(start, length);
            var element = elements[position - 1];
            if (repetition != 0 && bytes.Contains(repetition))
            {
                // None of our elements repeat; senders often put ISA11's character in data (a '-' in a postal code), so it is read as data.
                context.Element(position, 0, element.Reference, "12", "x12.element.repetition-separator-in-data",
                    $"{segment.Id}{position:00} holds the repetition separator '{(char)repetition}'; it does not repeat, so it was read as data.",
                    segment[position], Severity.Warning);
            }
            if (element.IsComposite)
            {
                CheckComposite(element, position, segment.Components(position), context);
                continue;
            }
            // The usual case, a valid value, is told on the bytes; anything else is checked again as text, which says what is wrong.
            if (asciiBased && (latin1 || System.Text.Ascii.IsValid(bytes)) && IsValid(element, codes[position - 1], bytes, context)) continue;
            CheckText(element, position, context);
        }

        var present = segment.PresentMask;
        if ((plan.MandatoryMask & ~present) != 0)
        {
            foreach (var position in plan.Mandatory)
            {
                if (!segment.IsPresent(position))
                {
                    context.Element(position, 0, elements[position - 1].Reference, "1", "x12.element.mandatory-missing",
                        $"Mandatory element {segment.Id}{position:00} is missing.", "");
                }
            }
        }

        // The segments of one id nearly all have the same elements present: once every note held for a mask, it holds again.
        if (present == plan.NotesHoldFor) return;
        var held = true;
        foreach (var note in plan.Notes)
        {
            if (note.Holds(present)) continue;
            held = false;
            CheckNote(note.Note, definition, context);
        }
        if (held) plan.NotesHoldFor = present;
    }

    /// <summary>Decodes the element and checks it as characters (the findings name the value as text).</summary>
    private static void CheckText(ElementSpec element, int position, in ElementContext context)
    {
        // A reused buffer rather than stackalloc: a stackalloc is zeroed on every call.
        Span<char> buffer = t_buffer ??= new char[256];
        var segment = context.Segment;
        var length = segment.Decode(position, buffer);
        CheckValue(element, position, 0, length >= 0 ? buffer[..length] : segment[position], context);
    }

    /// <summary>
    /// Whether <see cref="CheckValue"/> would find nothing wrong with the value these bytes read as (each byte one
    /// character): the same rules, on the bytes. False means "check it as text", not necessarily "invalid".
    /// </summary>
    internal static bool IsValid(ElementSpec element, PackedCodes? codes, ReadOnlySpan<byte> value, in ElementContext context)
    {
        int length;
        switch (element.Kind)
        {
            case ElementKind.Date:
                var sixDigitDates = value.Length == 6 && context.SixDigitDates;
                if (!X12Values.IsDate(value, allowSixDigits: element.MaxLength == 6 || sixDigitDates)) return false;
                length = sixDigitDates ? element.MinLength : value.Length;
                break;
            case ElementKind.Time:
                if (!X12Values.IsTime(value)) return false;
                length = value.Length;
                break;
            default:
                length = X12Values.Length(element.Kind, value);
                break;
        }
        return length >= element.MinLength && length <= element.MaxLength && (codes is null || codes.Contains(value));
    }

    private static bool IsLatin1(System.Text.Encoding encoding) => ReferenceEquals(encoding, System.Text.Encoding.Latin1) || encoding.CodePage == 28591;

    private static void CheckComposite(ElementSpec composite, int position, IReadOnlyList<string> components, in ElementContext context)
    {
        for (var i = 0; i < components.Count; i++)
        {
            if (i >= composite.Components.Count)
            {
                if (components[i].Length > 0)
                    context.Element(position, i + 1, composite.Reference, "13", "x12.element.too-many-components", $"{composite.Reference} has more than {composite.Components.Count} components.", components[i]);
                break;
            }
            if (components[i].Length > 0) CheckValue(composite.Components[i], position, i + 1, components[i], context);
        }
        for (var i = 0; i < composite.Components.Count; i++)
        {
            if (composite.Components[i].Usage == Usage.Mandatory && (i >= components.Count || components[i].Length == 0))
                context.Element(position, i + 1, composite.Components[i].Reference, "1", "x12.element.mandatory-missing", $"Mandatory component {i + 1} of {composite.Reference} is missing.", "");
        }
    }

    internal static void CheckValue(ElementSpec element, int position, int component, ReadOnlySpan<char> value, in ElementContext context)
    {
        var segmentId = context.Segment.Id;
        string Name() => component > 0 ? $"{segmentId}{position:00}-{component}" : $"{segmentId}{position:00}";
        int length;
        switch (element.Kind)
        {
            case ElementKind.Date:
                if (!X12Values.IsDate(value, allowSixDigits: element.MaxLength == 6 || context.SixDigitDates))
                {
                    context.Element(position, component, element.Reference, "8", "x12.element.invalid-date", $"{Name()} '{value}' is not a valid date.", value.ToString());
                    return;
                }
                length = value.Length == 6 && context.SixDigitDates ? element.MinLength : value.Length;
                break;
            case ElementKind.Time:
                if (!X12Values.IsTime(value))
                {
                    context.Element(position, component, element.Reference, "9", "x12.element.invalid-time", $"{Name()} '{value}' is not a valid time.", value.ToString());
                    return;
                }
                length = value.Length;
                break;
            default:
                length = X12Values.Length(element.Kind, value);
                break;
        }

        if (length < 0)
        {
            context.Element(position, component, element.Reference, "6", "x12.element.invalid-character", $"{Name()} '{value}' has characters not allowed in a {element.Type} element.", value.ToString());
            return;
        }
        if (length < element.MinLength)
        {
            context.Element(position, component, element.Reference, "4", "x12.element.too-short", $"{Name()} '{value}' is shorter than {element.MinLength}.", value.ToString());
            return;
        }
        if (length > element.MaxLength)
        {
            context.Element(position, component, element.Reference, "5", "x12.element.too-long", $"{Name()} is longer than {element.MaxLength}.", value.ToString());
            return;
        }
        if (!element.HasCode(value))
        {
            if (element.CodesClosed)
                context.Element(position, component, element.Reference, "7", "x12.element.invalid-code", $"{Name()} '{value}' is not a valid code for element {element.Reference}.", value.ToString());
            else
                context.Element(position, component, element.Reference, "7", "x12.element.code-unlisted", $"{Name()} '{value}' is not among the known codes of element {element.Reference}.", value.ToString(), Severity.Warning);
        }
    }

    private static void CheckNote(SyntaxNote note, SegmentSpec definition, in ElementContext context)
    {
        var segment = context.Segment;
        var positions = note.Positions;
        int count = 0, firstPresent = -1, secondPresent = -1;
        for (var i = 0; i < positions.Length; i++)
        {
            if (!segment.IsPresent(positions[i])) continue;
            count++;
            if (firstPresent < 0) firstPresent = i;
            else if (secondPresent < 0) secondPresent = i;
        }
        var first = positions[0];
        var firstIsPresent = firstPresent == 0;
        switch (note.Kind)
        {
            case 'P' when count > 0 && count < positions.Length:
                ReportMissing(note, definition, context, positions[firstPresent]);
                break;
            case 'R' when count == 0:
                context.Element(first, 0, Reference(definition, first), "2", "x12.element.conditional-missing",
                    $"At least one of {Names(segment.Id, positions)} is required ({note}).", "");
                break;
            case 'C' when firstIsPresent && count < positions.Length:
                ReportMissing(note, definition, context, first);
                break;
            case 'L' when firstIsPresent && count == 1:
                context.Element(positions[1], 0, Reference(definition, positions[1]), "2", "x12.element.conditional-missing",
                    $"{segment.Id}{first:00} requires at least one of {Names(segment.Id, positions.Skip(1))} ({note}).", "", trigger: first);
                break;
            case 'E' when count > 1:
                var second = positions[secondPresent];
                context.Element(second, 0, Reference(definition, second), "10", "x12.element.exclusion-violated",
                    $"Only one of {Names(segment.Id, positions)} may be present ({note}).", segment[second], trigger: positions[firstPresent]);
                break;
        }
    }

    private static void ReportMissing(SyntaxNote note, SegmentSpec definition, in ElementContext context, int trigger)
    {
        foreach (var position in note.Positions)
        {
            if (context.Segment.IsPresent(position)) continue;
            context.Element(position, 0, Reference(definition, position), "2", "x12.element.conditional-missing",
                $"{context.Segment.Id}{position:00} is required when {context.Segment.Id}{trigger:00} is present ({note}).", "", trigger: trigger);
        }
    }

    private static string Reference(SegmentSpec definition, int position) =>
        position <= definition.Elements.Length ? definition.Elements[position - 1].Reference : "";

    private static string Names(string id, IEnumerable<int> positions) => string.Join(", ", positions.Select(position => $"{id}{position:00}"));
}
