using System.Globalization;
using IntegrationHub.Canonical;

namespace IntegrationHub.Mapping.Functions;

/// <summary>The functions outbound maps write values with: the mirrors of <c>date()</c> and <c>implied()</c>.</summary>
internal static class OutboundFunctions
{
    public static object? DateText(EvaluationContext context, Expression[] arguments)
    {
        var value = arguments[0].Evaluate(context);
        if (!FunctionLibrary.HasValue(value)) return null;
        if (value is not Moment moment && !Moment.TryParse(FunctionLibrary.Text(value), out moment))
        {
            context.Report("map.value.not-a-date", $"'{FunctionLibrary.Text(value)}' is not a canonical date or date-time");
            return null;
        }
        var format = (string)arguments[1].Literal!;
        var at = moment.Date.ToDateTime(moment.Time ?? TimeOnly.MinValue);
        // A format that asks for a time of a date given without one gets nothing, not an invented midnight.
        if (moment.Time is null && format.IndexOfAny(['H', 'h', 'm', 's']) >= 0) return null;
        return at.ToString(format, CultureInfo.InvariantCulture);
    }

    public static object? Outer(EvaluationContext context, Expression[] arguments)
    {
        var levels = arguments.Length > 1 && FunctionLibrary.Number(context, arguments[1].Evaluate(context)) is { } n ? (int)n : 1;
        var index = context.Scopes.Count - 1 - levels;
        if (levels < 1 || index < 0) return null;
        var found = Documents.DocumentPath.Parse((string)arguments[0].Literal!).FirstWithValue(context.Scopes[index]);
        if (found is not null) context.Source = found;
        return found?.Value;
    }

    public static object? Some(EvaluationContext context, Expression[] arguments)
    {
        var saved = context.Node;
        try
        {
            foreach (var node in arguments[0].Nodes(context).ToList())
            {
                context.Node = node;
                context.Scopes.Add(node);
                try
                {
                    if (FunctionLibrary.Truthy(arguments[1].Evaluate(context))) return true;
                }
                finally
                {
                    context.Scopes.RemoveAt(context.Scopes.Count - 1);
                }
            }
            return false;
        }
        finally
        {
            context.Node = saved;
        }
    }

    public static object? ToImplied(EvaluationContext context, Expression[] arguments)
    {
        if (FunctionLibrary.Number(context, arguments[0].Evaluate(context)) is not { } number) return null;
        if (FunctionLibrary.Number(context, arguments[1].Evaluate(context)) is not { } places) return null;
        var factor = 1m;
        for (var i = 0; i < (int)places; i++) factor *= 10m;
        var scaled = number * factor;
        if (scaled != decimal.Truncate(scaled))
        {
            context.Report("map.value.too-precise", $"'{number.ToString(CultureInfo.InvariantCulture)}' has more than {(int)places} decimals");
            return null;
        }
        return decimal.Truncate(scaled);
    }
}
