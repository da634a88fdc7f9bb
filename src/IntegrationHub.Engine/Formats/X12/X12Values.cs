namespace IntegrationHub.Formats.X12;

/// <summary>Checks of X12 simple data element values by type (dates, times, numbers), on characters.</summary>
internal static class X12Values
{
    /// <summary>CCYYMMDD, or YYMMDD where allowed, naming a real calendar day.</summary>
    public static bool IsDate(ReadOnlySpan<char> value, bool allowSixDigits)
    {
        if (!IsDigits(value)) return false;
        int year;
        if (value.Length == 8) year = Number(value[..4]);
        else if (value.Length == 6 && allowSixDigits) year = 2000 + Number(value[..2]);
        else return false;
        var rest = value[^4..];
        var month = Number(rest[..2]);
        var day = Number(rest[2..]);
        return year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);
    }

    /// <summary>HHMM[SS[D[D]]] with a valid hour, minute and second.</summary>
    public static bool IsTime(ReadOnlySpan<char> value)
    {
        if (value.Length is not (4 or 6 or 7 or 8) || !IsDigits(value)) return false;
        var hour = Number(value[..2]);
        var minute = Number(value[2..4]);
        var second = value.Length >= 6 ? Number(value[4..6]) : 0;
        return hour < 24 && minute < 60 && second < 60;
    }

    /// <summary>An Nn value: optional leading minus, then digits; returns the digit count or -1.</summary>
    public static int NumericLength(ReadOnlySpan<char> value)
    {
        var digits = value.StartsWith('-') ? value[1..] : value;
        return digits.Length > 0 && IsDigits(digits) ? digits.Length : -1;
    }

    /// <summary>An R value: optional minus, digits with at most one decimal point; returns the digit count or -1.</summary>
    public static int DecimalLength(ReadOnlySpan<char> value)
    {
        var body = value.StartsWith('-') ? value[1..] : value;
        var count = 0;
        var points = 0;
        foreach (var c in body)
        {
            if (char.IsAsciiDigit(c)) count++;
            else if (c == '.' && ++points == 1) continue;
            else return -1;
        }
        return count > 0 ? count : -1;
    }

    /// <summary>The value of a few ASCII digits (checked by the caller), without the culture-aware parser.</summary>
    private static int Number(ReadOnlySpan<char> digits)
    {
        var number = 0;
        foreach (var c in digits) number = (number * 10) + (c - '0');
        return number;
    }

    private static bool IsDigits(ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            if (!char.IsAsciiDigit(c)) return false;
        }
        return value.Length > 0;
    }
}
