using System.Buffers;
using System.Text.Json;

namespace IntegrationHub.Mapping;

/// <summary>
/// The canonical JSON a map writes as it runs, read back by the model's own contract: for maps whose records
/// <see cref="CanonicalBuilder"/> cannot make directly (a required field the map never fills), so that the model refuses
/// the document with its own words. One per thread, reused from run to run.
/// </summary>
internal sealed class JsonOutput : IMapOutput, IDisposable
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

    public void BeginObject(FieldRule? field, int index, ObjectRule rule) => _frames.Add((field?.Name, false));

    public void BeginArray(FieldRule? field, int index) => _frames.Add((field?.Name, true));

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

    public void Text(FieldRule? field, int index, string value) => Name(field).WriteStringValue(value);

    public void Number(FieldRule? field, int index, decimal value) => Name(field).WriteNumberValue(value);

    public void Integer(FieldRule? field, int index, int value) => Name(field).WriteNumberValue(value);

    public void Moment(FieldRule? field, int index, Canonical.Moment value) => Name(field).WriteStringValue(value.ToString());

    public void Boolean(FieldRule? field, int index, bool value) => Name(field).WriteBooleanValue(value);

    public void Enum(FieldRule? field, int index, string name, object value) => Name(field).WriteStringValue(name);

    // Opens what is begun and names the value about to be written (no field: an element of a list).
    private Utf8JsonWriter Name(FieldRule? field)
    {
        Open();
        if (field is not null) _writer.WritePropertyName(field.Name);
        return _writer;
    }
}
