using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace IntegrationHub.Canonical;

/// <summary>
/// A date with, where the document gave them, a time and a UTC offset. X12 often sends a date alone and cXML a timestamp
/// with an offset; the canonical model keeps exactly what was given instead of inventing a time or a time zone.
/// Its JSON form is ISO 8601: <c>2026-11-26</c>, <c>2026-11-26T14:05:00</c> or <c>2026-11-26T14:05:00-08:00</c>.
/// </summary>
[JsonConverter(typeof(MomentJsonConverter))]
public readonly record struct Moment(DateOnly Date, TimeOnly? Time = null, TimeSpan? Offset = null)
{
    public static Moment FromDateTimeOffset(DateTimeOffset value) =>
        new(DateOnly.FromDateTime(value.DateTime), TimeOnly.FromDateTime(value.DateTime), value.Offset);

    /// <summary>Reads the ISO 8601 forms this type writes; false for anything else.</summary>
    public static bool TryParse(string? text, out Moment moment)
    {
        moment = default;
        if (string.IsNullOrEmpty(text)) return false;
        if (TryParseUsual(text, out moment)) return true;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            moment = new Moment(date);
            return true;
        }
        if (text.Length > 19 && DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"],
                CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset))
        {
            moment = FromDateTimeOffset(withOffset);
            return true;
        }
        if (DateTime.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            moment = new Moment(DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local));
            return true;
        }
        return false;
    }

    // The two forms nearly every document sends, a date (2026-11-26) and a time to the second with a numeric offset
    // (2026-11-26T10:14:00+01:00), read digit by digit: the format parser costs more than the rest of a line's mapping
    // of them. Only text the parse-exact calls below would read to the same moment is taken here; anything else (other
    // lengths, fractions, Z, out-of-range parts, offsets of 14 hours and more, the first and last years) is left to them.
    private static bool TryParseUsual(string text, out Moment moment)
    {
        moment = default;
        if (text.Length is not (10 or 25)) return false;
        if (text[4] != '-' || text[7] != '-') return false;
        if (!Digits(text, 0, 4, out var year) || !Digits(text, 5, 2, out var month) || !Digits(text, 8, 2, out var day)) return false;
        if (year is < 2 or > 9998 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        var date = new DateOnly(year, month, day);
        if (text.Length == 10)
        {
            moment = new Moment(date);
            return true;
        }
        if (text[10] != 'T' || text[13] != ':' || text[16] != ':' || text[19] is not ('+' or '-') || text[22] != ':') return false;
        if (!Digits(text, 11, 2, out var hour) || !Digits(text, 14, 2, out var minute) || !Digits(text, 17, 2, out var second)) return false;
        if (!Digits(text, 20, 2, out var offsetHours) || !Digits(text, 23, 2, out var offsetMinutes)) return false;
        if (hour > 23 || minute > 59 || second > 59 || offsetHours > 13 || offsetMinutes > 59) return false;
        var offset = new TimeSpan(offsetHours, offsetMinutes, 0);
        moment = new Moment(date, new TimeOnly(hour, minute, second), text[19] == '-' ? -offset : offset);
        return true;
    }

    private static bool Digits(string text, int start, int length, out int value)
    {
        value = 0;
        for (var index = start; index < start + length; index++)
        {
            if (!char.IsAsciiDigit(text[index])) return false;
            value = value * 10 + (text[index] - '0');
        }
        return true;
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var date = Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (Time is not { } time) return date;
        var text = $"{date}T{time.ToString(time.Millisecond == 0 ? "HH:mm:ss" : "HH:mm:ss.fff", CultureInfo.InvariantCulture)}";
        if (Offset is not { } offset) return text;
        if (offset == TimeSpan.Zero) return text + "Z";
        return text + (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);
    }
}

internal sealed class MomentJsonConverter : JsonConverter<Moment>
{
    public override Moment Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Moment.TryParse(reader.GetString(), out var moment)
            ? moment
            : throw new JsonException($"'{reader.GetString()}' is not an ISO 8601 date or date-time.");

    public override void Write(Utf8JsonWriter writer, Moment value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
