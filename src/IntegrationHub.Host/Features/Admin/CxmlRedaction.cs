using System.Buffers;
using System.Text;
using System.Xml;
using IntegrationHub.Formats.Cxml;

namespace IntegrationHub.Features.Admin;

/// <summary>
/// A cXML document made safe to store and to show: the content of every SharedSecret, CredentialMac and
/// DigitalSignature replaced, found through the XML reader (no DTD, no resolver), never by pattern matching.
/// <see cref="RedactForStorage(byte[])"/> keeps every other byte as received; <see cref="Redact"/> re-writes the XML, for reading.
/// </summary>
internal static class CxmlRedaction
{
    public const string Marker = "[redacted]";
    private static readonly HashSet<string> Secret = new(StringComparer.Ordinal) { "SharedSecret", "CredentialMac", "DigitalSignature" };

    private static XmlReaderSettings Settings => new()
    {
        DtdProcessing = DtdProcessing.Ignore, XmlResolver = null, MaxCharactersFromEntities = 0, IgnoreWhitespace = false,
    };

    /// <summary>
    /// The document as received with only the secrets' content replaced by <see cref="Marker"/> (what the hub stores).
    /// A UTF-8 byte order mark is kept as received. A document that is not UTF-8 is re-written by <see cref="Redact"/>; one
    /// that is not well-formed XML gives null.
    /// </summary>
    public static byte[]? RedactForStorage(byte[] raw)
    {
        var bom = raw.AsSpan().StartsWith(Utf8Bom) ? Utf8Bom.Length : 0;
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(raw, bom, raw.Length - bom);
        }
        catch (DecoderFallbackException)
        {
            return Redact(raw);
        }
        var spans = new List<(int Start, int End)>();
        try
        {
            var lines = LineStarts(text);
            using var reader = XmlReader.Create(new StringReader(text), Settings);
            var info = (IXmlLineInfo)reader;
            var open = -1;
            var depth = -1;
            while (reader.Read())
            {
                if (depth < 0 && reader.NodeType == XmlNodeType.Element && !reader.IsEmptyElement && Secret.Contains(reader.LocalName))
                {
                    open = EndOfStartTag(text, lines[info.LineNumber - 1] + info.LinePosition - 1);
                    depth = reader.Depth;
                }
                else if (depth >= 0 && reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth)
                {
                    spans.Add((open, lines[info.LineNumber - 1] + info.LinePosition - 3)); // the position names the element, after "</"
                    depth = -1;
                }
            }
        }
        catch (XmlException)
        {
            return null;
        }
        if (spans.Count == 0) return raw;
        var replaced = Replaced(text, spans);
        return bom == 0 ? replaced : [.. Utf8Bom, .. replaced];
    }

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>
    /// As <see cref="RedactForStorage(byte[])"/>, with the secrets found in <paramref name="read"/>, the tree the cXML reader
    /// made of the same bytes, by the positions of their start and end tags, so intake does not parse the request a second
    /// time. Positions are counted in characters, which are the bytes only where every byte is plain ASCII (as in nearly
    /// every cXML document); any other byte (UTF-8 beyond ASCII, a byte order mark, another encoding) takes the parsing way.
    /// </summary>
    public static byte[]? RedactForStorage(byte[] raw, CxmlDocument read)
    {
        if (raw.AsSpan().IndexOfAnyExcept(PlainAscii) >= 0) return RedactForStorage(raw);
        var secrets = new List<CxmlElement>();
        Outermost(read.Root, secrets);
        if (secrets.Count == 0) return raw;
        var text = Encoding.ASCII.GetString(raw);
        var lines = LineStarts(text);
        var spans = new List<(int Start, int End)>(secrets.Count);
        try
        {
            foreach (var secret in secrets)
                spans.Add((EndOfStartTag(text, lines[secret.Line - 1] + secret.Column - 1), lines[secret.EndLine - 1] + secret.EndColumn - 3));
        }
        catch (XmlException)
        {
            return null;
        }
        return Replaced(text, spans);
    }

    private static readonly SearchValues<byte> PlainAscii = SearchValues.Create([(byte)'\t', (byte)'\n', (byte)'\r', .. Enumerable.Range(0x20, 0x7F - 0x20).Select(b => (byte)b)]);

    // The secret elements with content (an empty one has nothing to hide) that are not inside another, in document order.
    private static void Outermost(CxmlElement element, List<CxmlElement> found)
    {
        if (Secret.Contains(element.Name) && element.EndLine > 0)
        {
            found.Add(element);
            return;
        }
        foreach (var child in element.Elements) Outermost(child, found);
    }

    private static byte[] Replaced(string text, List<(int Start, int End)> spans)
    {
        var redacted = new StringBuilder(text.Length);
        var at = 0;
        foreach (var (start, end) in spans)
        {
            redacted.Append(text, at, start - at).Append(Marker);
            at = end;
        }
        redacted.Append(text, at, text.Length - at);
        return Encoding.UTF8.GetBytes(redacted.ToString());
    }

    // Where each line starts, as the XML reader counts lines (CR LF, CR and LF each end one).
    private static List<int> LineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
            if (text[i] is '\n' or '\r') starts.Add(i + 1);
        }
        return starts;
    }

    // Just after the '>' that closes the start tag whose name begins at nameStart; quoted attribute values may hold '>'.
    private static int EndOfStartTag(string text, int nameStart)
    {
        char? quote = null;
        for (var i = nameStart; i < text.Length; i++)
        {
            var c = text[i];
            if (quote is { } q) { if (c == q) quote = null; }
            else if (c is '"' or '\'') quote = c;
            else if (c == '>') return i + 1;
        }
        throw new XmlException("A start tag does not end.");
    }

    /// <summary>The redacted document, or null when the bytes are not well-formed XML (then nothing of them is shown).</summary>
    public static byte[]? Redact(byte[] raw)
    {
        var settings = Settings;
        using var output = new MemoryStream();
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(raw, writable: false), settings);
            using (var writer = XmlWriter.Create(output, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false }))
            {
                var depthInSecret = -1;
                while (reader.Read())
                {
                    switch (reader.NodeType)
                    {
                        case XmlNodeType.Element when depthInSecret >= 0:
                            break; // nothing inside a secret is shown
                        case XmlNodeType.Element:
                            writer.WriteStartElement(reader.Prefix, reader.LocalName, reader.NamespaceURI);
                            writer.WriteAttributes(reader, defattr: false);
                            if (reader.IsEmptyElement) writer.WriteEndElement();
                            else if (depthInSecret < 0 && Secret.Contains(reader.LocalName))
                            {
                                depthInSecret = reader.Depth;
                                writer.WriteString(Marker);
                            }
                            break;
                        case XmlNodeType.EndElement when depthInSecret >= 0 && reader.Depth > depthInSecret:
                            break;
                        case XmlNodeType.EndElement:
                            if (reader.Depth == depthInSecret) depthInSecret = -1;
                            writer.WriteFullEndElement();
                            break;
                        case XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace when reader.Depth == 0:
                            break; // between the prolog and the root
                        case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                            if (depthInSecret < 0) writer.WriteString(reader.Value);
                            break;
                        case XmlNodeType.Comment:
                            if (depthInSecret < 0) writer.WriteComment(reader.Value);
                            break;
                    }
                }
            }
            return output.ToArray();
        }
        catch (XmlException)
        {
            return null;
        }
    }
}
