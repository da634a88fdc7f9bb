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
