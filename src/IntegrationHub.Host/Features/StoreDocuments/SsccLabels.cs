using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Dapper;
using IntegrationHub.Canonical;
using IntegrationHub.Partners;
using Npgsql;

namespace IntegrationHub.Features.StoreDocuments;

/// <summary>The supplier's default GS1 numbers for SSCC-18 labels (<c>Sscc:CompanyPrefix</c>, <c>Sscc:ExtensionDigit</c>); a partner file's <c>sscc:</c> wins.</summary>
internal sealed class SsccOptions
{
    public const string Section = "Sscc";

    [RegularExpression("^[0-9]{6,12}$", ErrorMessage = "Sscc:CompanyPrefix is a GS1 company prefix of 6 to 12 digits.")]
    public string? CompanyPrefix { get; set; }

    [Range(0, 9, ErrorMessage = "Sscc:ExtensionDigit is one digit, 0 to 9.")]
    public int ExtensionDigit { get; set; }
}

/// <summary>
/// Labels the packages of an outbound shipment that came without an SSCC, with serial references taken from
/// <c>hub.sscc_serial</c> in the caller's transaction: the counter's row stays locked until the transaction that records
/// the outbound message ends, so no two processes get the same number, and a transaction that does not commit hands out
/// nothing (its numbers were never sent). A prefix whose serial references are used up is refused, never wrapped.
/// </summary>
internal static class SsccLabels
{
    /// <summary>The shipment with its labels, or why it cannot be labelled (the diagnostics that park it).</summary>
    public static async Task<(Shipment Shipment, string? Problem)> LabelAsync(NpgsqlTransaction transaction, Shipment shipment, Partner? partner,
        SsccOptions options, CancellationToken cancellationToken)
    {
        var (labelled, _, problem) = await LabelAsync(transaction, shipment, null, partner, options, cancellationToken);
        return (labelled, problem);
    }

    /// <summary>
    /// The shipment with its labels and the labels it was given (in package order, for the packages that came without
    /// one), or why it cannot be labelled. <paramref name="assigned"/>: labels this shipment was given before (a
    /// document composed again); they are applied as they were and no serial reference is taken.
    /// </summary>
    public static async Task<(Shipment Shipment, IReadOnlyList<string> Labels, string? Problem)> LabelAsync(NpgsqlTransaction transaction, Shipment shipment,
        IReadOnlyList<string>? assigned, Partner? partner, SsccOptions options, CancellationToken cancellationToken)
    {
        var needed = ShipmentLabels.Needed(shipment);
        if (needed == 0) return (shipment, [], null);
        if (assigned is { Count: > 0 }) return (ShipmentLabels.Apply(shipment, assigned), assigned, null);
        var settings = partner?.Sscc ?? (options.CompanyPrefix is { } prefix ? new SsccSettings(prefix, options.ExtensionDigit) : null);
        if (settings is null)
            return (shipment, [], Problem($"{needed} package(s) have no SSCC and no GS1 company prefix is configured (Sscc:CompanyPrefix, or sscc: in the partner file)."));
        var first = await transaction.Connection!.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO hub.sscc_serial AS s (company_prefix, extension_digit, next_value) VALUES (@Prefix, @Extension, 1 + @Count)
            ON CONFLICT (company_prefix, extension_digit) DO UPDATE SET next_value = s.next_value + @Count
            RETURNING next_value - @Count
            """, new { Prefix = settings.CompanyPrefix, Extension = (short)settings.ExtensionDigit, Count = needed }, transaction,
            cancellationToken: cancellationToken));
        if (first + needed > Sscc.Capacity(settings.CompanyPrefix))
            return (shipment, [], Problem($"The serial references of GS1 company prefix {settings.CompanyPrefix} (extension {settings.ExtensionDigit}) are used up."));
        var labels = Enumerable.Range(0, needed).Select(i => Sscc.Compose(settings.ExtensionDigit, settings.CompanyPrefix, first + i)).ToList();
        return (ShipmentLabels.Apply(shipment, labels), labels, null);
    }

    private static string Problem(string message) => JsonSerializer.Serialize(new[] { message });
}
