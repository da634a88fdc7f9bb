using IntegrationHub.Documents;

namespace IntegrationHub.Formats.X12;

/// <summary>One segment as the tokenizer sees it: a view into its buffer, valid until the next read.</summary>
internal readonly ref struct SegmentToken
{
    public SegmentToken(ReadOnlySpan<byte> data, long offset, X12Delimiters delimiters, SegmentDefect defect)
    {
        Data = data;
        Offset = offset;
        Delimiters = delimiters;
        Defect = defect;
    }

    /// <summary>The segment without its terminator (for a too-long segment: only its start).</summary>
    public ReadOnlySpan<byte> Data { get; }

    public long Offset { get; }

    public X12Delimiters Delimiters { get; }

    public SegmentDefect Defect { get; }

    /// <summary>The segment id: the bytes before the first element separator.</summary>
    public ReadOnlySpan<byte> Id
    {
        get
        {
            var end = Data.IndexOf(Delimiters.Element);
            return end < 0 ? Data : Data[..end];
        }
    }

    public bool IsIsa => Data.Length >= 3 && Data[0] == 'I' && Data[1] == 'S' && Data[2] == 'A';
}

/// <summary>What was wrong with how a segment ended.</summary>
internal enum SegmentDefect
{
    None,

    /// <summary>The segment exceeded the configured bound; only its start was kept, the rest skipped.</summary>
    TooLong,

    /// <summary>The input ended before the segment's terminator.</summary>
    Unterminated,
}

/// <summary>
/// Splits a byte stream into segments. It reads delimiters from every ISA (fixed offsets first, counting as a
/// fallback), skips a BOM, line breaks and indentation between segments and any text between interchanges, and
/// holds at most one segment (bounded) plus one read chunk in memory. It never throws on content.
/// </summary>
internal sealed class X12Tokenizer
{
    private const int ChunkSize = 64 * 1024;
    private const int IsaLookahead = 512;
    private const int TooLongKept = 64;

    private readonly Stream _stream;
    private readonly X12ReadOptions _options;
    private readonly List<X12Finding> _findings = [];
    private readonly byte[] _tooLong = new byte[TooLongKept];
    private byte[] _buffer = new byte[ChunkSize];
    private int _start;
    private int _end;
    private long _bufferOffset;
    private bool _eof;
    private bool _reportedJunk;
    private bool _seekInterchange;
    private int _isaLength;
    private byte[] _isa = [];

    public X12Tokenizer(Stream stream, X12ReadOptions? options = null)
    {
        _stream = stream;
        _options = options ?? X12ReadOptions.Default;
    }

    /// <summary>The delimiters of the current interchange, or null before the first ISA.</summary>
    public X12Delimiters? Delimiters { get; private set; }

    /// <summary>Problems found while tokenizing (ISA layout, junk, too-long segments); drained by the reader.</summary>
    public List<X12Finding> Findings => _findings;

    /// <summary>Reads the next segment; false at the end of the input.</summary>
    public bool TryRead(out SegmentToken token)
    {
        while (true)
        {
            if (!SkipSpacing())
            {
                token = default;
                return false;
            }

            // SkipSpacing left a byte at _start; only one that is an 'I' can start an ISA, so most segments skip the call.
            if (Delimiters is null || _seekInterchange || (_buffer[_start] == 'I' && LooksLikeIsa()))
            {
                _seekInterchange = false;
                if (!FindInterchange())
                {
                    token = default;
                    return false;
                }
            }

            if (ReadSegment(out token)) return true;
        }
    }

    /// <summary>Skips whitespace between segments (unless it is a delimiter); false at the end of the input.</summary>
    private bool SkipSpacing()
    {
        while (true)
        {
            var delimiters = Delimiters;
            while (_start < _end)
            {
                var b = _buffer[_start];
                // Every spacing byte is at most a space: a segment's first letter is told by one comparison.
                if (b > (byte)' ' || !IsSpacing(b) || (delimiters is not null && IsSingleByteDelimiter(delimiters, b))) return true;
                _start++;
            }
            if (!Fill()) return false;
        }
    }

    /// <summary>A delimiter that whitespace skipping must not eat (a multi-byte terminator like "space CR LF" is matched whole).</summary>
    private static bool IsSingleByteDelimiter(X12Delimiters delimiters, byte b) =>
        b == delimiters.Element || b == delimiters.Component || b == delimiters.Repetition
        || (delimiters.Terminator.Length == 1 && delimiters.Terminator[0] == b);

    private static bool IsSpacing(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0 or 0x0B or 0x0C;

    private bool LooksLikeIsa()
    {
        // Nearly every segment is not an ISA: its first byte tells without looking further.
        if (_start < _end && _buffer[_start] != 'I') return false;
        EnsureAvailable(4);
        var available = _buffer.AsSpan(_start, _end - _start);
        return available.Length >= 4 && available[0] == 'I' && available[1] == 'S' && available[2] == 'A'
            && !char.IsAsciiLetterOrDigit((char)available[3]) && !IsSpacing(available[3]);
    }

    /// <summary>Moves to the next ISA whose delimiters can be read and adopts them; false when none is left.</summary>
    private bool FindInterchange()
    {
        while (true)
        {
            EnsureAvailable(IsaLookahead);
            var available = _buffer.AsSpan(_start, _end - _start);
            if (CurrentOffset == 0 && available.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            {
                _start += 3;
                continue;
            }
            if (available.Length == 0) return false;

            var at = IndexOfIsa(available);
            if (at < 0)
            {
                // Keep two bytes in case "ISA" straddles the chunk boundary.
                var drop = _eof ? available.Length : Math.Max(0, available.Length - 3);
                ReportJunk(available[..drop]);
                _start += drop;
                if (_eof || (drop == 0 && !Fill(keepFrom: _start))) return false;
                continue;
            }

            ReportJunk(available[..at]);
            _start += at;
            EnsureAvailable(IsaLookahead);
            var scan = IsaScanner.Scan(_buffer.AsSpan(_start, _end - _start));
            if (scan.Delimiters is null)
            {
                _findings.Add(new X12Finding("x12.isa.unreadable",
                    "An ISA segment was found but its delimiters could not be read (fewer than 16 element separators or clashing delimiters).",
                    Severity.Error, X12Level.Interchange, scan.Ta1Code, CurrentOffset) { SegmentId = "ISA" });
                _start += 3;
                continue;
            }

            Delimiters = scan.Delimiters;
            _isaLength = scan.Length;
            foreach (var note in scan.Notes)
            {
                _findings.Add(new X12Finding(note.Code, note.Message, Severity.Warning, X12Level.Interchange, "000", CurrentOffset)
                {
                    SegmentId = "ISA",
                });
            }
            return true;
        }
    }

    private static int IndexOfIsa(ReadOnlySpan<byte> data)
    {
        var offset = 0;
        while (true)
        {
            var at = data[offset..].IndexOf("ISA"u8);
            if (at < 0) return -1;
            at += offset;
            var atSegmentStart = at == 0 || !char.IsAsciiLetterOrDigit((char)data[at - 1]);
            var followedBySeparator = at + 3 < data.Length && !char.IsAsciiLetterOrDigit((char)data[at + 3]) && !IsSpacing(data[at + 3]);
            if (atSegmentStart && followedBySeparator) return at;
            if (at + 3 >= data.Length) return -1;
            offset = at + 1;
        }
    }

    private void ReportJunk(ReadOnlySpan<byte> skipped)
    {
        if (_reportedJunk || skipped.Length == 0) return;
        foreach (var b in skipped)
        {
            if (IsSpacing(b)) continue;
            _reportedJunk = true;
            _findings.Add(new X12Finding("x12.text.outside-interchange",
                "Text outside any ISA..IEA interchange was skipped.", Severity.Warning, X12Level.Interchange, "000", CurrentOffset));
            return;
        }
    }

    /// <summary>Reads one segment at <see cref="_start"/>; false when nothing but spacing was left.</summary>
    private bool ReadSegment(out SegmentToken token)
    {
        var delimiters = Delimiters!;
        if (_isaLength > 0)
        {
            token = TakeIsa(delimiters);
            return true;
        }
        var terminator = delimiters.Terminator;
        var scanned = 0;
        while (true)
        {
            var available = _buffer.AsSpan(_start, _end - _start);
            var from = Math.Max(0, scanned - (terminator.Length - 1));
            var at = terminator.Length == 1 ? available[from..].IndexOf(terminator[0]) : available[from..].IndexOf(terminator);
            if (at >= 0)
            {
                at += from;
                var offset = CurrentOffset;
                token = new SegmentToken(available[..at], offset, delimiters, SegmentDefect.None);
                _start += at + terminator.Length;
                // After an IEA only another ISA may follow; anything else is text between interchanges.
                _seekInterchange = at >= 3 && available[0] == 'I' && available[1] == 'E' && available[2] == 'A' && available[3] == delimiters.Element;
                return true;
            }

            scanned = available.Length;
            if (available.Length > _options.MaxSegmentLength)
            {
                token = SkipTooLong();
                return true;
            }

            if (!Fill(keepFrom: _start))
            {
                available = _buffer.AsSpan(_start, _end - _start);
                var trimmed = available.TrimEnd(" \t\r\n\0"u8);
                _start = _end;
                if (trimmed.IsEmpty)
                {
                    token = default;
                    return false;
                }
                token = new SegmentToken(trimmed, _bufferOffset + _end - available.Length, delimiters, SegmentDefect.Unterminated);
                return true;
            }
        }
    }

    /// <summary>
    /// The ISA just scanned, taken by its scanned length rather than by searching for the terminator (a line break
    /// inside a wrapped ISA is not its end); line breaks inside it are dropped.
    /// </summary>
    private SegmentToken TakeIsa(X12Delimiters delimiters)
    {
        var offset = CurrentOffset;
        var length = _isaLength;
        _isaLength = 0;
        var data = _buffer.AsSpan(_start, length - delimiters.Terminator.Length);
        _start += length;
        if (data.IndexOfAny((byte)'\r', (byte)'\n') < 0 || delimiters.Element is (byte)'\r' or (byte)'\n')
            return new SegmentToken(data, offset, delimiters, SegmentDefect.None);

        _isa = [.. data.ToArray().Where(b => b is not ((byte)'\r' or (byte)'\n'))];
        _findings.Add(new X12Finding("x12.isa.line-break", "The ISA is broken over lines; the line breaks inside it were ignored.",
            Severity.Warning, X12Level.Interchange, "000", offset) { SegmentId = "ISA" });
        return new SegmentToken(_isa, offset, delimiters, SegmentDefect.None);
    }

    /// <summary>Keeps the start of an over-long segment and discards the rest up to its terminator, chunk by chunk.</summary>
    private SegmentToken SkipTooLong()
    {
        var delimiters = Delimiters!;
        var offset = CurrentOffset;
        var kept = Math.Min(TooLongKept, _end - _start);
        _buffer.AsSpan(_start, kept).CopyTo(_tooLong);
        var terminator = delimiters.Terminator;
        while (true)
        {
            var available = _buffer.AsSpan(_start, _end - _start);
            var at = available.IndexOf(terminator);
            if (at >= 0)
            {
                _start += at + terminator.Length;
                break;
            }
            // Keep the last bytes in case the terminator straddles two chunks.
            _start = Math.Max(_start, _end - (terminator.Length - 1));
            if (!Fill(keepFrom: _start))
            {
                _start = _end;
                break;
            }
        }
        _findings.Add(new X12Finding("x12.segment.too-long",
            $"A segment longer than {_options.MaxSegmentLength} bytes was skipped.", Severity.Error, X12Level.Segment, "8", offset)
        {
            SegmentId = IdOf(_tooLong.AsSpan(0, kept), delimiters.Element),
        });
        return new SegmentToken(_tooLong.AsSpan(0, kept), offset, delimiters, SegmentDefect.TooLong);
    }

    private static string IdOf(ReadOnlySpan<byte> data, byte element)
    {
        var end = data.IndexOf(element);
        var id = end < 0 ? data : data[..end];
        return System.Text.Encoding.Latin1.GetString(id[..Math.Min(id.Length, 3)]);
    }

    private long CurrentOffset => _bufferOffset + _start;

    private void EnsureAvailable(int count)
    {
        while (_end - _start < count && Fill(keepFrom: _start))
        {
        }
    }

    private bool Fill() => Fill(keepFrom: _end);

    /// <summary>Reads more input, keeping the bytes from <paramref name="keepFrom"/> on; false at the end of the input.</summary>
    private bool Fill(int keepFrom)
    {
        if (_eof) return false;
        if (keepFrom > 0)
        {
            var kept = _end - keepFrom;
            _buffer.AsSpan(keepFrom, kept).CopyTo(_buffer);
            _bufferOffset += keepFrom;
            _start -= keepFrom;
            _end = kept;
        }
        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        while (true)
        {
            var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
            if (read <= 0)
            {
                _eof = true;
                return false;
            }
            if (_options.UnwrapLines)
            {
                read = RemoveLineBreaks(_buffer.AsSpan(_end, read));
                if (read == 0) continue;
            }
            _end += read;
            return true;
        }
    }

    private static int RemoveLineBreaks(Span<byte> chunk)
    {
        var written = 0;
        foreach (var b in chunk)
        {
            if (b is (byte)'\r' or (byte)'\n') continue;
            chunk[written++] = b;
        }
        return written;
    }
}
