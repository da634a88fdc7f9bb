using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace IntegrationHub.Features.StoreDocuments;

/// <summary>
/// The store's signature of a push: <c>X-Hub-Signature: sha256=&lt;hex&gt;</c>, the HMAC-SHA256 under the shared secret of
/// <c>&lt;X-Hub-Timestamp&gt;.&lt;raw body&gt;</c>, the timestamp in Unix seconds and within the window of now (so a captured
/// push cannot be replayed later). Compared in constant time; the secret is never logged.
/// </summary>
internal static class StoreSignature
{
    public const string SignatureHeader = "X-Hub-Signature", TimestampHeader = "X-Hub-Timestamp";
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    public static string Sign(string secret, string timestamp, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Payload(timestamp, body)));

    /// <summary>Null when the push is signed by <paramref name="secret"/> within the window; otherwise why not.</summary>
    public static string? Refusal(string? secret, string? signature, string? timestamp, byte[] body, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(secret)) return "No secret is configured for this store.";
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) return $"{TimestampHeader} is missing or not Unix seconds.";
        if ((now - DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, 0, 253402300799))).Duration() > Window)
            return $"{TimestampHeader} is outside the {Window.TotalMinutes} minute window.";
        if (signature is null || !signature.StartsWith("sha256=", StringComparison.Ordinal)) return $"{SignatureHeader} is missing or not sha256=<hex>.";
        var expected = Encoding.ASCII.GetBytes(Sign(secret, timestamp!, body));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature.ToLowerInvariant())) ? null
            : $"{SignatureHeader} does not match the body.";
    }

    private static byte[] Payload(string timestamp, byte[] body) => [.. Encoding.ASCII.GetBytes(timestamp + "."), .. body];
}
