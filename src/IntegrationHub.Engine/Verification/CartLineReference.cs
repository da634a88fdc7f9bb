using System.Text.RegularExpressions;

namespace IntegrationHub.Verification;

/// <summary>
/// The SupplierPartAuxiliaryID the hub issues for a punchout cart line: the catalog's own auxiliary id (often empty) followed by the
/// line's reference, <c>ih-</c> and 16 lower-case hex digits, so that <c>BOX5</c> goes out as <c>BOX5/ih-3f9c0a12b7d4e865</c> and a
/// part without one as <c>ih-3f9c0a12b7d4e865</c>. The buyer returns it unchanged in later edit sessions and in its order, which
/// is how an order line finds the cart line it came from. The reference is random, one per cart line; an edit session keeps the
/// reference of the line it restores, so the id never changes under the buyer.
/// </summary>
public static partial class CartLineReference
{
    /// <summary>What starts the reference part.</summary>
    public const string Marker = "ih-";

    /// <summary>Characters of a reference after the marker.</summary>
    public const int Length = 16;

    /// <summary>The auxiliary id to send for a line whose catalog auxiliary id is <paramref name="catalogAuxiliaryId"/>.</summary>
    public static string Issue(string catalogAuxiliaryId, string reference)
    {
        if (!IsReference(reference)) throw new ArgumentException($"A cart line reference is {Length} lower-case hex digits, not '{reference}'.", nameof(reference));
        return catalogAuxiliaryId.Length == 0 ? Marker + reference : $"{catalogAuxiliaryId}/{Marker}{reference}";
    }

    /// <summary>
    /// Splits an auxiliary id the hub issued into the catalog's auxiliary id and the line reference; false (and the id unchanged as
    /// the catalog's) for any other value.
    /// </summary>
    public static bool TryRead(string? auxiliaryId, out string catalogAuxiliaryId, out string reference)
    {
        var match = auxiliaryId is null ? Match.Empty : Issued().Match(auxiliaryId);
        if (!match.Success)
        {
            (catalogAuxiliaryId, reference) = (auxiliaryId ?? string.Empty, string.Empty);
            return false;
        }
        (catalogAuxiliaryId, reference) = (match.Groups["catalog"].Value, match.Groups["reference"].Value);
        return true;
    }

    /// <summary>Whether a value is a bare line reference (16 lower-case hex digits).</summary>
    public static bool IsReference(string value) => Bare().IsMatch(value);

    [GeneratedRegex("^(?:(?<catalog>.*)/)?ih-(?<reference>[0-9a-f]{16})\\z", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex Issued();

    [GeneratedRegex("^[0-9a-f]{16}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Bare();
}
