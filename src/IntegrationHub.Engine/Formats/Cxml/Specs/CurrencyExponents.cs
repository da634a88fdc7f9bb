namespace IntegrationHub.Formats.Cxml.Specs;

/// <summary>ISO 4217 minor units: how many decimals an amount in each currency has. Unlisted currencies have 2.</summary>
internal static class CurrencyExponents
{
    private static readonly Dictionary<string, int> Exceptions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["BIF"] = 0, ["CLP"] = 0, ["DJF"] = 0, ["GNF"] = 0, ["ISK"] = 0, ["JPY"] = 0, ["KMF"] = 0, ["KRW"] = 0, ["PYG"] = 0,
        ["RWF"] = 0, ["UGX"] = 0, ["UYI"] = 0, ["VND"] = 0, ["VUV"] = 0, ["XAF"] = 0, ["XOF"] = 0, ["XPF"] = 0,
        ["BHD"] = 3, ["IQD"] = 3, ["JOD"] = 3, ["KWD"] = 3, ["LYD"] = 3, ["OMR"] = 3, ["TND"] = 3,
        ["CLF"] = 4, ["UYW"] = 4,
    };

    public static int For(string currency) => Exceptions.TryGetValue(currency.Trim(), out var exponent) ? exponent : 2;
}
