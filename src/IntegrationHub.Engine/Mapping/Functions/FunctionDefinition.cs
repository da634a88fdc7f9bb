namespace IntegrationHub.Mapping.Functions;

/// <summary>One function of the closed library: its name, how many arguments it takes, which must be literals, and what it does.</summary>
internal sealed record FunctionDefinition(
    string Name,
    int MinArguments,
    int MaxArguments,
    string Summary,
    Func<EvaluationContext, Expression[], object?> Invoke)
{
    /// <summary>Argument positions that must be quoted literals (formats, code list names), checked at load.</summary>
    public IReadOnlyList<int> LiteralArguments { get; init; } = [];

    /// <summary>Argument positions that must be paths, because the function reads the nodes they reach (join, count, sum, qualified).</summary>
    public IReadOnlyList<int> PathArguments { get; init; } = [];

    /// <summary>A further load-time check of the arguments; returns the problem, or null.</summary>
    public Func<IReadOnlyList<Expression>, CodeListSet, string?>? Validate { get; init; }

    /// <summary>The problem with these arguments, or null when the call is well-formed.</summary>
    public string? Check(IReadOnlyList<Expression> arguments, CodeListSet codeLists)
    {
        if (arguments.Count < MinArguments || arguments.Count > MaxArguments)
        {
            var expected = MinArguments == MaxArguments ? $"{MinArguments}" : MaxArguments == int.MaxValue ? $"at least {MinArguments}" : $"{MinArguments} to {MaxArguments}";
            return $"takes {expected} argument{(MaxArguments == 1 ? "" : "s")}, not {arguments.Count} ({Summary})";
        }
        foreach (var index in LiteralArguments)
        {
            if (index < arguments.Count && arguments[index].Literal is not string)
                return $"argument {index + 1} must be a 'quoted' literal ({Summary})";
        }
        foreach (var index in PathArguments)
        {
            if (index < arguments.Count && arguments[index] is not PathExpression)
                return $"argument {index + 1} must be a path: the function reads the nodes it reaches ({Summary})";
        }
        return Validate?.Invoke(arguments, codeLists);
    }
}
