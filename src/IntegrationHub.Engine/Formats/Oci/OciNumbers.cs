using System.Globalization;

namespace IntegrationHub.Formats.Oci;

/// <summary>OCI numbers: read leniently (comma decimals, thousands separators, spaces), written with '.' and no grouping.</summary>
internal static class OciNumbers
{
    public static decimal? Parse(string raw)
    {
        var text = raw.Replace(" ", "", StringComparison.Ordinal).Replace("\u00A0", "", StringComparison.Ordinal);
        if (text.Length == 0) return null;
        var comma = text.LastIndexOf(',');
        var point = text.LastIndexOf('.');
        if (comma > point)
        {
            // "1.234,56" or "12,5": the comma is the decimal separator.
            text = text.Replace(".", "", StringComparison.Ordinal).Replace(',', '.');
        }
        else if (comma >= 0)
        {
            // "1,234.56": the commas group thousands.
            text = text.Replace(",", "", StringComparison.Ordinal);
        }
        return decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    public static string Format(decimal value, int minimumDecimals) =>
        value.ToString(minimumDecimals == 0 ? "0.#########" : "0." + new string('0', minimumDecimals) + "#######", CultureInfo.InvariantCulture);
}
