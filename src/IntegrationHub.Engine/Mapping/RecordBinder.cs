using System.Collections;
using System.Reflection;
using System.Text.Json.Serialization.Metadata;

namespace IntegrationHub.Mapping;

/// <summary>
/// How one object rule makes its canonical record without going through JSON, worked out once when the map is loaded from
/// the model's JSON contract (so it fills exactly the properties, constructor parameters and defaults that reading the
/// record's JSON would): the constructor with each field's value at its parameter, then the other fields' setters.
/// </summary>
internal sealed class RecordBinder
{
    private readonly ConstructorInvoker? _constructor;
    private readonly object?[] _defaults = []; // each constructor parameter's value when its field has none
    private readonly int[] _parameter = []; // per field: its constructor parameter, or -1 when it is set after construction
    private readonly Action<object, object?>?[] _setters = [];
    private readonly Func<IList>?[] _lists = [];

    public RecordBinder(JsonTypeInfo type, IReadOnlyList<FieldRule> fields)
    {
        if (type.ConstructorAttributeProvider is not ConstructorInfo constructor) return;
        var parameters = constructor.GetParameters();
        var properties = type.Properties.ToDictionary(p => p.Name, StringComparer.Ordinal);
        var named = fields.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        // A required field the map never fills: the model refuses such a record, and says so only when it reads the JSON.
        if (type.Properties.Any(p => p.IsRequired && !named.Contains(p.Name))) return;
        _defaults = new object?[parameters.Length];
        var covered = 0;
        foreach (var property in type.Properties)
        {
            if (property.AssociatedParameter is not { } parameter) continue;
            _defaults[parameter.Position] = parameter.HasDefaultValue ? parameter.DefaultValue
                : parameter.ParameterType.IsValueType ? Activator.CreateInstance(parameter.ParameterType) : null;
            covered++;
        }
        if (covered != parameters.Length) return;
        _parameter = new int[fields.Count];
        _setters = new Action<object, object?>?[fields.Count];
        _lists = new Func<IList>?[fields.Count];
        for (var i = 0; i < fields.Count; i++)
        {
            if (!properties.TryGetValue(fields[i].Name, out var property)) return;
            _parameter[i] = property.AssociatedParameter?.Position ?? -1;
            _setters[i] = property.Set;
            if (_parameter[i] < 0 && property.Set is null) return;
            if (MapCompiler.ListElement(property.PropertyType) is { } element)
            {
                var list = typeof(List<>).MakeGenericType(element);
                _lists[i] = () => (IList)Activator.CreateInstance(list)!;
            }
        }
        _constructor = ConstructorInvoker.Create(constructor);
    }

    /// <summary>Whether the record can be made directly; when not, the map writes JSON and lets the model read it.</summary>
    public bool CanBind => _constructor is not null;

    /// <summary>A new list for field <paramref name="index"/>, which is a list.</summary>
    public IList NewList(int index) => (_lists[index] ?? throw new InvalidOperationException($"Field {index} is not a list."))();

    /// <summary>The record, from each field's value (null: none) by the field's index.</summary>
    public object Build(object?[] values)
    {
        // The constructor's arguments are needed only for the call: a pooled array, not a copy of the defaults per record.
        var count = _defaults.Length;
        var rented = count == 0 ? [] : System.Buffers.ArrayPool<object?>.Shared.Rent(count);
        var arguments = rented.AsSpan(0, count);
        _defaults.CopyTo(arguments);
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] is { } value && _parameter[i] >= 0) arguments[_parameter[i]] = value;
        }
        object record;
        try
        {
            record = _constructor!.Invoke(arguments);
        }
        finally
        {
            if (count > 0)
            {
                arguments.Clear();
                System.Buffers.ArrayPool<object?>.Shared.Return(rented);
            }
        }
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] is { } value && _parameter[i] < 0) _setters[i]!(record, value);
        }
        return record;
    }
}
