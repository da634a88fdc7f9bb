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
    public static void Check(SegmentSpec definition, ElementContext context)
    {
        var segment = context.Segment;
        for (var position = 1; position <= segment.Count; position++)
        {
            if (position > definition.MaxElements)
            {
                if (!segment.Element(position).IsEmpty)
                {
                    context.Element(position, 0, "", "3", "x12.element.too-many", $"{segment.Id} has more than {definition.MaxElements} elements.", segment[position]);
                    break;
                }
                continue;
            }
            if (position > definition.Elements.Count) continue;
            var element = definition.Elements[position - 1];
            var value = segment[position];
            if (value.Length == 0) continue;
            if (segment.Delimiters.Repetition != 0 && value.Contains((char)segment.Delimiters.Repetition, StringComparison.Ordinal))
            {
                // None of our elements repeat; senders often put ISA11's character in data (a '-' in a postal code), so it is read as data.
                context.Element(position, 0, element.Reference, "12", "x12.element.repetition-separator-in-data",
                    $"{segment.Id}{position:00} holds the repetition separator '{(char)segment.Delimiters.Repetition}'; it does not repeat, so it was read as data.", value, Severity.Warning);
            }
            if (element.IsComposite) CheckComposite(element, position, segment.Components(position), context);
            else CheckValue(element, position, 0, value, context);
        }

        for (var position = 1; position <= definition.Elements.Count; position++)
        {
            if (definition.Elements[position - 1].Usage == Usage.Mandatory && segment.Element(position).IsEmpty)
            {
                context.Element(position, 0, definition.Elements[position - 1].Reference, "1", "x12.element.mandatory-missing",
                    $"Mandatory element {segment.Id}{position:00} is missing.", "");
            }
        }

        foreach (var note in definition.Syntax) CheckNote(note, definition, context);
    }

    private static void CheckComposite(ElementSpec composite, int position, IReadOnlyList<string> components, ElementContext context)
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

    private static void CheckValue(ElementSpec element, int position, int component, string value, ElementContext context)
    {
        var name = component > 0 ? $"{context.Segment.Id}{position:00}-{component}" : $"{context.Segment.Id}{position:00}";
        int length;
        switch (element.Type)
        {
            case "DT":
                if (!X12Values.IsDate(value, allowSixDigits: element.MaxLength == 6 || context.SixDigitDates))
                {
                    context.Element(position, component, element.Reference, "8", "x12.element.invalid-date", $"{name} '{value}' is not a valid date.", value);
                    return;
                }
                length = value.Length == 6 && context.SixDigitDates ? element.MinLength : value.Length;
                break;
            case "TM":
                if (!X12Values.IsTime(value))
                {
                    context.Element(position, component, element.Reference, "9", "x12.element.invalid-time", $"{name} '{value}' is not a valid time.", value);
                    return;
                }
                length = value.Length;
                break;
            case "R":
                length = X12Values.DecimalLength(value);
                break;
            case ['N', >= '0' and <= '9']:
                length = X12Values.NumericLength(value);
                break;
            default:
                length = value.Length;
                if (value.Any(char.IsControl)) length = -1;
                break;
        }

        if (length < 0)
        {
            context.Element(position, component, element.Reference, "6", "x12.element.invalid-character", $"{name} '{value}' has characters not allowed in a {element.Type} element.", value);
            return;
        }
        if (length < element.MinLength)
        {
            context.Element(position, component, element.Reference, "4", "x12.element.too-short", $"{name} '{value}' is shorter than {element.MinLength}.", value);
            return;
        }
        if (length > element.MaxLength)
        {
            context.Element(position, component, element.Reference, "5", "x12.element.too-long", $"{name} is longer than {element.MaxLength}.", value);
            return;
        }
        if (element.Codes is { } codes && !codes.Contains(value))
        {
            if (element.CodesClosed)
                context.Element(position, component, element.Reference, "7", "x12.element.invalid-code", $"{name} '{value}' is not a valid code for element {element.Reference}.", value);
            else
                context.Element(position, component, element.Reference, "7", "x12.element.code-unlisted", $"{name} '{value}' is not among the known codes of element {element.Reference}.", value, Severity.Warning);
        }
    }

    private static void CheckNote(SyntaxNote note, SegmentSpec definition, ElementContext context)
    {
        var segment = context.Segment;
        var present = note.Positions.Select(position => !segment.Element(position).IsEmpty).ToArray();
        var first = note.Positions[0];
        var count = present.Count(p => p);
        switch (note.Kind)
        {
            case 'P' when count > 0 && count < present.Length:
                ReportMissing(note, present, definition, context, note.Positions[Array.IndexOf(present, true)]);
                break;
            case 'R' when count == 0:
                context.Element(first, 0, Reference(definition, first), "2", "x12.element.conditional-missing",
                    $"At least one of {Names(segment.Id, note.Positions)} is required ({note}).", "");
                break;
            case 'C' when present[0] && count < present.Length:
                ReportMissing(note, present, definition, context, first);
                break;
            case 'L' when present[0] && count == 1:
                context.Element(note.Positions[1], 0, Reference(definition, note.Positions[1]), "2", "x12.element.conditional-missing",
                    $"{segment.Id}{first:00} requires at least one of {Names(segment.Id, note.Positions.Skip(1))} ({note}).", "", trigger: first);
                break;
            case 'E' when count > 1:
                var second = note.Positions[Array.IndexOf(present, true, Array.IndexOf(present, true) + 1)];
                context.Element(second, 0, Reference(definition, second), "10", "x12.element.exclusion-violated",
                    $"Only one of {Names(segment.Id, note.Positions)} may be present ({note}).", segment[second], trigger: note.Positions[Array.IndexOf(present, true)]);
                break;
        }
    }

    private static void ReportMissing(SyntaxNote note, bool[] present, SegmentSpec definition, ElementContext context, int trigger)
    {
        for (var i = 0; i < present.Length; i++)
        {
            if (present[i]) continue;
            var position = note.Positions[i];
            context.Element(position, 0, Reference(definition, position), "2", "x12.element.conditional-missing",
                $"{context.Segment.Id}{position:00} is required when {context.Segment.Id}{trigger:00} is present ({note}).", "", trigger: trigger);
        }
    }

    private static string Reference(SegmentSpec definition, int position) =>
        position <= definition.Elements.Count ? definition.Elements[position - 1].Reference : "";

    private static string Names(string id, IEnumerable<int> positions) => string.Join(", ", positions.Select(position => $"{id}{position:00}"));
}
