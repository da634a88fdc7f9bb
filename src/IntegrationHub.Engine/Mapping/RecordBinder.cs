using System.Collections;
using Linq = System.Linq.Expressions;
using System.Reflection;
using System.Text.Json.Serialization.Metadata;

namespace IntegrationHub.Mapping;

/// <summary>
/// How one object rule makes its canonical record without going through JSON, worked out once when the map is loaded from
/// the model's JSON contract (so it fills exactly the properties, constructor parameters and defaults that reading the
/// record's JSON would): the constructor with each field's value at its parameter, then the other fields' setters, in
/// one compiled call.
/// </summary>
internal sealed class RecordBinder
{
    // (values, numbers) => new T(...) with the fields set after it: compiled once, so that making a record costs one
    // call, not a reflective invoke that checks every argument's type nor a delegate call per field. Null when the
    // record cannot be made directly.
    private readonly Func<object?[], decimal[]?, object>? _constructor;
    private readonly int[] _parameter = []; // per field: its constructor parameter, or -1 when it is set after construction
    private readonly int[] _setLater = []; // fields set after construction through the contract's setters: those without a setter method of their own
    private readonly Action<object, object?>?[] _setters = [];
    private readonly Func<IList>?[] _lists = [];
    private readonly bool[] _takesNumber = []; // per field: a decimal (or decimal?) handed over unboxed, through Build's numbers

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
        var defaults = new object?[parameters.Length]; // each constructor parameter's value when its field has none
        var covered = 0;
        foreach (var property in type.Properties)
        {
            if (property.AssociatedParameter is not { } parameter) continue;
            defaults[parameter.Position] = DefaultOf(parameter.ParameterType, parameter.HasDefaultValue ? parameter.DefaultValue : null);
            covered++;
        }
        if (covered != parameters.Length) return;
        _parameter = new int[fields.Count];
        _setters = new Action<object, object?>?[fields.Count];
        _lists = new Func<IList>?[fields.Count];
        _takesNumber = new bool[fields.Count];
        for (var i = 0; i < fields.Count; i++)
        {
            if (!properties.TryGetValue(fields[i].Name, out var property)) return;
            _parameter[i] = property.AssociatedParameter?.Position ?? -1;
            _setters[i] = property.Set;
            if (_parameter[i] < 0 && property.Set is null) return;
            if (MapCompiler.ListElement(property.PropertyType) is { } element)
            {
                var list = Linq.Expression.New(typeof(List<>).MakeGenericType(element));
                _lists[i] = Linq.Expression.Lambda<Func<IList>>(Linq.Expression.Convert(list, typeof(IList))).Compile();
            }
            else if (IsNumber(property.PropertyType))
            {
                if (_parameter[i] >= 0) _takesNumber[i] = true;
                else if (property.AttributeProvider is PropertyInfo { SetMethod: not null }) _takesNumber[i] = true; // set in the compiled call
            }
        }
        // A field set after construction is set by its property's setter in the compiled call; the contract's setter
        // delegate serves only a property that has none of its own.
        var setMethods = new MethodInfo?[fields.Count];
        for (var i = 0; i < fields.Count; i++)
        {
            if (_parameter[i] < 0 && properties[fields[i].Name].AttributeProvider is PropertyInfo { SetMethod: { } set }) setMethods[i] = set;
        }
        _setLater = [.. Enumerable.Range(0, fields.Count).Where(i => _parameter[i] < 0 && setMethods[i] is null)];
        _constructor = Constructor(constructor, defaults, setMethods);
    }

    // What a parameter gets when its field has no value, of the parameter's own type: a struct's "= default" reads back as
    // null and an enum's default as its underlying number, and the compiled constructor unboxes exactly the type it takes.
    private static object? DefaultOf(Type type, object? given)
    {
        if (given is DBNull or System.Reflection.Missing) given = null;
        if (!type.IsValueType || Nullable.GetUnderlyingType(type) is not null) return given;
        if (given is null) return Activator.CreateInstance(type);
        return type.IsEnum && given.GetType() != type ? Enum.ToObject(type, given) : given;
    }

    private static bool IsNumber(Type type) => type == typeof(decimal) || type == typeof(decimal?);

    // (values, numbers) => new T(...) { ... }, with the values by field: each parameter from its field's value, its
    // default when the field has none (or no field fills it), or (a number field) from numbers when its value is
    // InNumbers; then each field with a setter method that has a value, so that a field without one keeps the record's
    // default. A value is of its parameter's or property's type, as the field's rule made it.
    private Func<object?[], decimal[]?, object> Constructor(ConstructorInfo constructor, object?[] defaults, MethodInfo?[] setMethods)
    {
        var values = Linq.Expression.Parameter(typeof(object?[]), "values");
        var numbers = Linq.Expression.Parameter(typeof(decimal[]), "numbers");
        var field = new int[defaults.Length];
        Array.Fill(field, -1);
        for (var i = 0; i < _parameter.Length; i++)
        {
            if (_parameter[i] >= 0) field[_parameter[i]] = i;
        }
        var arguments = constructor.GetParameters().Select(parameter =>
        {
            var type = parameter.ParameterType;
            var fallback = Linq.Expression.Constant(defaults[parameter.Position], type);
            var at = field[parameter.Position];
            if (at < 0) return (Linq.Expression)fallback;
            var value = Linq.Expression.ArrayIndex(values, Linq.Expression.Constant(at));
            // A reference (or nullable) parameter whose default is null takes the value as it is, null included.
            Linq.Expression given = Linq.Expression.Convert(value, type);
            if (defaults[parameter.Position] is not null || (type.IsValueType && Nullable.GetUnderlyingType(type) is null))
                given = Linq.Expression.Condition(Linq.Expression.ReferenceEqual(value, Linq.Expression.Constant(null)), fallback, given);
            if (!_takesNumber[at]) return given;
            var number = Linq.Expression.Convert(Linq.Expression.ArrayIndex(numbers, Linq.Expression.Constant(at)), type);
            return Linq.Expression.Condition(Linq.Expression.ReferenceEqual(value, Linq.Expression.Constant(InNumbers)), number, given);
        });
        var record = Linq.Expression.Variable(constructor.DeclaringType!, "record");
        var body = new List<Linq.Expression> { Linq.Expression.Assign(record, Linq.Expression.New(constructor, arguments)) };
        for (var i = 0; i < setMethods.Length; i++)
        {
            if (setMethods[i] is not { } set) continue;
            var type = set.GetParameters()[0].ParameterType;
            var value = Linq.Expression.ArrayIndex(values, Linq.Expression.Constant(i));
            Linq.Expression given = Linq.Expression.Convert(value, type);
            if (_takesNumber[i])
            {
                var number = Linq.Expression.Convert(Linq.Expression.ArrayIndex(numbers, Linq.Expression.Constant(i)), type);
                given = Linq.Expression.Condition(Linq.Expression.ReferenceEqual(value, Linq.Expression.Constant(InNumbers)), number, given);
            }
            body.Add(Linq.Expression.IfThen(Linq.Expression.ReferenceNotEqual(value, Linq.Expression.Constant(null)), Linq.Expression.Call(record, set, given)));
        }
        body.Add(Linq.Expression.Convert(record, typeof(object)));
        var made = Linq.Expression.Block([record], body);
        return Linq.Expression.Lambda<Func<object?[], decimal[]?, object>>(made, values, numbers).Compile();
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
        var record = _constructor!(values, numbers);
        foreach (var i in _setLater)
        {
            if (values[i] is { } value) _setters[i]!(record, value); // never InNumbers: only a field with a setter method takes a number
        }
        return record;
    }
}
