using IntegrationHub.Partners;

namespace IntegrationHub.Features.Punchout;

/// <summary>
/// The buyer's contract as its setup request names it, where the partner file's <c>punchout.contract</c> says to look (a cXML
/// Extrinsic, an OCI login parameter). The contract selects the buyer's contract price list before its general one; a contract the
/// catalog has no list for prices as the general list. A value no contract id can be (too long, control characters) is refused.
/// </summary>
internal static class PunchoutContract
{
    /// <summary>The longest contract id accepted.</summary>
    public const int MaxLength = 100;

    /// <summary>The contract id of a cXML setup request: the value of the Extrinsic the partner file names.</summary>
    public static (string? Contract, string? Problem) FromExtrinsics(Partner partner, IEnumerable<Canonical.Extrinsic> extrinsics) =>
        partner.Contract?.Extrinsic is { } name
            ? Check(name, extrinsics.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase))?.Value)
            : (null, null);

    /// <summary>The contract id of an OCI call: the login parameter the partner file names (form fields before the query).</summary>
    public static (string? Contract, string? Problem) FromParameters(Partner partner, IEnumerable<KeyValuePair<string, string>> parameters) =>
        partner.Contract?.OciParameter is { } name
            ? Check(name, parameters.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value)
            : (null, null);

    private static (string? Contract, string? Problem) Check(string field, string? value)
    {
        var contract = value?.Trim();
        if (string.IsNullOrEmpty(contract)) return (null, null);
        if (contract.Length > MaxLength)
            return (null, $"The contract id in {field} has {contract.Length} characters; at most {MaxLength} are accepted.");
        if (contract.Any(char.IsControl)) return (null, $"The contract id in {field} contains control characters.");
        return (contract, null);
    }
}
