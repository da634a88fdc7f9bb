using System.Globalization;

namespace IntegrationHub.Formats.Cxml;

/// <summary>
/// A cXML timestamp as received (the raw string is kept) and as understood: the forms seen in the wild are read,
/// and a missing offset is taken as UTC and reported.
/// </summary>
/// <param name="Raw">The attribute value exactly as received.</param>
/// <param name="Value">The instant, or null when the raw value could not be read.</param>
/// <param name="IsStandard">True when the raw value is the guide's form: ISO 8601 with a numeric offset.</param>
public sealed record CxmlTimestamp(string Raw, DateTimeOffset? Value, bool IsStandard)
{
    private static readonly string[] IsoWithOffset =
    [
        "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
    ];

    private static readonly string[] Lenient =
    [
        "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mm:sszz00", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzz00",
        "yyyy-MM-dd HH:mm:ssK", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd",
        "ddd MMM dd HH:mm:ss zzz yyyy", "ddd MMM d HH:mm:ss zzz yyyy",
    ];

    /// <summary>Reads a timestamp leniently; never fails, see <see cref="Value"/> and <see cref="IsStandard"/>.</summary>
    public static CxmlTimestamp Parse(string? raw)
    {
        raw ??= string.Empty;
        var trimmed = raw.Trim();
        if (DateTimeOffset.TryParseExact(trimmed, IsoWithOffset, CultureInfo.InvariantCulture, DateTimeStyles.None, out var iso))
            return new CxmlTimestamp(raw, iso, trimmed.Length == raw.Length && raw.Length > 6 && raw[^3] == ':');

        var normalised = NormaliseZoneNames(trimmed);
        if (DateTimeOffset.TryParseExact(normalised, Lenient, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var lenient))
            return new CxmlTimestamp(raw, lenient, false);

        // "+0500" offsets: put the colon in and try the strict forms again.
        if (normalised.Length > 5 && (normalised[^5] == '+' || normalised[^5] == '-') && normalised[^4..].All(char.IsAsciiDigit))
        {
            var withColon = normalised[..^2] + ":" + normalised[^2..];
            if (DateTimeOffset.TryParseExact(withColon, IsoWithOffset, CultureInfo.InvariantCulture, DateTimeStyles.None, out var fixedOffset))
                return new CxmlTimestamp(raw, fixedOffset, false);
        }
        return new CxmlTimestamp(raw, null, false);
    }

    /// <summary>Creates a timestamp for an instant, in the form the hub emits.</summary>
    public static CxmlTimestamp From(DateTimeOffset value) => new(Format(value), value, true);

    /// <summary>The form the hub writes: ISO 8601 to the second with a numeric offset (never Z).</summary>
    public static string Format(DateTimeOffset value) =>
        value.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public override string ToString() => Value is { } value ? Format(value) : Raw;

    // Java's Date#toString and Ruby's Time#to_s name zones ("UTC", "+0000"); the .NET patterns need "+00:00".
    private static string NormaliseZoneNames(string value)
    {
        var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 6) return value;
        var zone = parts[4];
        if (zone is "UTC" or "GMT" or "Z") parts[4] = "+00:00";
        else if (zone.Length == 5 && (zone[0] == '+' || zone[0] == '-')) parts[4] = zone[..3] + ":" + zone[3..];
        else return value;
        return string.Join(' ', parts);
    }
}
