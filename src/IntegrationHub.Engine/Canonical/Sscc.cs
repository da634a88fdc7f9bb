using System.Globalization;

namespace IntegrationHub.Canonical;

/// <summary>
/// The GS1 Serial Shipping Container Code (SSCC-18): an extension digit, the GS1 company prefix (6 to 12 digits), a
/// serial reference that fills the 17 digits, and the GS1 mod-10 check digit. A shipment's <see cref="Package.Sscc"/>
/// carries it as MAN*GM and the label's barcode do: with its application identifier <c>00</c> in front (20 digits).
/// </summary>
public static class Sscc
{
    public const string ApplicationIdentifier = "00";

    /// <summary>The GS1 mod-10 check digit of <paramref name="digits"/>: from the right, weights 3, 1, 3, …; the digit that makes the sum a multiple of 10.</summary>
    public static int CheckDigit(ReadOnlySpan<char> digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var digit = digits[digits.Length - 1 - i] - '0';
            if (digit is < 0 or > 9) throw new ArgumentException("Only digits have a GS1 check digit.", nameof(digits));
            sum += digit * (i % 2 == 0 ? 3 : 1);
        }
        return (10 - sum % 10) % 10;
    }

    /// <summary>How many serial references a company prefix has room for: 10 to the power of the digits left for them.</summary>
    public static long Capacity(string companyPrefix) => (long)Math.Pow(10, 16 - companyPrefix.Length);

    /// <summary>Whether <paramref name="companyPrefix"/> is a GS1 company prefix the SSCC can hold (6 to 12 digits).</summary>
    public static bool IsCompanyPrefix(string? companyPrefix) => companyPrefix is { Length: >= 6 and <= 12 } && companyPrefix.All(char.IsAsciiDigit);

    /// <summary>The SSCC (with its application identifier, 20 digits) of one serial reference.</summary>
    public static string Compose(int extensionDigit, string companyPrefix, long serialReference)
    {
        if (extensionDigit is < 0 or > 9) throw new ArgumentOutOfRangeException(nameof(extensionDigit), "The extension digit is 0 to 9.");
        if (!IsCompanyPrefix(companyPrefix)) throw new ArgumentException("A GS1 company prefix has 6 to 12 digits.", nameof(companyPrefix));
        if (serialReference < 0 || serialReference >= Capacity(companyPrefix))
            throw new ArgumentOutOfRangeException(nameof(serialReference), $"Company prefix {companyPrefix} has room for serial references below {Capacity(companyPrefix)}.");
        var body = string.Create(CultureInfo.InvariantCulture,
            $"{extensionDigit}{companyPrefix}{serialReference.ToString(CultureInfo.InvariantCulture).PadLeft(16 - companyPrefix.Length, '0')}");
        return ApplicationIdentifier + body + CheckDigit(body).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Whether <paramref name="value"/> is an SSCC with a correct check digit: 18 digits, or 20 with the application identifier 00.</summary>
    public static bool IsValid(string? value)
    {
        if (value is null || !value.All(char.IsAsciiDigit)) return false;
        var sscc = value.Length == 20 && value.StartsWith(ApplicationIdentifier, StringComparison.Ordinal) ? value[2..] : value;
        return sscc.Length == 18 && CheckDigit(sscc.AsSpan(0, 17)) == sscc[17] - '0';
    }
}
