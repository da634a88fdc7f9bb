using System.Numerics;
using System.Runtime.CompilerServices;

namespace IntegrationHub.Formats.X12;

/// <summary>
/// Checks of X12 simple data element values by type (dates, times, numbers), on characters or on bytes that read as
/// the same characters (Latin-1, or ASCII in an encoding that extends it). One generic body serves both: the JIT
/// compiles it once for <see cref="char"/> and once for <see cref="byte"/>.
/// </summary>
internal static class X12Values
{
    /// <summary>CCYYMMDD, or YYMMDD where allowed, naming a real calendar day.</summary>
    public static bool IsDate(ReadOnlySpan<char> value, bool allowSixDigits) => IsDate<char>(value, allowSixDigits);

    /// <summary>HHMM[SS[D[D]]] with a valid hour, minute and second.</summary>
    public static bool IsTime(ReadOnlySpan<char> value) => IsTime<char>(value);

    /// <summary>An Nn value: optional leading minus, then digits; returns the digit count or -1.</summary>
    public static int NumericLength(ReadOnlySpan<char> value) => NumericLength<char>(value);

    /// <summary>An R value: optional minus, digits with at most one decimal point; returns the digit count or -1.</summary>
    public static int DecimalLength(ReadOnlySpan<char> value) => DecimalLength<char>(value);

    /// <summary>
    /// The length a number (<see cref="ElementKind.Numeric"/>, <see cref="ElementKind.Decimal"/>: its digits) or a text
    /// (its characters) counts for, or -1 when a character is not allowed (not a digit, or a control character in a text).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Length<T>(ElementKind kind, ReadOnlySpan<T> value)
        where T : unmanaged, IBinaryInteger<T> => kind switch
        {
            ElementKind.Decimal => DecimalLength(value),
            ElementKind.Numeric => NumericLength(value),
            _ => HasControl(value) ? -1 : value.Length,
        };

    /// <summary>Whether a character below 0x20 occurs: a plain loop for the few characters of nearly every value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool HasControl<T>(ReadOnlySpan<T> value)
        where T : unmanaged, IBinaryInteger<T>
    {
        foreach (var c in value)
        {
            if (Code(c) < 0x20) return true;
        }
        return false;
    }

    /// <inheritdoc cref="IsDate(ReadOnlySpan{char}, bool)"/>
    public static bool IsDate<T>(ReadOnlySpan<T> value, bool allowSixDigits)
        where T : unmanaged, IBinaryInteger<T>
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

    /// <inheritdoc cref="IsTime(ReadOnlySpan{char})"/>
    public static bool IsTime<T>(ReadOnlySpan<T> value)
        where T : unmanaged, IBinaryInteger<T>
    {
        if (value.Length is not (4 or 6 or 7 or 8) || !IsDigits(value)) return false;
        var hour = Number(value[..2]);
        var minute = Number(value[2..4]);
        var second = value.Length >= 6 ? Number(value[4..6]) : 0;
        return hour < 24 && minute < 60 && second < 60;
    }

    /// <inheritdoc cref="NumericLength(ReadOnlySpan{char})"/>
    public static int NumericLength<T>(ReadOnlySpan<T> value)
        where T : unmanaged, IBinaryInteger<T>
    {
        var digits = value.Length > 0 && Code(value[0]) == '-' ? value[1..] : value;
        return digits.Length > 0 && IsDigits(digits) ? digits.Length : -1;
    }

    /// <inheritdoc cref="DecimalLength(ReadOnlySpan{char})"/>
    public static int DecimalLength<T>(ReadOnlySpan<T> value)
        where T : unmanaged, IBinaryInteger<T>
    {
        var body = value.Length > 0 && Code(value[0]) == '-' ? value[1..] : value;
        var count = 0;
        var points = 0;
        foreach (var c in body)
        {
            var code = Code(c);
            if ((uint)(code - '0') <= 9) count++;
            else if (code == '.' && ++points == 1) continue;
            else return -1;
        }
        return count > 0 ? count : -1;
    }

    /// <summary>The value of a few ASCII digits (checked by the caller), without the culture-aware parser.</summary>
    private static int Number<T>(ReadOnlySpan<T> digits)
        where T : unmanaged, IBinaryInteger<T>
    {
        var number = 0;
        foreach (var c in digits) number = (number * 10) + (Code(c) - '0');
        return number;
    }

    private static bool IsDigits<T>(ReadOnlySpan<T> value)
        where T : unmanaged, IBinaryInteger<T>
    {
        foreach (var c in value)
        {
            if ((uint)(Code(c) - '0') > 9) return false;
        }
        return value.Length > 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Code<T>(T c)
        where T : unmanaged, IBinaryInteger<T> => int.CreateTruncating(c);
}
