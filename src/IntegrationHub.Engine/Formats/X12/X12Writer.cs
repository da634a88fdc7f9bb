using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;
using IntegrationHub.Documents;

namespace IntegrationHub.Formats.X12;

/// <summary>A segment to write: its id and elements, each element a list of components (one for a simple element).</summary>
internal sealed record X12OutSegment(string Id, IReadOnlyList<IReadOnlyList<string>> Elements)
{
    /// <summary>A segment of simple elements.</summary>
    public static X12OutSegment Of(string id, params IReadOnlyList<string> elements) =>
        new(id, elements.Select(element => (IReadOnlyList<string>)[element]).ToList());

    public static X12OutSegment From(X12Segment segment) =>
        new(segment.Id, Enumerable.Range(1, segment.Count).Select(segment.Components).ToList());
}

/// <summary>A transaction set to write; ST and SE (with its count) are added by the writer.</summary>
internal sealed record X12OutSet(string SetId, string ControlNumber, IReadOnlyList<X12OutSegment> Body, string ConventionReference = "");

/// <summary>A functional group to write; GE and its count are added by the writer.</summary>
internal sealed record X12OutGroup(string FunctionalId, string Sender, string Receiver, string Date, string Time, string ControlNumber, string Version, IReadOnlyList<X12OutSet> Sets);

/// <summary>An interchange to write; the ISA is padded and IEA counted by the writer.</summary>
internal sealed record X12OutInterchange(
    string SenderQualifier, string Sender, string ReceiverQualifier, string Receiver,
    string Date, string Time, string Version, long ControlNumber, bool AckRequested, string Usage,
    IReadOnlyList<X12OutSegment> InterchangeSegments, IReadOnlyList<X12OutGroup> Groups);

/// <summary>How to write for one partner: delimiters, line breaks and encoding.</summary>
internal sealed record X12WriteSettings(X12Delimiters Delimiters, bool NewLineAfterSegment = false)
{
    public Encoding Encoding { get; init; } = Encoding.Latin1;
}

/// <summary>
/// Writes interchanges with the partner's delimiters and version: ISA padded to its fixed widths, SE01/GE01/IEA01
/// counted, control numbers as given, trailing empty elements and components trimmed. A value holding a delimiter
/// is refused: the interchange is not written and the problems come back as diagnostics.
/// </summary>
internal sealed class X12Writer(Stream output, X12WriteSettings settings)
{
    private readonly byte[] _buffer = new byte[64 * 1024];
    private readonly SearchValues<char> _delimiters = SearchValues.Create(DelimiterChars(settings.Delimiters));

    /// <summary>For each character below 256, whether it is a delimiter (every delimiter is a byte, read as that character).</summary>
    private readonly bool[] _isDelimiter = DelimiterTable(settings.Delimiters);

    /// <summary>
    /// Characters up to this code are written as the byte of the same value (Latin-1: 0-255, ASCII-based encodings:
    /// 0-127, others: none); the rest go through the encoding.
    /// </summary>
    private readonly int _directUpTo = ReferenceEquals(settings.Encoding, Encoding.Latin1) || settings.Encoding.CodePage == 28591 ? 0xFF
        : X12Segment.ExtendsAscii(settings.Encoding) ? 0x7F : -1;

    private int _length;

    /// <summary>A line break after each terminator, unless the terminator ends with one already.</summary>
    private readonly bool _newLine = settings.NewLineAfterSegment && !settings.Delimiters.Terminator.AsSpan().Contains((byte)'\n');

    private static char[] DelimiterChars(X12Delimiters delimiters) =>
        [.. new[] { delimiters.Element, delimiters.Component, delimiters.Repetition }.Where(b => b != 0).Select(b => (char)b), .. delimiters.Terminator.Select(b => (char)b)];

    private static bool[] DelimiterTable(X12Delimiters delimiters)
    {
        var table = new bool[256];
        foreach (var c in DelimiterChars(delimiters)) table[c] = true;
        return table;
    }

    /// <summary>The delimiter characters, each broadcast to a vector, for looking at eight characters at a time.</summary>
    private readonly Vector128<ushort>[] _delimiterVectors = [.. DelimiterChars(settings.Delimiters).Distinct().Select(c => Vector128.Create((ushort)c))];

    /// <summary>
    /// Whether <paramref name="value"/> holds a delimiter: a loop over the table for values under eight characters
    /// (most elements), eight characters at a time against each delimiter up to 64, the library's search beyond.
    /// </summary>
    private bool HasDelimiter(string value)
    {
        if (value.Length < 8 || !Vector128.IsHardwareAccelerated)
        {
            var table = _isDelimiter;
            foreach (var c in value)
            {
                if (c < (uint)table.Length && table[c]) return true;
            }
            return false;
        }
        if (value.Length > 64) return value.AsSpan().ContainsAny(_delimiters);
        ref var first = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(value.AsSpan()));
        var delimiters = _delimiterVectors;
        // The last block overlaps the one before when the length is not a multiple of eight.
        for (var i = 0; ; i += 8)
        {
            var at = Math.Min(i, value.Length - 8);
            var chars = Vector128.LoadUnsafe(ref first, (nuint)at);
            var hits = Vector128<ushort>.Zero;
            foreach (var delimiter in delimiters) hits |= Vector128.Equals(chars, delimiter);
            if (hits != Vector128<ushort>.Zero) return true;
            if (at == value.Length - 8) return false;
        }
    }

    /// <summary>Writes one interchange; returns the problems that kept it from being written (empty when written).</summary>
    public IReadOnlyList<Diagnostic> Write(X12OutInterchange interchange)
    {
        var problems = Check(interchange);
        if (problems.Count > 0) return problems;

        var isa = Isa(interchange);
        WriteSegment(isa);
        WriteSegments(interchange.InterchangeSegments);
        foreach (var group in interchange.Groups)
        {
            WriteSegment(X12OutSegment.Of("GS", group.FunctionalId, group.Sender, group.Receiver, group.Date, group.Time, group.ControlNumber, "X", group.Version));
            foreach (var set in group.Sets)
            {
                WriteSegment(set.ConventionReference.Length > 0
                    ? X12OutSegment.Of("ST", set.SetId, set.ControlNumber, set.ConventionReference)
                    : X12OutSegment.Of("ST", set.SetId, set.ControlNumber));
                WriteSegments(set.Body);
                WriteSegment(X12OutSegment.Of("SE", (set.Body.Count + 2).ToString(), set.ControlNumber));
            }
            WriteSegment(X12OutSegment.Of("GE", group.Sets.Count.ToString(), group.ControlNumber));
        }
        WriteSegment(X12OutSegment.Of("IEA", interchange.Groups.Count.ToString(), interchange.ControlNumber.ToString("D9")));
        Flush();
        return [];
    }

    private X12OutSegment Isa(X12OutInterchange interchange)
    {
        var delimiters = settings.Delimiters;
        var repetitionOrStandard = string.CompareOrdinal(interchange.Version, "00402") >= 0 && delimiters.Repetition != 0
            ? ((char)delimiters.Repetition).ToString()
            : "U";
        return new X12OutSegment("ISA",
        [
            ["00"], ["".PadRight(10)], ["00"], ["".PadRight(10)],
            [interchange.SenderQualifier], [interchange.Sender.PadRight(15)],
            [interchange.ReceiverQualifier], [interchange.Receiver.PadRight(15)],
            [interchange.Date], [interchange.Time], [repetitionOrStandard], [interchange.Version],
            [interchange.ControlNumber.ToString("D9")], [interchange.AckRequested ? "1" : "0"], [interchange.Usage],
            [delimiters.Component == 0 ? "" : ((char)delimiters.Component).ToString()],
        ]);
    }

    private List<Diagnostic> Check(X12OutInterchange interchange)
    {
        var problems = new List<Diagnostic>();
        void Fixed(string name, string value, int width)
        {
            if (value.Length != width) problems.Add(Problem("x12.write.isa-width", $"{name} '{value}' must be {width} characters.", name));
        }
        void AtMost(string name, string value, int width)
        {
            if (value.Length > width) problems.Add(Problem("x12.write.isa-width", $"{name} '{value}' is longer than {width} characters.", name));
        }
        Fixed("ISA05", interchange.SenderQualifier, 2);
        AtMost("ISA06", interchange.Sender, 15);
        Fixed("ISA07", interchange.ReceiverQualifier, 2);
        AtMost("ISA08", interchange.Receiver, 15);
        Fixed("ISA09", interchange.Date, 6);
        Fixed("ISA10", interchange.Time, 4);
        Fixed("ISA12", interchange.Version, 5);
        Fixed("ISA15", interchange.Usage, 1);
        if (interchange.ControlNumber is < 0 or > 999_999_999)
            problems.Add(Problem("x12.write.control-number", $"ISA13 {interchange.ControlNumber} does not fit nine digits.", "ISA13"));

        var header = new[] { interchange.SenderQualifier, interchange.Sender, interchange.ReceiverQualifier, interchange.Receiver, interchange.Date, interchange.Time, interchange.Version, interchange.Usage };
        CheckValues("ISA", header, problems);
        CheckSegments(interchange.InterchangeSegments, "", problems);
        foreach (var group in interchange.Groups)
        {
            CheckValues("GS", [group.FunctionalId, group.Sender, group.Receiver, group.Date, group.Time, group.ControlNumber, group.Version], problems);
            foreach (var set in group.Sets)
            {
                var setPath = $"ST*{set.SetId}*{set.ControlNumber}";
                CheckValues(setPath, [set.SetId, set.ControlNumber, set.ConventionReference], problems);
                CheckSegments(set.Body, setPath, problems);
            }
        }
        return problems;
    }

    // A list (what the builders make) is walked as a span; anything else (the acknowledgment's lazily made loops) enumerated.
    private void CheckSegments(IReadOnlyList<X12OutSegment> segments, string setPath, List<Diagnostic> problems)
    {
        if (segments is List<X12OutSegment> list)
        {
            foreach (var segment in CollectionsMarshal.AsSpan(list)) CheckSegment(segment, setPath, problems);
            return;
        }
        foreach (var segment in segments) CheckSegment(segment, setPath, problems);
    }

    private void WriteSegments(IReadOnlyList<X12OutSegment> segments)
    {
        if (segments is List<X12OutSegment> list)
        {
            foreach (var segment in CollectionsMarshal.AsSpan(list)) WriteSegment(segment);
            return;
        }
        foreach (var segment in segments) WriteSegment(segment);
    }

    private void CheckSegment(X12OutSegment segment, string setPath, List<Diagnostic> problems)
    {
        string Path(int element) => (setPath.Length > 0 ? $"{setPath}/{segment.Id}" : segment.Id) + (element > 0 ? $"/{segment.Id}{element:00}" : "");
        if (HasDelimiter(segment.Id)) CheckValues(Path(0), [segment.Id], problems);
        var elements = Span(segment.Elements);
        for (var i = 0; i < elements.Length; i++)
        {
            var element = Span(elements[i]);
            if (element.Length > 1 && settings.Delimiters.Component == 0)
                problems.Add(Problem("x12.write.no-component-separator", $"{segment.Id}{i + 1:00} is a composite but the partner's delimiters have no component separator.", Path(i + 1)));
            foreach (var value in element)
            {
                if (HasDelimiter(value)) CheckValues(Path(i + 1), [value], problems);
            }
        }
    }

    private void CheckValues(string path, IEnumerable<string> values, List<Diagnostic> problems)
    {
        foreach (var value in values)
        {
            var at = value.AsSpan().IndexOfAny(_delimiters);
            if (at < 0) continue;
            problems.Add(Problem("x12.write.delimiter-in-data", $"'{value}' holds the delimiter '{value[at]}'; X12 has no escape, so it cannot be written.", path));
        }
    }

    private static Diagnostic Problem(string code, string message, string path) =>
        new(code, message, Severity.Error, new Position(-1, 0, 0, path));

    private void WriteSegment(X12OutSegment segment)
    {
        var delimiters = settings.Delimiters;
        Append(segment.Id);
        var elements = Span(segment.Elements);
        var last = elements.Length - 1;
        while (last >= 0 && IsEmpty(Span(elements[last]))) last--;
        for (var i = 0; i <= last; i++)
        {
            var components = Span(elements[i]);
            var lastComponent = components.Length - 1;
            while (lastComponent > 0 && components[lastComponent].Length == 0) lastComponent--;
            AppendAfter(delimiters.Element, lastComponent >= 0 ? components[0] : "");
            for (var c = 1; c <= lastComponent; c++) AppendAfter(delimiters.Component, components[c]);
        }
        foreach (var b in delimiters.Terminator) AppendByte(b);
        if (_newLine) AppendByte((byte)'\n');
    }

    /// <summary>Copies of the elements or components of a segment whose lists are neither arrays nor <see cref="List{T}"/>, reused from segment to segment.</summary>
    private IReadOnlyList<string>[] _elementScratch = [];
    private string[] _componentScratch = [];

    /// <summary>
    /// The elements of a segment as a span: straight from a <see cref="List{T}"/> or an array (what the builders
    /// make), otherwise copied into a scratch array, so the loops index a span instead of calling through the interface.
    /// </summary>
    private ReadOnlySpan<IReadOnlyList<string>> Span(IReadOnlyList<IReadOnlyList<string>> list)
    {
        if (list is List<IReadOnlyList<string>> items) return CollectionsMarshal.AsSpan(items);
        // An exact type test: a cast to an array of interfaces would be a slow covariant one.
        if (list.GetType() == typeof(IReadOnlyList<string>[])) return Unsafe.As<IReadOnlyList<string>[]>(list);
        return Copy(list, ref _elementScratch);
    }

    /// <summary>The components of an element as a span, as <see cref="Span(IReadOnlyList{IReadOnlyList{string}})"/> does for elements.</summary>
    private ReadOnlySpan<string> Span(IReadOnlyList<string> list)
    {
        if (list is string[] array) return array;
        if (list is List<string> items) return CollectionsMarshal.AsSpan(items);
        return Copy(list, ref _componentScratch);
    }

    private static ReadOnlySpan<T> Copy<T>(IReadOnlyList<T> list, ref T[] scratch)
    {
        var count = list.Count;
        if (scratch.Length < count) scratch = new T[Math.Max(count, scratch.Length * 2)];
        for (var i = 0; i < count; i++) scratch[i] = list[i];
        return scratch.AsSpan(0, count);
    }

    private static bool IsEmpty(ReadOnlySpan<string> components)
    {
        foreach (var component in components)
        {
            if (component.Length > 0) return false;
        }
        return true;
    }

    /// <summary>Writes <paramref name="delimiter"/> and then <paramref name="value"/>: for the usual short value of bytes, one room check for both.</summary>
    private void AppendAfter(byte delimiter, string value)
    {
        var buffer = _buffer;
        var at = _length;
        if (value.Length <= 64 && at + 1 + value.Length <= buffer.Length)
        {
            buffer[at] = delimiter;
            if (TryCopyDirect(value, buffer.AsSpan(at + 1, value.Length)))
            {
                _length = at + 1 + value.Length;
                return;
            }
        }
        AppendByte(delimiter);
        Append(value);
    }

    /// <summary>
    /// Copies <paramref name="value"/> into <paramref name="target"/> (as long) when every character is written as
    /// the byte of its code (see <see cref="_directUpTo"/>): eight characters at a time from eight on, one by one below.
    /// Returns false, with the target partly written, when a character needs the encoding.
    /// </summary>
    private bool TryCopyDirect(string value, Span<byte> target)
    {
        var direct = _directUpTo;
        if (value.Length < 8 || direct < 0 || !Vector128.IsHardwareAccelerated)
        {
            for (var i = 0; i < target.Length; i++)
            {
                var c = value[i];
                if (c > direct) return false;
                target[i] = (byte)c;
            }
            return true;
        }
        ref var source = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(value.AsSpan()));
        ref var destination = ref MemoryMarshal.GetReference(target);
        var beyond = Vector128.Create((ushort)~direct);
        // The last block overlaps the one before when the length is not a multiple of eight.
        for (var i = 0; ; i += 8)
        {
            var at = Math.Min(i, value.Length - 8);
            var chars = Vector128.LoadUnsafe(ref source, (nuint)at);
            if ((chars & beyond) != Vector128<ushort>.Zero) return false;
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref destination, at), Vector128.Narrow(chars, chars).AsUInt64().ToScalar());
            if (at == value.Length - 8) return true;
        }
    }

    private void Append(string value)
    {
        // The usual value: short, every character written as its own byte, straight into the buffer.
        if (value.Length <= 64 && _length + value.Length <= _buffer.Length && TryCopyDirect(value, _buffer.AsSpan(_length, value.Length)))
        {
            _length += value.Length;
            return;
        }
        var max = settings.Encoding.GetMaxByteCount(value.Length);
        if (_length + max > _buffer.Length) Flush();
        if (max > _buffer.Length)
        {
            var bytes = settings.Encoding.GetBytes(value);
            output.Write(bytes);
            return;
        }
        _length += settings.Encoding.GetBytes(value, _buffer.AsSpan(_length));
    }

    private void AppendByte(byte value)
    {
        if (_length == _buffer.Length) Flush();
        _buffer[_length++] = value;
    }

    private void Flush()
    {
        output.Write(_buffer, 0, _length);
        _length = 0;
    }
}
