using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using IntegrationHub.Partners;
using Microsoft.Extensions.Primitives;

namespace IntegrationHub.Features.Punchout;

/// <summary>
/// Checks an OCI buyer's USERNAME and PASSWORD against its partner file. The file names the configuration key that holds the
/// password; the hub reads it once, keeps only a salted PBKDF2 hash in memory, and compares in constant time. A changed
/// configuration drops the hashes, so a rotated password takes effect without a restart.
/// </summary>
internal sealed class OciCredentials : IDisposable
{
    private const int Iterations = 100_000;
    private static readonly byte[] DecoySalt = RandomNumberGenerator.GetBytes(16);
    private readonly IConfiguration _configuration;
    private readonly ConcurrentDictionary<string, Hashed?> _hashes = new(StringComparer.Ordinal);
    private readonly IDisposable _onChange;

    public OciCredentials(IConfiguration configuration)
    {
        _configuration = configuration;
        _onChange = ChangeToken.OnChange(configuration.GetReloadToken, _hashes.Clear);
    }

    /// <summary>The identity the user name and password open for this partner, or null (unknown user, no password configured, wrong password).</summary>
    public OciIdentity? Authenticate(Partner partner, string? username, string? password)
    {
        var identity = partner.Oci.FirstOrDefault(i => string.Equals(i.Username, username, StringComparison.Ordinal));
        var hashed = identity?.Password is { } key ? _hashes.GetOrAdd(key, Hash) : null;
        // An unknown user costs the same PBKDF2 round as a known one, so timing does not tell which user names exist.
        var presented = Derive(password ?? string.Empty, hashed?.Salt ?? DecoySalt);
        return hashed is not null && CryptographicOperations.FixedTimeEquals(presented, hashed.Hash) ? identity : null;
    }

    public void Dispose() => _onChange.Dispose();

    private Hashed? Hash(string key)
    {
        var secret = _configuration[key];
        if (string.IsNullOrEmpty(secret)) return null;
        var salt = RandomNumberGenerator.GetBytes(16);
        return new Hashed(salt, Derive(secret, salt));
    }

    private static byte[] Derive(string secret, byte[] salt) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(secret), salt, Iterations, HashAlgorithmName.SHA256, 32);

    private sealed record Hashed(byte[] Salt, byte[] Hash);
}
