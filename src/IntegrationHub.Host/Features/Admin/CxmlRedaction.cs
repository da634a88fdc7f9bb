using System.Text;
using System.Xml;

namespace IntegrationHub.Features.Admin;

/// <summary>
/// A cXML document made safe to show: the text of every SharedSecret and CredentialMac replaced, through the XML reader
/// (no DTD, no resolver), never by pattern matching. The result is re-written XML, for reading, not the stored bytes.
/// </summary>
internal static class CxmlRedaction
{
    public const string Marker = "[redacted]";
    private static readonly HashSet<string> Secret = new(StringComparer.Ordinal) { "SharedSecret", "CredentialMac" };

    /// <summary>The redacted document, or null when the bytes are not well-formed XML (then nothing of them is shown).</summary>
    public static byte[]? Redact(byte[] raw)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Ignore, XmlResolver = null, MaxCharactersFromEntities = 0, IgnoreWhitespace = false,
        };
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
