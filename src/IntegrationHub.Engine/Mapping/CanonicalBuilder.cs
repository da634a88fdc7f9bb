using System.Collections;
using IntegrationHub.Canonical;

namespace IntegrationHub.Mapping;

/// <summary>
/// Makes the canonical records themselves as a map runs, with each object rule's <see cref="RecordBinder"/>: the values
/// of an object are gathered by field and the record is made when the object ends. Holds exactly what reading the map's
/// JSON would give (a moment keeps what its ISO 8601 text keeps). One per run.
/// </summary>
internal sealed class CanonicalBuilder : IMapOutput
{
    private Frame[] _frames = new Frame[16];
    private int _count;
    private int _open; // the frames made: always the first _open
    private readonly Spares<object?> _spareValues = new();
    private readonly Spares<decimal> _spareNumbers = new();

    /// <summary>The document, once the root object has ended.</summary>
    public object? Result { get; private set; }

    public void BeginObject(FieldRule? field, int index, ObjectRule rule) => Push(rule, index);

    public void BeginArray(FieldRule? field, int index) => Push(null, index);

    public void Open()
    {
        for (; _open < _count; _open++)
        {
            ref var frame = ref _frames[_open];
            if (frame.Rule is { } rule) frame.Values = _spareValues.Rent(rule.FieldArray.Length);
            else frame.List = _frames[_open - 1].Rule!.Binder.NewList(frame.Index); // a list is always an object's field
        }
    }

    public bool End()
    {
        var frame = _frames[--_count];
        _frames[_count] = default;
        if (_open <= _count) return false;
        _open = _count;
        if (frame.Rule is not { } rule)
        {
            Put(frame.Index, frame.List!);
            return true;
        }
        var record = rule.Binder.Build(frame.Values!, frame.Numbers);
        _spareValues.Return(frame.Values!, clear: true);
        if (frame.Numbers is { } numbers) _spareNumbers.Return(numbers, clear: false); // read only where Values says InNumbers
        Put(frame.Index, record);
        return true;
    }

    // The values of an object are needed only until its record is made: one array per size and depth serves the whole run.
    private sealed class Spares<T>
    {
        private readonly Stack<T[]>?[] _bySize = new Stack<T[]>?[32];

        public T[] Rent(int size) =>
            size < _bySize.Length && _bySize[size] is { Count: > 0 } spare ? spare.Pop() : new T[size];

        public void Return(T[] array, bool clear)
        {
            if (array.Length >= _bySize.Length) return;
            if (clear) Array.Clear(array);
            (_bySize[array.Length] ??= new Stack<T[]>()).Push(array);
        }
    }

    public void Text(FieldRule? field, int index, string value) => Value(index, value);

    public void Number(FieldRule? field, int index, decimal value)
    {
        Open();
        // A number for a decimal field of the record being made is kept unboxed until the record is built.
        if (_count > 0 && _frames[_count - 1].Rule is { } rule && rule.Binder.TakesNumber(index))
        {
            ref var parent = ref _frames[_count - 1];
            (parent.Numbers ??= _spareNumbers.Rent(rule.FieldArray.Length))[index] = value;
            parent.Values![index] = RecordBinder.InNumbers;
        }
        else Put(index, value);
    }

    public void Integer(FieldRule? field, int index, int value) => Value(index, value);

    public void Moment(FieldRule? field, int index, Moment value) => Value(index, Normal(value));

    public void Boolean(FieldRule? field, int index, bool value) => Value(index, value);

    public void Enum(FieldRule? field, int index, string name, object value) => Value(index, value);

    // A moment's JSON text keeps whole seconds, milliseconds and whole-minute offsets; the rare finer one is cut as its text cuts it.
    private static Moment Normal(Moment value)
    {
        if (value.Time is not { } time) return value;
        var exact = time.Ticks % TimeSpan.TicksPerMillisecond == 0 && (time.Millisecond != 0 || time.Ticks % TimeSpan.TicksPerSecond == 0)
            && (value.Offset is not { } offset || offset.Ticks % TimeSpan.TicksPerMinute == 0);
        return exact || !Canonical.Moment.TryParse(value.ToString(), out var cut) ? value : cut;
    }

    private void Value(int index, object value)
    {
        Open();
        Put(index, value);
    }

    // Into the innermost object made (at the field's index) or list made (appended); with none, it is the document.
    private void Put(int index, object value)
    {
        if (_count == 0)
        {
            Result = value;
            return;
        }
        ref var parent = ref _frames[_count - 1];
        if (parent.List is { } list) list.Add(value);
        else parent.Values![index] = value;
    }

    // Fills the slot in place: End leaves a popped slot empty, and copying a whole frame (four references) into the array
    // is a bulk copy through the GC's write barrier, once per object and list of every document.
    private void Push(ObjectRule? rule, int index)
    {
        if (_count == _frames.Length) Array.Resize(ref _frames, _count * 2);
        ref var frame = ref _frames[_count++];
        frame.Rule = rule;
        frame.Index = index;
    }

    private struct Frame
    {
        public ObjectRule? Rule; // null for a list
        public int Index; // the field of the enclosing object it fills
        public object?[]? Values;
        public decimal[]? Numbers; // the numbers of fields whose value is RecordBinder.InNumbers
        public IList? List;
    }
}
