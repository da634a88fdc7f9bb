using System.Text;
using System.Xml;
using IntegrationHub.Documents;
using IntegrationHub.Formats.Cxml.Specs;

namespace IntegrationHub.Formats.Cxml;

/// <summary>What reading a cXML document produced: the document (null when the bytes were refused) and the diagnostics.</summary>
public sealed record CxmlReadResult(CxmlDocument? Document, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>True when any diagnostic is an error.</summary>
    public bool HasErrors => Diagnostics.Any(diagnostic => diagnostic.Severity == Severity.Error);
}

/// <summary>
/// Reads cXML bytes safely (no DTD, no resolver, no entities, bounded size and depth) and loosely (odd timestamps,
/// missing or private DOCTYPE, credential-domain case, empty attributes, CDATA). Problems are diagnostics; it never throws
/// on document content.
/// </summary>
public static class CxmlReader
{
    /// <summary>Reads a document held in memory.</summary>
    public static CxmlReadResult Read(byte[] bytes, CxmlReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        using var stream = new MemoryStream(bytes, writable: false);
        return Read(stream, bytes.LongLength, options);
    }

    /// <summary>
    /// Reads a document held in memory for a caller that reads its tree and diagnostics but not its typed view: the same
    /// tree and the same diagnostics as <see cref="Read(byte[], CxmlReaderOptions?)"/>, but <see cref="CxmlDocument.Model"/>
    /// may be left null (the OrderRequest's is not built, only its findings taken).
    /// </summary>
    internal static CxmlReadResult ReadWithoutModel(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        using var stream = new MemoryStream(bytes, writable: false);
        return Read(stream, bytes.LongLength, null, findingsOnly: true);
    }

    /// <summary>Reads a document from a stream (not closed).</summary>
    public static CxmlReadResult Read(Stream stream, CxmlReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (stream.CanSeek) return Read(stream, stream.Length - stream.Position, options);
        options ??= CxmlReaderOptions.Default;
        using var buffered = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0 && buffered.Length <= options.MaxDocumentCharacters) buffered.Write(chunk, 0, read);
        buffered.Position = 0;
        return Read(buffered, buffered.Length, options);
    }

    private static CxmlReadResult Read(Stream stream, long length, CxmlReaderOptions? options, bool findingsOnly = false)
    {
        options ??= CxmlReaderOptions.Default;
        var diagnostics = new List<Diagnostic>();
        if (length > options.MaxDocumentCharacters)
        {
            diagnostics.Add(Error(CxmlCodes.TooLarge, $"The document has {length} bytes; the limit is {options.MaxDocumentCharacters}.", Position.Unknown));
            return new CxmlReadResult(null, diagnostics);
        }

        var prolog = Prolog.Scan(stream);
        if (prolog.DeclaresEntities)
        {
            diagnostics.Add(Error(CxmlCodes.EntityDeclared,
                "The DOCTYPE's internal subset declares entities; cXML allows none, so the document is refused unread.", prolog.Position));
            return new CxmlReadResult(null, diagnostics);
        }

        CxmlElement? root;
        try
        {
            root = BuildTree(stream, options, diagnostics);
        }
        catch (XmlException exception)
        {
            var tooLarge = exception.Message.Contains("MaxCharacters", StringComparison.Ordinal);
            diagnostics.Add(Error(tooLarge ? CxmlCodes.TooLarge : CxmlCodes.Malformed, exception.Message,
                new Position(-1, exception.LineNumber, exception.LinePosition, string.Empty)));
            return new CxmlReadResult(null, diagnostics);
        }
        if (root is null) return new CxmlReadResult(null, diagnostics);

        var document = new CxmlDocument(root, prolog.SystemId);
        CheckEnvelope(document, prolog, diagnostics);
        document.Model = CxmlModels.Read(document, diagnostics, findingsOnly);
        return new CxmlReadResult(document, diagnostics);
    }

    private static CxmlElement? BuildTree(Stream stream, CxmlReaderOptions options, List<Diagnostic> diagnostics)
    {
        using var reader = XmlReader.Create(stream, SafeXml.ReaderSettings(options));
        var lineInfo = (IXmlLineInfo)reader;
        CxmlElement? root = null;
        CxmlElement? current = null;
        // The content of the open elements, outermost first: an element's nodes (elements, and text runs as strings) start
        // at its entry in starts and are made into its exact-size array at its end tag, so no element grows a list.
        var content = new Content();
        // Elements lacking a required attribute, reported only when the whole tree is read: a refused document has just
        // its refusal, and the paths are those of the finished tree.
        List<CxmlElement>? incomplete = null;
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    var element = new CxmlElement(reader.Name, lineInfo.LineNumber, lineInfo.LinePosition);
                    var count = reader.AttributeCount;
                    if (count > 0)
                    {
                        var attributes = new CxmlAttr[count];
                        for (var index = 0; index < count; index++)
                        {
                            reader.MoveToAttribute(index);
                            attributes[index] = new CxmlAttr(reader.Name, reader.Value);
                        }
                        reader.MoveToElement();
                        element.SetAttributesUnchecked(attributes);
                    }
                    if (current is null) root = element;
                    else
                    {
                        current.AdoptUnchecked(element);
                        content.Add(element);
                    }
                    if (MissesRequiredAttribute(element)) (incomplete ??= []).Add(element);
                    if (reader.IsEmptyElement) break;
                    if (content.Depth + 1 > options.MaxDepth)
                    {
                        content.Open(element);
                        content.Finish();
                        diagnostics.Add(Error(CxmlCodes.TooDeep, $"Elements nest deeper than {options.MaxDepth} levels.",
                            new Position(-1, element.Line, element.Column, element.Path)));
                        return null;
                    }
                    content.Open(element);
                    current = element;
                    break;
                case XmlNodeType.EndElement:
                    current?.SetEnd(lineInfo.LineNumber, lineInfo.LinePosition);
                    content.Close();
                    current = current?.Parent;
                    break;
                case XmlNodeType.Text:
                case XmlNodeType.CDATA:
                case XmlNodeType.SignificantWhitespace:
                    if (current is not null) content.Add(reader.Value);
                    break;
                case XmlNodeType.EntityReference:
                    // Only reachable if a DTD were processed; it never is. Refuse rather than expand.
                    content.Finish();
                    diagnostics.Add(Error(CxmlCodes.EntityDeclared, $"Entity reference &{reader.Name}; is not allowed.",
                        new Position(-1, lineInfo.LineNumber, lineInfo.LinePosition, current?.Path ?? string.Empty)));
                    return null;
            }
        }
        if (incomplete is not null)
        {
            foreach (var element in incomplete) ReportMissingAttributes(element, diagnostics);
        }
        return root;
    }

    /// <summary>The nodes of the elements still open while the tree is built, and where each open element's begin.</summary>
    private sealed class Content
    {
        // A stack kept in an array: opened and closed once per element, without a list's bookkeeping.
        private (CxmlElement Element, int Start)[] _open = new (CxmlElement, int)[16];

        // Every open element's nodes so far, outermost element's first; a text run is its string. The first _count are in
        // use; a closed element's entries are left to be overwritten, not cleared (the array lives only as long as the read).
        private object[] _nodes = new object[64];
        private int _count;

        public int Depth { get; private set; }

        /// <summary>A node of the innermost open element: a child element, or a text run as its string.</summary>
        public void Add(object node)
        {
            if (_count == _nodes.Length) Array.Resize(ref _nodes, _count * 2);
            _nodes[_count++] = node;
        }

        public void Open(CxmlElement element)
        {
            if (Depth == _open.Length) Array.Resize(ref _open, Depth * 2);
            _open[Depth++] = (element, _count);
        }

        /// <summary>The innermost open element is complete: its nodes become its own.</summary>
        public void Close()
        {
            var (element, start) = _open[--Depth];
            _open[Depth] = default;
            Give(element, start, _count);
            _count = start;
        }

        /// <summary>The read stops early: every open element gets the nodes read so far, so that paths can be told.</summary>
        public void Finish()
        {
            for (var level = 0; level < Depth; level++)
            {
                var end = level + 1 < Depth ? _open[level + 1].Start : _count;
                Give(_open[level].Element, _open[level].Start, end);
            }
        }

        private void Give(CxmlElement element, int start, int end)
        {
            var count = end - start;
            if (count == 0) return;
            if (count == 1 && _nodes[start] is string only)
            {
                element.SetLeafTextUnchecked(only);
                return;
            }
            var nodes = new CxmlNode[count];
            for (var index = 0; index < count; index++)
                nodes[index] = _nodes[start + index] is string text ? new CxmlText(text) : (CxmlNode)_nodes[start + index];
            element.SetContentUnchecked(nodes);
        }
    }

    // The DTDs' #REQUIRED attributes (Specs/required-attributes.txt): an absent one is an error at the element, except an
    // absent xml:lang, a warning: the text is there, only its language is not said, and buyers' systems often leave it out.
    // Empty values are read loosely here; the typed views report the empty ones they need.
    private static bool MissesRequiredAttribute(CxmlElement element)
    {
        var required = RequiredAttributes.Of(element.Name);
        for (var index = 0; index < required.Length; index++)
        {
            if (element.Attribute(required[index]) is null) return true;
        }
        return false;
    }

    private static void ReportMissingAttributes(CxmlElement element, List<Diagnostic> diagnostics)
    {
        var required = RequiredAttributes.Of(element.Name);
        for (var index = 0; index < required.Length; index++)
        {
            if (element.Attribute(required[index]) is not null) continue;
            var code = element.Parent is null ? CxmlCodes.EnvelopeRequired : CxmlCodes.Required;
            var message = $"{element.Name}@{required[index]} is missing.";
            var at = new Position(-1, element.Line, element.Column, element.Path);
            diagnostics.Add(required[index] == LanguageAttribute ? Warning(code, message, at) : Error(code, message, at));
        }
    }

    private const string LanguageAttribute = "xml:lang";

    private static void CheckEnvelope(CxmlDocument document, Prolog prolog, List<Diagnostic> diagnostics)
    {
        var root = document.Root;
        // The root's path is always /Name: no walk up for it on every read.
        var at = new Position(-1, root.Line, root.Column, "/" + root.Name);
        if (prolog.SystemId is null)
            diagnostics.Add(Warning(CxmlCodes.MissingDoctype, "The document has no DOCTYPE; read as cXML anyway.", at));
        else if (!CxmlDtd.IsKnown(prolog.SystemId))
            diagnostics.Add(Warning(CxmlCodes.PrivateDtd, $"The DOCTYPE names a private DTD ({prolog.SystemId}); read as cXML anyway.", at));

        if (root.Name != "cXML")
        {
            diagnostics.Add(Warning(CxmlCodes.NotEnvelope, $"The root element is {root.Name}, not cXML; it is kept as a tree.", at));
            return;
        }
        // An absent payloadID or timestamp was reported with the DTD's required attributes; here only empty or unreadable ones.
        if (root.Attribute("payloadID") is { } payloadId && payloadId.Trim().Length == 0)
            diagnostics.Add(Error(CxmlCodes.EnvelopeRequired, "The cXML element's payloadID is empty.", at));
        var timestampPresent = root.Attribute("timestamp") is not null;
        if (timestampPresent && document.Timestamp.Value is null)
            diagnostics.Add(Warning(CxmlCodes.TimestampUnreadable, $"The timestamp \"{document.Timestamp.Raw}\" is in no known form.", at));
        else if (timestampPresent && !document.Timestamp.IsStandard)
            diagnostics.Add(Warning(CxmlCodes.TimestampNonstandard,
                $"The timestamp \"{document.Timestamp.Raw}\" is not ISO 8601 with an offset; read as {document.Timestamp}.", at));
        if (document.Kind == CxmlKind.Other)
            diagnostics.Add(Error(CxmlCodes.EnvelopeRequired, "The cXML element has no Request, Response or Message.", at));
        else if (document.Kind != CxmlKind.Response && document.Header is null)
            diagnostics.Add(Error(CxmlCodes.EnvelopeRequired, $"A {document.Kind} needs a Header.", at));
        if (document.Kind == CxmlKind.Response && document.Status is null)
            diagnostics.Add(Error(CxmlCodes.EnvelopeRequired, "The Response has no Status.", new Position(-1, document.Body!.Line, document.Body.Column, document.Body.Path)));
    }

    internal static Diagnostic Error(string code, string message, Position position) => new(code, message, Severity.Error, position);

    internal static Diagnostic Warning(string code, string message, Position position) => new(code, message, Severity.Warning, position);

    /// <summary>
    /// What precedes the root element: the DOCTYPE's system identifier and whether its internal subset declares entities.
    /// Read from the raw bytes so that the refusal happens before any XML parsing.
    /// </summary>
    private readonly record struct Prolog(string? SystemId, bool DeclaresEntities, Position Position)
    {
        private const int Window = 64 * 1024;

        public static Prolog Scan(Stream stream)
        {
            var start = stream.Position;
            Span<byte> head = stackalloc byte[4096];
            var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            head = head[..read];
            var doctype = head.IndexOf("<!DOCTYPE"u8);
            if (doctype < 0 && IsUtf16(head)) return ScanText(stream, start, Encoding.Unicode);
            if (doctype < 0 && FirstElement(head) < 0 && read == 4096) return ScanText(stream, start, Encoding.UTF8);
            stream.Position = start;
            if (doctype < 0 || FirstElement(head[..doctype]) >= 0) return new Prolog(null, false, Position.Unknown);
            // The usual case: a short DOCTYPE without an internal subset, wholly inside the head.
            var close = head[doctype..].IndexOf((byte)'>');
            var subset = head[doctype..].IndexOf((byte)'[');
            if (close > 0 && (subset < 0 || subset > close))
            {
                var declaration = Encoding.UTF8.GetString(head.Slice(doctype, close + 1));
                var line = 1 + head[..doctype].Count((byte)'\n');
                return new Prolog(SystemLiteral(declaration), false, new Position(-1, line, 1, string.Empty));
            }
            return ScanText(stream, start, Encoding.UTF8);
        }

        // The slow path: the DOCTYPE is present (or the prolog is long, or the bytes are UTF-16); decode the head and look.
        private static Prolog ScanText(Stream stream, long start, Encoding fallback)
        {
            var buffer = new byte[(int)Math.Min(Window, stream.CanSeek ? stream.Length - start : Window)];
            stream.Position = start;
            var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            stream.Position = start;
            var text = DecodeHead(buffer.AsSpan(0, read), fallback);
            var doctype = text.IndexOf("<!DOCTYPE", StringComparison.Ordinal);
            if (doctype < 0 || FirstElement(text) < doctype) return new Prolog(null, false, Position.Unknown);
            var line = 1 + text.AsSpan(0, doctype).Count('\n');
            var end = text.IndexOf('>', doctype);
            var subsetStart = text.IndexOf('[', doctype);
            var declaresEntities = false;
            if (subsetStart >= 0 && (end < 0 || subsetStart < end))
            {
                var subsetEnd = text.IndexOf("]>", subsetStart, StringComparison.Ordinal);
                var subset = subsetEnd < 0 ? text[subsetStart..] : text[subsetStart..subsetEnd];
                declaresEntities = subset.Contains("<!ENTITY", StringComparison.Ordinal);
                end = subsetEnd < 0 ? -1 : subsetEnd + 1;
            }
            var declaration = end < 0 ? text[doctype..] : text[doctype..end];
            return new Prolog(SystemLiteral(declaration), declaresEntities, new Position(-1, line, 1, string.Empty));
        }

        private static bool IsUtf16(ReadOnlySpan<byte> head) =>
            head.Length >= 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF) || head[1] == 0 || head[0] == 0);

        private static string DecodeHead(ReadOnlySpan<byte> head, Encoding fallback)
        {
            if (head.Length >= 2 && head[0] == 0xFF && head[1] == 0xFE) return Encoding.Unicode.GetString(head[2..]);
            if (head.Length >= 2 && head[0] == 0xFE && head[1] == 0xFF) return Encoding.BigEndianUnicode.GetString(head[2..]);
            if (head.Length >= 2 && head[0] == 0) return Encoding.BigEndianUnicode.GetString(head);
            return fallback.GetString(head);
        }

        private static int FirstElement(ReadOnlySpan<byte> bytes)
        {
            for (var index = bytes.IndexOf((byte)'<'); index >= 0 && index + 1 < bytes.Length;)
            {
                var next = bytes[index + 1];
                if (char.IsAsciiLetter((char)next) || next == '_' || next >= 0x80) return index;
                var after = bytes[(index + 1)..].IndexOf((byte)'<');
                if (after < 0) return -1;
                index += 1 + after;
            }
            return -1;
        }

        private static int FirstElement(string text)
        {
            for (var index = text.IndexOf('<'); index >= 0 && index + 1 < text.Length; index = text.IndexOf('<', index + 1))
            {
                if (char.IsLetter(text[index + 1]) || text[index + 1] == '_') return index;
            }
            return int.MaxValue;
        }

        private static string? SystemLiteral(string declaration)
        {
            var keyword = declaration.IndexOf("SYSTEM", StringComparison.Ordinal);
            var publicKeyword = declaration.IndexOf("PUBLIC", StringComparison.Ordinal);
            if (keyword < 0 && publicKeyword < 0) return string.Empty;
            var from = keyword >= 0 ? keyword : publicKeyword;
            var literals = new List<string>();
            for (var index = from; index < declaration.Length && literals.Count < 2; index++)
            {
                var quote = declaration[index];
                if (quote != '"' && quote != '\'') continue;
                var close = declaration.IndexOf(quote, index + 1);
                if (close < 0) break;
                literals.Add(declaration[(index + 1)..close]);
                index = close;
            }
            return literals.Count == 0 ? string.Empty : literals[^1];
        }
    }
}
