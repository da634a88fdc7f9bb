using System.Buffers;
using System.Text.Json;

namespace IntegrationHub.Mapping;

/// <summary>
/// The canonical JSON a map writes as it runs. Objects and lists are begun before their contents are known and opened in
/// the output only when something is written into them (or <see cref="Open"/> says to keep them even when empty), so an
/// empty one leaves no trace. One per thread, reused from run to run.
/// </summary>
internal sealed class JsonOutput : IDisposable
{
    [ThreadStatic] private static JsonOutput? _cached;

    private readonly ArrayBufferWriter<byte> _buffer = new(16 * 1024);
    private readonly Utf8JsonWriter _writer;
    private readonly List<(string? Name, bool Array)> _frames = [];
    private int _open; // the frames opened in the output: always the first _open of _frames

    private JsonOutput() => _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    /// <summary>What has been written, complete once the root object has ended.</summary>
    public ReadOnlySpan<byte> Written
    {
        get
        {
            _writer.Flush();
            return _buffer.WrittenSpan;
        }
    }

    public static JsonOutput Rent()
    {
        var output = _cached ?? new JsonOutput();
        _cached = null;
        return output;
    }

    /// <summary>Clears the output and keeps it for the thread's next run.</summary>
    public void Return()
    {
        _frames.Clear();
        _open = 0;
        _writer.Reset();
        _buffer.Clear();
        if (_buffer.Capacity <= 1 << 20) _cached = this; // an unusually large document does not pin its buffer
    }

    public void Dispose() => _writer.Dispose();

    /// <summary>Begins an object: the value of property <paramref name="name"/>, or an element of a list when null.</summary>
    public void BeginObject(string? name) => _frames.Add((name, false));

    public void BeginArray(string? name) => _frames.Add((name, true));

    /// <summary>Opens every begun object and list in the output.</summary>
    public void Open()
    {
        for (; _open < _frames.Count; _open++)
        {
            var (name, array) = _frames[_open];
            if (name is not null) _writer.WritePropertyName(name);
            if (array) _writer.WriteStartArray();
            else _writer.WriteStartObject();
        }
    }

    /// <summary>Ends the innermost object or list; true when it was written (it is open), false when it is left out.</summary>
    public bool End()
    {
        var last = _frames.Count - 1;
        var (_, array) = _frames[last];
        _frames.RemoveAt(last);
        if (_open <= last) return false;
        _open = last;
        if (array) _writer.WriteEndArray();
        else _writer.WriteEndObject();
        return true;
    }

    /// <summary>Opens what is begun and names the value about to be written (null: an element of a list); returns the writer to write it with.</summary>
    public Utf8JsonWriter Name(string? name)
    {
        Open();
        if (name is not null) _writer.WritePropertyName(name);
        return _writer;
    }
}
