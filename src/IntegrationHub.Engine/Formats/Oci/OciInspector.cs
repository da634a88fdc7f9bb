using System.Text;

namespace IntegrationHub.Formats.Oci;

/// <summary>A human-readable account of a captured OCI cart form, safe to print (fields named like passwords are redacted).</summary>
public static class OciInspector
{
    private static readonly string[] Secret = ["password", "pass", "pwd", "authenticity_token", "_csrf"];

    /// <summary>Describes the form target, each item's fields and long text, the other fields and the diagnostics.</summary>
    public static string Describe(OciCartResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new StringBuilder();
        text.Append("action: ").AppendLine(result.Cart.Action ?? "(no form)");
        text.Append("items:  ").Append(result.Cart.Items.Count).AppendLine();
        foreach (var item in result.Cart.Items)
        {
            text.Append("  [").Append(item.Index).Append("] ").Append(item.Description).Append(" — ").Append(item.Quantity).Append(' ').Append(item.Unit)
                .Append(" × ").Append(item.Price).Append(' ').Append(item.Currency).Append(" per ").Append(item.PriceUnit).AppendLine();
            foreach (var (field, value) in item.Fields.OrderBy(f => f.Key, StringComparer.Ordinal)) text.Append("      ").Append(field).Append(" = ").AppendLine(value);
            if (item.LongText is not null) text.Append("      LONGTEXT = ").AppendLine(item.LongText);
        }
        if (result.Cart.OtherFields.Count > 0) text.AppendLine("other fields:");
        foreach (var (name, value) in result.Cart.OtherFields)
            text.Append("  ").Append(name).Append(" = ").AppendLine(Secret.Any(s => name.Contains(s, StringComparison.OrdinalIgnoreCase)) ? "[redacted]" : value);
        text.Append("diagnostics: ").Append(result.Diagnostics.Count).AppendLine();
        foreach (var diagnostic in result.Diagnostics) text.Append("  ").AppendLine(diagnostic.ToString());
        return text.ToString();
    }
}
