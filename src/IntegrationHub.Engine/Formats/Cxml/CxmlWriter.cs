using System.Globalization;
using IntegrationHub.Formats.Cxml.Specs;

namespace IntegrationHub.Formats.Cxml;

/// <summary>
/// Writes a cXML document strictly: the DOCTYPE of the payload's DTD family and the partner's version, children in DTD
/// order, money to the currency's exponent, the timestamp with its offset. Elements the DTD does not know stay where they were
/// relative to their known siblings.
/// </summary>
public static class CxmlWriter
{
    /// <summary>Writes the document to bytes (no byte-order mark, no leading whitespace).</summary>
    public static byte[] Write(CxmlDocument document, CxmlWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        options ??= CxmlWriterOptions.Default;
        var markup = new CxmlMarkup(options.Indent, options.AsciiOnly);
        var root = document.Root;
        markup.Prolog(root.Name, CxmlDtd.SystemIdFor(document.Payload?.Name ?? root.Name, options.Version));
        markup.StartElement(root.Name);
        if (root.Name == "cXML") WriteEnvelopeAttributes(markup, document, options);
        else WriteAttributes(markup, root);
        WriteChildren(markup, root);
        markup.EndElement();
        return markup.ToBytes();
    }

    /// <summary>Writes the document to a stream (not closed).</summary>
    public static void Write(CxmlDocument document, Stream stream, CxmlWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Write(Write(document, options));
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

    private static void WriteEnvelopeAttributes(CxmlMarkup markup, CxmlDocument document, CxmlWriterOptions options)
    {
        markup.Attribute("payloadID", document.PayloadId);
        markup.Attribute("timestamp", document.Timestamp.ToString());
        if (options.WriteVersionAttribute) markup.Attribute("version", options.Version);
        foreach (var attribute in document.Root.Attributes)
        {
            if (attribute.Name is "payloadID" or "timestamp" or "version") continue;
            markup.Attribute(attribute.Name, attribute.Value);
        }
    }

    private static void WriteAttributes(CxmlMarkup markup, CxmlElement element)
    {
        foreach (var attribute in element.Attributes) markup.Attribute(attribute.Name, attribute.Value);
    }

    private static void WriteElement(CxmlMarkup markup, CxmlElement element)
    {
        markup.StartElement(element.Name);
        WriteAttributes(markup, element);
        if (element.Name == "Money" && element.Attribute("currency") is { } currency && CxmlMoney.ParseAmount(element.Text) is { } amount)
            markup.Text(FormatMoney(amount, currency));
        else WriteChildren(markup, element);
        markup.EndElement();
    }

    private static void WriteChildren(CxmlMarkup markup, CxmlElement element)
    {
        if (element.LeafText is { } leaf)
        {
            markup.Text(leaf);
            return;
        }
        var nodes = element.NodeSpan;
        if (nodes.Length == 0) return;
        var mixed = false;
        foreach (var node in nodes)
        {
            if (node is CxmlText text && !string.IsNullOrWhiteSpace(text.Value)) mixed = true;
        }
        if (mixed || !ChildOrder.IsKnown(element.Name) || IsInDtdOrder(element))
        {
            foreach (var node in nodes)
            {
                if (node is CxmlElement child) WriteElement(markup, child);
                else if (mixed) markup.Text(((CxmlText)node).Value);
            }
            return;
        }
        foreach (var child in InDtdOrder(element)) WriteElement(markup, child);
    }

    // The common case: what was read (or built) is already in order, and nothing needs sorting.
    private static bool IsInDtdOrder(CxmlElement parent)
    {
        var previous = -1;
        foreach (var node in parent.NodeSpan)
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
        var ranked = new List<(int Rank, int Index, CxmlElement Element)>(parent.NodeSpan.Length);
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
}
