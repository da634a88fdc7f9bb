using System.Security.Cryptography;
using System.Text;

namespace IntegrationHub.Hosting;

/// <summary>
/// The admin API key, kept only as its SHA-256 digest and compared in constant time. The key is high-entropy (generated,
/// or set by an operator as a secret), so a fast hash is enough; the plain key is never stored or logged.
/// </summary>
public sealed class AdminKey
{
    private readonly byte[] _digest;

    private AdminKey(string key, bool generated)
    {
        _digest = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        WasGenerated = generated;
    }

    /// <summary>True when no key was configured and this one was generated for this run.</summary>
    public bool WasGenerated { get; }

    /// <summary>The key from configuration.</summary>
    public static AdminKey FromConfiguration(string key) => new(key, generated: false);

    /// <summary>A new random key (256 bits, URL-safe), returned once so that it can be shown to the operator.</summary>
    public static (AdminKey Key, string Plain) Generate()
    {
        var plain = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (new AdminKey(plain, generated: true), plain);
    }

    /// <summary>Whether <paramref name="candidate"/> is the key, in time that does not depend on where they differ.</summary>
    public bool Matches(ReadOnlySpan<char> candidate)
    {
        Span<byte> digest = stackalloc byte[32];
        var bytes = Encoding.UTF8.GetBytes(candidate.ToArray());
        SHA256.HashData(bytes, digest);
        return CryptographicOperations.FixedTimeEquals(digest, _digest);
    }
}
