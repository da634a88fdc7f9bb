using IntegrationHub.Features.PurchaseOrders;
using IntegrationHub.Partners;

namespace IntegrationHub.Features.Punchout;

/// <summary>
/// Checks an OCI buyer's USERNAME and PASSWORD against its partner file. The file names the configuration key that holds the
/// password; <see cref="PartnerSecrets"/> keeps it only as a salted PBKDF2 hash, compares in constant time and forgets it
/// when configuration changes, as it does for every partner secret.
/// </summary>
internal sealed class OciCredentials(PartnerSecrets secrets)
{
    /// <summary>The identity the user name and password open for this partner, or null (unknown user, no password configured, wrong password).</summary>
    public OciIdentity? Authenticate(Partner partner, string? username, string? password)
    {
        var identity = partner.Oci.FirstOrDefault(i => string.Equals(i.Username, username, StringComparison.Ordinal));
        // An unknown user name is checked too (a decoy run in PartnerSecrets), so it takes as long as a wrong password.
        return secrets.Matches(identity?.Password, password) ? identity : null;
    }
}
