using System.Globalization;
using System.Text;
using System.Xml;
using IntegrationHub.Formats.Cxml.Specs;

namespace IntegrationHub.Formats.Cxml;

/// <summary>
/// Writes a cXML document strictly: the DOCTYPE of the payload's DTD family and the partner's version, children in DTD
/// order, money to the currency's exponent, the timestamp with its offset. Elements the DTD does not know stay where they were
/// relative to their known siblings.
/// </summary>
public static class CxmlWriter
{
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes the document to bytes (no byte-order mark, no leading whitespace).</summary>
    public static byte[] Write(CxmlDocument document, CxmlWriterOptions? options = null)
    {
        using var stream = new MemoryStream(16 * 1024);
        Write(document, stream, options);
        return stream.ToArray();
    }

    /// <summary>Writes the document to a stream (not closed).</summary>
    public static void Write(CxmlDocument document, Stream stream, CxmlWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        options ??= CxmlWriterOptions.Default;
        var settings = new XmlWriterSettings
        {
            Encoding = options.AsciiOnly ? Encoding.ASCII : Utf8,
            Indent = options.Indent,
            IndentChars = "  ",
            NewLineChars = "\n",
            CloseOutput = false,
        };
        using var writer = XmlWriter.Create(stream, settings);
        writer.WriteStartDocument();
        var root = document.Root;
        var payloadName = document.Payload?.Name ?? root.Name;
        writer.WriteDocType(root.Name, null, CxmlDtd.SystemIdFor(payloadName, options.Version), null);
        writer.WriteStartElement(root.Name);
        if (root.Name == "cXML") WriteEnvelopeAttributes(writer, document, options);
        else WriteAttributes(writer, root);
        WriteChildren(writer, root);
        writer.WriteEndElement();
        writer.WriteEndDocument();
    }

    /// <summary>Formats an amount to the currency's exponent: padded to it, never rounded (extra significant decimals stay).</summary>
    public static string FormatMoney(decimal amount, string currency)
    {
        var exponent = CurrencyExponents.For(currency);
        var text = amount.ToString("0.############################", CultureInfo.InvariantCulture);
        var point = text.IndexOf('.', StringComparison.Ordinal);
        var decimals = point < 0 ? 0 : text.Length - point - 1;
        if (decimals >= exponent) return text;
        return amount.ToString("F" + exponent.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    private static void WriteEnvelopeAttributes(XmlWriter writer, CxmlDocument document, CxmlWriterOptions options)
    {
        writer.WriteAttributeString("payloadID", document.PayloadId);
        writer.WriteAttributeString("timestamp", document.Timestamp.ToString());
        if (options.WriteVersionAttribute) writer.WriteAttributeString("version", options.Version);
        foreach (var attribute in document.Root.Attributes)
        {
            if (attribute.Name is "payloadID" or "timestamp" or "version") continue;
            WriteAttribute(writer, attribute);
        }
    }

    private static void WriteAttributes(XmlWriter writer, CxmlElement element)
    {
        foreach (var attribute in element.Attributes) WriteAttribute(writer, attribute);
    }

    private static void WriteAttribute(XmlWriter writer, CxmlAttr attribute)
    {
        var colon = attribute.Name.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            if (attribute.Name != "xmlns") writer.WriteAttributeString(attribute.Name, attribute.Value);
            return;
        }
        var prefix = attribute.Name[..colon];
        var local = attribute.Name[(colon + 1)..];
        if (prefix == "xml") writer.WriteAttributeString("xml", local, null, attribute.Value);
        else if (prefix == "xmlns") writer.WriteAttributeString("xmlns", local, "http://www.w3.org/2000/xmlns/", attribute.Value);
        else writer.WriteAttributeString(prefix, local, NamespaceOf(prefix, null), attribute.Value);
    }

    private static void WriteElement(XmlWriter writer, CxmlElement element)
    {
        var colon = element.Name.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0) writer.WriteStartElement(element.Name);
        else writer.WriteStartElement(element.Name[..colon], element.Name[(colon + 1)..], NamespaceOf(element.Name[..colon], element));
        WriteAttributes(writer, element);
        if (element.Name == "Money" && element.Attribute("currency") is { } currency && CxmlMoney.ParseAmount(element.Text.Trim()) is { } amount)
            writer.WriteString(FormatMoney(amount, currency));
        else WriteChildren(writer, element);
        writer.WriteEndElement();
    }

    private static void WriteChildren(XmlWriter writer, CxmlElement element)
    {
        if (element.LeafText is { } leaf)
        {
            writer.WriteString(leaf);
            return;
        }
        var nodes = element.Nodes;
        if (nodes.Count == 0) return;
        var mixed = false;
        foreach (var node in nodes)
        {
            if (node is CxmlText text && !string.IsNullOrWhiteSpace(text.Value)) mixed = true;
        }
        if (mixed || !ChildOrder.IsKnown(element.Name))
        {
            foreach (var node in nodes)
            {
                if (node is CxmlElement child) WriteElement(writer, child);
                else if (mixed) writer.WriteString(((CxmlText)node).Value);
            }
            return;
        }
        if (IsInDtdOrder(element))
        {
            foreach (var node in nodes)
            {
                if (node is CxmlElement child) WriteElement(writer, child);
            }
            return;
        }
        foreach (var child in InDtdOrder(element)) WriteElement(writer, child);
    }

    // The common case: what was read (or built) is already in order, and nothing needs sorting.
    private static bool IsInDtdOrder(CxmlElement parent)
    {
        var previous = -1;
        foreach (var node in parent.Nodes)
        {
            if (node is not CxmlElement child) continue;
            var rank = ChildOrder.Rank(parent.Name, child.Name);
            if (rank < 0) continue;
            if (rank < previous) return false;
            previous = rank;
        }
        return true;
    }

    // Stable: a child the DTD does not list takes the rank of the known sibling before it, so it stays beside it.
    private static IEnumerable<CxmlElement> InDtdOrder(CxmlElement parent)
    {
        var ranked = new List<(int Rank, int Index, CxmlElement Element)>(parent.Nodes.Count);
        var previous = -1;
        var index = 0;
        foreach (var child in parent.Elements)
        {
            var rank = ChildOrder.Rank(parent.Name, child.Name);
            if (rank < 0) rank = previous;
            previous = rank;
            ranked.Add((rank, index++, child));
        }
        ranked.Sort(static (a, b) => a.Rank != b.Rank ? a.Rank.CompareTo(b.Rank) : a.Index.CompareTo(b.Index));
        foreach (var entry in ranked) yield return entry.Element;
    }

    private static string NamespaceOf(string prefix, CxmlElement? from)
    {
        for (var element = from; element is not null; element = element.Parent)
        {
            if (element.Attribute("xmlns:" + prefix) is { } uri) return uri;
        }
        return prefix == "ds" ? "http://www.w3.org/2000/09/xmldsig#" : "urn:cxml:unknown-prefix:" + prefix;
    }
}
