using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace IntegrationHub.Features.Punchout;

/// <summary>Session tokens: 256 random bits in URL-safe base64; the database keeps only their SHA-256.</summary>
internal static class PunchoutTokens
{
    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>The stored form of a token. A plain hash suffices: the token is random and long, so it cannot be guessed from it.</summary>
    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>True when the two strings are equal, in time that does not depend on where they differ.</summary>
    public static bool SameToken(string? presented, string expected) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(Hash(presented), Hash(expected));

    private const string SessionPrefix = "/punchout/s/";

    /// <summary>A request path fit for logs: a catalog page's session token (a bearer secret) is replaced by <c>[token]</c>.</summary>
    public static string RedactPath(string path)
    {
        if (!path.StartsWith(SessionPrefix, StringComparison.Ordinal)) return path;
        var end = path.IndexOf('/', SessionPrefix.Length);
        return SessionPrefix + "[token]" + (end < 0 ? "" : path[end..]);
    }
}
