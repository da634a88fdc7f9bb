using System.Buffers;
using System.Globalization;
using System.Text;

namespace IntegrationHub.Formats.Cxml;

/// <summary>
/// The writer's output buffer: escaped markup into a StringBuilder, indented two spaces per level except inside mixed
/// content (once an element has text, nothing in it is indented). Characters XML 1.0 cannot carry are a caller bug and throw.
/// </summary>
internal sealed class CxmlMarkup(bool indent, bool asciiOnly)
{
    private readonly StringBuilder _text = new(16 * 1024);
    private readonly Stack<Frame> _open = new();

    public string Declaration => asciiOnly ? "us-ascii" : "utf-8";

    public void Prolog(string rootName, string systemId)
    {
        _text.Append("<?xml version=\"1.0\" encoding=\"").Append(Declaration).Append("\"?>");
        _text.Append('\n').Append("<!DOCTYPE ").Append(rootName).Append(" SYSTEM \"").Append(systemId).Append("\">");
    }

    public void StartElement(string name)
    {
        CloseStartTag();
        if (_open.TryPeek(out var parent))
        {
            parent.HasElements = true;
            if (indent && !parent.Mixed) NewLine(_open.Count);
        }
        else
        {
            _text.Append('\n');
        }
        _text.Append('<').Append(name);
        _open.Push(new Frame(name, _open.TryPeek(out var outer) && outer.Mixed));
    }

    public void Attribute(string name, string value)
    {
        _text.Append(' ').Append(name).Append("=\"");
        Escape(value, attribute: true);
        _text.Append('"');
    }

    public void Text(string value)
    {
        if (value.Length == 0) return;
        CloseStartTag();
        _open.Peek().Mixed = true;
        Escape(value, attribute: false);
    }

    public void EndElement()
    {
        var frame = _open.Pop();
        if (frame.StartTagOpen)
        {
            _text.Append(" />");
            return;
        }
        if (indent && frame.HasElements && !frame.Mixed) NewLine(_open.Count);
        _text.Append("</").Append(frame.Name).Append('>');
    }

    // Encodes through a pooled character buffer rather than an intermediate string.
    public byte[] ToBytes()
    {
        var encoding = asciiOnly ? Encoding.ASCII : Encoding.UTF8;
        var characters = ArrayPool<char>.Shared.Rent(_text.Length);
        try
        {
            var span = characters.AsSpan(0, _text.Length);
            _text.CopyTo(0, span, _text.Length);
            var bytes = new byte[encoding.GetByteCount(span)];
            encoding.GetBytes(span, bytes);
            return bytes;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(characters);
        }
    }

    private void CloseStartTag()
    {
        if (!_open.TryPeek(out var frame) || !frame.StartTagOpen) return;
        _text.Append('>');
        frame.StartTagOpen = false;
    }

    private void NewLine(int depth) => _text.Append('\n').Append(' ', depth * 2);

    private void Escape(string value, bool attribute)
    {
        for (var index = 0; index < value.Length; index++)
        {
            var c = value[index];
            switch (c)
            {
                case '&': _text.Append("&amp;"); continue;
                case '<': _text.Append("&lt;"); continue;
                case '>': _text.Append("&gt;"); continue;
                case '"' when attribute: _text.Append("&quot;"); continue;
                case '\n' when attribute: _text.Append("&#xA;"); continue;
                case '\r' when attribute: _text.Append("&#xD;"); continue;
                case '\t' when attribute: _text.Append("&#x9;"); continue;
                case '\r':
                    // Text newlines become "\n", as XML parsers would read them anyway.
                    if (index + 1 < value.Length && value[index + 1] == '\n') index++;
                    _text.Append('\n');
                    continue;
            }
            if (c < 0x20 && c != '\n' && c != '\t' || c is '\uFFFE' or '\uFFFF')
                throw new ArgumentException($"U+{(int)c:X4} cannot appear in XML 1.0; the tree was built with it.", nameof(value));
            if (char.IsSurrogate(c))
            {
                if (!char.IsHighSurrogate(c) || index + 1 >= value.Length || !char.IsLowSurrogate(value[index + 1]))
                    throw new ArgumentException("A lone surrogate cannot appear in XML; the tree was built with it.", nameof(value));
                if (asciiOnly) CharacterReference(char.ConvertToUtf32(c, value[++index]));
                else _text.Append(c).Append(value[++index]);
                continue;
            }
            if (asciiOnly && c > 0x7F) CharacterReference(c);
            else _text.Append(c);
        }
    }

    private void CharacterReference(int codePoint) =>
        _text.Append("&#x").Append(codePoint.ToString("X", CultureInfo.InvariantCulture)).Append(';');

    private sealed class Frame(string name, bool mixed)
    {
        public string Name { get; } = name;

        public bool StartTagOpen { get; set; } = true;

        public bool HasElements { get; set; }

        public bool Mixed { get; set; } = mixed;
    }
}
