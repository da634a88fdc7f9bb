namespace IntegrationHub.Formats.X12;

/// <summary>
/// Reads the delimiters of one ISA. A well-formed ISA is 106 bytes with separators at fixed offsets; when it is
/// not (short or long ids, unpadded fields, padding with multi-byte characters, a missing ISA16) the separators are
/// counted instead and the deviation is noted.
/// </summary>
internal static class IsaScanner
{
    private static readonly int[] FixedSeparatorOffsets = [3, 6, 17, 20, 31, 34, 50, 53, 69, 76, 81, 83, 89, 99, 101, 103];
    private const int RepetitionFromVersion = 402;

    internal readonly record struct Note(string Code, string Message);

    internal sealed record Result(X12Delimiters? Delimiters, bool FixedWidth, IReadOnlyList<Note> Notes, string Ta1Code, int Length = 0);

    /// <summary>Scans the ISA at the start of <paramref name="data"/> (which holds up to a few hundred bytes).</summary>
    public static Result Scan(ReadOnlySpan<byte> data)
    {
        var notes = new List<Note>();
        if (data.Length < 4) return Failed("023");
        var element = data[3];

        int componentAt;
        var fixedWidth = IsFixedWidth(data, element);
        if (fixedWidth)
        {
            componentAt = 104;
        }
        else
        {
            var sixteenth = NthIndexOf(data, element, 16);
            if (sixteenth < 0) return Failed(data.Length < 106 ? "023" : "026");
            componentAt = sixteenth + 1;
            notes.Add(new Note("x12.isa.width", $"The ISA is not 106 bytes with separators at fixed offsets; its delimiters were found by counting (ISA16 at byte {componentAt})."));
        }
        if (componentAt + 1 >= data.Length) return Failed("023");

        var component = data[componentAt];
        var terminatorAt = componentAt + 1;
        if (data[terminatorAt] is (byte)'\r' or (byte)'\n' && EndsNextLineWith(data, terminatorAt, component))
        {
            // ISA16 is missing: the byte after ISA15's separator is the terminator, and lines end with it.
            notes.Add(new Note("x12.isa.component-missing", "ISA16 is missing; the byte after ISA15 is the segment terminator, so there is no component separator."));
            terminatorAt = componentAt;
            component = 0;
        }

        var terminator = TerminatorAt(data, terminatorAt);
        if (terminator.Length == 0) return Failed("023");
        if (component == element || terminator[0] == element || char.IsAsciiLetterOrDigit((char)element)) return Failed("026");
        if (component != 0 && (char.IsAsciiLetterOrDigit((char)component) || terminator[0] == component)) return Failed("027");
        if (char.IsAsciiLetterOrDigit((char)terminator[0])) return Failed("004");

        var repetition = RepetitionSeparator(data, element, component, terminator[0]);
        return new Result(new X12Delimiters(element, component, terminator, repetition), fixedWidth, notes, "000", terminatorAt + terminator.Length);
    }

    private static Result Failed(string ta1Code) => new(null, false, [], ta1Code);

    private static bool IsFixedWidth(ReadOnlySpan<byte> data, byte element)
    {
        if (data.Length < 106) return false;
        foreach (var offset in FixedSeparatorOffsets)
        {
            if (data[offset] != element) return false;
        }
        return data[..104].Count(element) == FixedSeparatorOffsets.Length;
    }

    private static int NthIndexOf(ReadOnlySpan<byte> data, byte value, int n)
    {
        var position = -1;
        for (var i = 0; i < n; i++)
        {
            var next = data[(position + 1)..].IndexOf(value);
            if (next < 0) return -1;
            position += next + 1;
        }
        return position;
    }

    /// <summary>Whether the line after the one ending at <paramref name="lineBreak"/> also ends with <paramref name="value"/>.</summary>
    private static bool EndsNextLineWith(ReadOnlySpan<byte> data, int lineBreak, byte value)
    {
        var start = lineBreak;
        while (start < data.Length && data[start] is (byte)'\r' or (byte)'\n') start++;
        var rest = data[start..];
        var end = rest.IndexOfAny((byte)'\r', (byte)'\n');
        return end > 0 && rest[end - 1] == value;
    }

    /// <summary>
    /// The terminator starting at <paramref name="at"/>: one byte, a whole UTF-8 character when it starts one, or
    /// "space + line break" when a space is followed by CR/LF (a space alone cannot end segments that hold spaces).
    /// </summary>
    private static byte[] TerminatorAt(ReadOnlySpan<byte> data, int at)
    {
        var first = data[at];
        var length = first switch
        {
            >= 0xF0 and <= 0xF7 => 4,
            >= 0xE0 and <= 0xEF => 3,
            >= 0xC0 and <= 0xDF => 2,
            _ => 1,
        };
        if (length > 1)
        {
            if (at + length > data.Length) return [];
            for (var i = 1; i < length; i++)
            {
                if ((data[at + i] & 0xC0) != 0x80) return [first];
            }
            return data.Slice(at, length).ToArray();
        }

        if (first is (byte)' ' or (byte)'\t')
        {
            var end = at + 1;
            if (end < data.Length && data[end] == '\r') end++;
            if (end < data.Length && data[end] == '\n') end++;
            if (end > at + 1) return data[at..end].ToArray();
        }
        return [first];
    }

    private static byte RepetitionSeparator(ReadOnlySpan<byte> data, byte element, byte component, byte terminator)
    {
        var elevenAt = NthIndexOf(data, element, 11);
        var twelveAt = NthIndexOf(data, element, 12);
        if (elevenAt < 0 || twelveAt != elevenAt + 2) return 0;
        var candidate = data[elevenAt + 1];
        var version = data[(twelveAt + 1)..];
        var end = version.IndexOf(element);
        if (end < 0 || !int.TryParse(version[..end], out var release) || release < RepetitionFromVersion) return 0;
        if (char.IsAsciiLetterOrDigit((char)candidate) || candidate is (byte)' ' or < 0x20
            || candidate == element || candidate == component || candidate == terminator)
            return 0;
        return candidate;
    }
}
