using IntegrationHub.Documents;

namespace IntegrationHub.Formats.X12;

/// <summary>The envelope level a finding belongs to, which decides the acknowledgment that carries it.</summary>
internal enum X12Level
{
    /// <summary>The interchange (ISA/IEA): answered by TA1.</summary>
    Interchange,

    /// <summary>The functional group (GS/GE): AK9 codes.</summary>
    Group,

    /// <summary>The transaction set envelope (ST/SE): AK5/IK5 codes.</summary>
    Set,

    /// <summary>A segment of a set: AK3/IK3.</summary>
    Segment,

    /// <summary>An element of a segment: AK4/IK4 under the segment's AK3/IK3.</summary>
    Element,
}

/// <summary>
/// One problem with everything an acknowledgment needs to report it: the X12 code for its level and the place
/// (segment id and position in the set, loop, element and component position, element reference, bad data).
/// </summary>
internal sealed record X12Finding(
    string Code,
    string Message,
    Severity Severity,
    X12Level Level,
    string X12Code,
    long Offset)
{
    public string SegmentId { get; init; } = "";

    /// <summary>Position of the segment in its set, ST being 1; 0 outside a set.</summary>
    public int SegmentPosition { get; init; }

    public string LoopId { get; init; } = "";

    public int ElementPosition { get; init; }

    public int ComponentPosition { get; init; }

    public string ElementReference { get; init; } = "";

    public string BadData { get; init; } = "";

    /// <summary>For syntax-note errors: the segment position and element that made this element required or forbidden.</summary>
    public int TriggerElementPosition { get; init; }

    /// <summary>The control numbers of the set, as <c>ST*850*0001</c>, for the diagnostic path.</summary>
    public string SetPath { get; init; } = "";

    public bool IsError => Severity == Severity.Error;

    public Diagnostic ToDiagnostic()
    {
        var path = SetPath;
        if (SegmentId.Length > 0)
        {
            var segment = SegmentPosition > 0 ? $"{SegmentId}[{SegmentPosition}]" : SegmentId;
            path = path.Length > 0 ? $"{path}/{segment}" : segment;
            if (ElementPosition > 0)
            {
                path += $"/{SegmentId}{ElementPosition:00}";
                if (ComponentPosition > 0) path += $"-{ComponentPosition}";
            }
        }
        return new Diagnostic(Code, Message, Severity, new Position(Offset, 0, 0, path));
    }
}
