using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using IntegrationHub.Pipeline;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace IntegrationHub.Features.PurchaseOrders;

/// <summary>
/// Partner secrets (cXML shared secrets, X12 API keys), named in partner files and resolved from configuration. The hub
/// keeps each one only as a salted PBKDF2-SHA256 hash and compares in constant time. A secret that verified is
/// remembered by an HMAC under a key that lives only in this process, so that each request does not pay for PBKDF2 again.
/// Secrets are never logged, and a secret that is not configured matches nothing. Every caller asks, even for an identity
/// it did not find (with a null name): an unknown identity, or one whose secret is not configured, costs one decoy PBKDF2
/// run against a random hash, so the time of an answer does not tell which user names and identities exist.
/// </summary>
internal sealed class PartnerSecrets : IDisposable
{
    private const int MaxRemembered = 4096;
    private readonly IConfiguration _configuration;
    private readonly int _iterations;
    private readonly ConcurrentDictionary<string, Lazy<Hashed?>> _hashes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<bool>> _verified = new(StringComparer.Ordinal);
    private readonly byte[] _processKey = RandomNumberGenerator.GetBytes(32);
    private readonly IDisposable _reload;
    private readonly Hashed _decoy = new(RandomNumberGenerator.GetBytes(16), RandomNumberGenerator.GetBytes(32));
    private long _decoyRuns;

    public PartnerSecrets(IConfiguration configuration, IOptions<PipelineOptions> options)
    {
        _configuration = configuration;
        _iterations = options.Value.SecretHashIterations;
        _reload = ChangeToken.OnChange(configuration.GetReloadToken, Forget);
    }

    /// <summary>How many decoy PBKDF2 runs unknown or unconfigured secrets have cost (for tests and diagnostics).</summary>
    public long DecoyRuns => Interlocked.Read(ref _decoyRuns);

    /// <summary>
    /// Whether <paramref name="presented"/> is the secret that configuration key <paramref name="secretName"/> holds. Pass a
    /// null name for an identity that was not found: the answer is false, at the cost of a known identity's wrong secret.
    /// </summary>
    public bool Matches(string? secretName, string? presented)
    {
        if (string.IsNullOrEmpty(presented)) return false; // the caller sees that from its own request: nothing to hide
        var hashed = string.IsNullOrEmpty(secretName) ? null : _hashes.GetOrAdd(secretName, name => new Lazy<Hashed?>(() => Hash(name))).Value;
        if (hashed is null) return Decoy(presented);
        // Requests that present the same secret at once share one PBKDF2 run (no stampede at start or after a reload);
        // a match is remembered, a mismatch is forgotten as soon as it is known.
        var remembered = Convert.ToBase64String(HMACSHA256.HashData(_processKey, Encoding.UTF8.GetBytes(secretName + "\0" + presented)));
        if (_verified.Count >= MaxRemembered) _verified.Clear();
        var verification = _verified.GetOrAdd(remembered, _ => new Lazy<bool>(() => CryptographicOperations.FixedTimeEquals(
            Rfc2898DeriveBytes.Pbkdf2(presented, hashed.Salt, _iterations, HashAlgorithmName.SHA256, 32), hashed.Hash)));
        if (verification.Value) return true;
        _verified.TryRemove(KeyValuePair.Create(remembered, verification));
        return false;
    }

    public void Dispose() => _reload.Dispose();

    // The work of a mismatch, against a hash no secret produces; never remembered, so every unknown name pays it.
    private bool Decoy(string presented)
    {
        Interlocked.Increment(ref _decoyRuns);
        CryptographicOperations.FixedTimeEquals(Rfc2898DeriveBytes.Pbkdf2(presented, _decoy.Salt, _iterations, HashAlgorithmName.SHA256, 32), _decoy.Hash);
        return false;
    }

    private Hashed? Hash(string secretName)
    {
        var plain = _configuration[secretName];
        if (string.IsNullOrEmpty(plain)) return null;
        var salt = RandomNumberGenerator.GetBytes(16);
        return new Hashed(salt, Rfc2898DeriveBytes.Pbkdf2(plain, salt, _iterations, HashAlgorithmName.SHA256, 32));
    }

    // Configuration changed (a rotated secret): hash again on next use, and forget what verified against the old one.
    private void Forget()
    {
        _hashes.Clear();
        _verified.Clear();
    }

    private sealed record Hashed(byte[] Salt, byte[] Hash);
}
