using System.Collections;
using Linq = System.Linq.Expressions;
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
    private readonly bool[] _takesNumber = []; // per field: a decimal (or decimal?) handed over unboxed, through Build's numbers
    private readonly Action<object, decimal>?[] _numberSetters = [];
    private readonly Func<object?[], decimal[], object>? _numberConstructor; // when a constructor parameter takes a number

    /// <summary>Stands in a field's value when the field's number is in Build's numbers at the field's index.</summary>
    public static readonly object InNumbers = new();

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
        _takesNumber = new bool[fields.Count];
        _numberSetters = new Action<object, decimal>?[fields.Count];
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
            else if (IsNumber(property.PropertyType))
            {
                if (_parameter[i] >= 0) _takesNumber[i] = true;
                else if (property.AttributeProvider is PropertyInfo { SetMethod: { } set })
                {
                    _numberSetters[i] = NumberSetter(set, property.PropertyType);
                    _takesNumber[i] = true;
                }
            }
        }
        _constructor = ConstructorInvoker.Create(constructor);
        if (_parameter.Where((p, i) => p >= 0 && _takesNumber[i]).Any()) _numberConstructor = NumberConstructor(constructor);
    }

    private static bool IsNumber(Type type) => type == typeof(decimal) || type == typeof(decimal?);

    // (record, number) => ((T)record).Property = number, compiled once per field at load.
    private static Action<object, decimal> NumberSetter(MethodInfo set, Type propertyType)
    {
        var record = Linq.Expression.Parameter(typeof(object), "record");
        var number = Linq.Expression.Parameter(typeof(decimal), "number");
        var call = Linq.Expression.Call(Linq.Expression.Convert(record, set.DeclaringType!), set, Linq.Expression.Convert(number, propertyType));
        return Linq.Expression.Lambda<Action<object, decimal>>(call, record, number).Compile();
    }

    // (arguments, numbers) => new T(...), each parameter from its argument, or from numbers when its argument is InNumbers.
    private Func<object?[], decimal[], object> NumberConstructor(ConstructorInfo constructor)
    {
        var arguments = Linq.Expression.Parameter(typeof(object?[]), "arguments");
        var numbers = Linq.Expression.Parameter(typeof(decimal[]), "numbers");
        var field = new int[_defaults.Length];
        Array.Fill(field, -1);
        for (var i = 0; i < _parameter.Length; i++)
        {
            if (_parameter[i] >= 0 && _takesNumber[i]) field[_parameter[i]] = i;
        }
        var values = constructor.GetParameters().Select(parameter =>
        {
            Linq.Expression argument = Linq.Expression.ArrayIndex(arguments, Linq.Expression.Constant(parameter.Position));
            var given = Linq.Expression.Convert(argument, parameter.ParameterType);
            if (field[parameter.Position] < 0) return (Linq.Expression)given;
            var number = Linq.Expression.Convert(Linq.Expression.ArrayIndex(numbers, Linq.Expression.Constant(field[parameter.Position])), parameter.ParameterType);
            return Linq.Expression.Condition(Linq.Expression.ReferenceEqual(argument, Linq.Expression.Constant(InNumbers)), number, given);
        });
        var made = Linq.Expression.Convert(Linq.Expression.New(constructor, values), typeof(object));
        return Linq.Expression.Lambda<Func<object?[], decimal[], object>>(made, arguments, numbers).Compile();
    }

    /// <summary>Whether field <paramref name="index"/> takes its number through Build's numbers rather than boxed.</summary>
    public bool TakesNumber(int index) => _takesNumber[index];

    /// <summary>Whether the record can be made directly; when not, the map writes JSON and lets the model read it.</summary>
    public bool CanBind => _constructor is not null;

    /// <summary>A new list for field <paramref name="index"/>, which is a list.</summary>
    public IList NewList(int index) => (_lists[index] ?? throw new InvalidOperationException($"Field {index} is not a list."))();

    /// <summary>
    /// The record, from each field's value (null: none) by the field's index; a field that <see cref="TakesNumber"/> may
    /// instead hold <see cref="InNumbers"/>, its number being at its index in <paramref name="numbers"/>.
    /// </summary>
    public object Build(object?[] values, decimal[]? numbers = null)
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
            record = numbers is not null && _numberConstructor is not null
                ? _numberConstructor(rented, numbers)
                : _constructor!.Invoke(arguments);
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
            if (values[i] is not { } value || _parameter[i] >= 0) continue;
            if (ReferenceEquals(value, InNumbers)) _numberSetters[i]!(record, numbers![i]);
            else _setters[i]!(record, value);
        }
        return record;
    }
}
