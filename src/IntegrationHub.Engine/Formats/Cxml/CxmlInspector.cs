using System.Collections;
using System.Text;

namespace IntegrationHub.Formats.Cxml;

/// <summary>A human-readable account of a read cXML document, safe to print: shared secrets and card numbers are redacted.</summary>
public static class CxmlInspector
{
    /// <summary>Describes the document (envelope, header, status, the typed payload's fields) and every diagnostic.</summary>
    public static string Describe(CxmlReadResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new StringBuilder();
        if (result.Document is { } document)
        {
            text.Append("document:   ").AppendLine(document.DocumentType);
            text.Append("envelope:   ").Append(document.Kind).Append(", version ").Append(document.Version ?? "(none)")
                .Append(", deploymentMode ").AppendLine(document.DeploymentMode);
            text.Append("doctype:    ").AppendLine(document.SystemId ?? "(none)");
            text.Append("payloadID:  ").AppendLine(document.PayloadId);
            text.Append("timestamp:  ").Append('"').Append(document.Timestamp.Raw).Append("\" = ")
                .AppendLine(document.Timestamp.Value is { } value ? CxmlTimestamp.Format(value.ToUniversalTime()) : "(unreadable)");
            if (document.Language is not null) text.Append("xml:lang:   ").AppendLine(document.Language);
            if (document.Header is { } header)
            {
                text.Append("from:       ").AppendLine(string.Join(", ", header.From));
                text.Append("to:         ").AppendLine(string.Join(", ", header.To));
                text.Append("sender:     ").AppendLine(string.Join(", ", header.Sender));
                text.Append("user agent: ").AppendLine(header.UserAgent);
            }
            if (document.Status is { } status) text.Append("status:     ").Append(status.Code).Append(' ').AppendLine(status.Text);
            if (document.Model is { } model) Fields(text, model, "  ");
        }
        text.Append("diagnostics: ").Append(result.Diagnostics.Count).AppendLine();
        foreach (var diagnostic in result.Diagnostics) text.Append("  ").AppendLine(diagnostic.ToString());
        return text.ToString();
    }

    private static void Fields(StringBuilder text, object model, string indent)
    {
        foreach (var property in model.GetType().GetProperties())
        {
            if (property.GetIndexParameters().Length > 0 || property.PropertyType == typeof(CxmlElement)) continue;
            var value = property.GetValue(model);
            switch (value)
            {
                case null:
                    continue;
                case string or decimal or int or bool or CxmlPCard:
                    text.Append(indent).Append(property.Name).Append(": ").AppendLine(value.ToString());
                    break;
                case CxmlMoney money:
                    text.Append(indent).Append(property.Name).Append(": ")
                        .Append(money.Amount is { } amount ? amount.ToString("0.############################", System.Globalization.CultureInfo.InvariantCulture) : $"\"{money.Raw}\" (not a number)")
                        .Append(' ').AppendLine(money.Currency);
                    break;
                case IEnumerable items and not IDictionary:
                    var list = items.Cast<object>().ToList();
                    if (list.Count == 0) continue;
                    text.Append(indent).Append(property.Name).Append(": ").Append(list.Count).AppendLine();
                    foreach (var item in list) Item(text, item, indent + "  ");
                    break;
                case IDictionary dictionary:
                    foreach (DictionaryEntry entry in dictionary) text.Append(indent).Append(property.Name).Append('.').Append(entry.Key).Append(": ").AppendLine(entry.Value?.ToString());
                    break;
                default:
                    text.Append(indent).Append(property.Name).AppendLine(":");
                    Fields(text, value, indent + "  ");
                    break;
            }
        }
    }

    private static void Item(StringBuilder text, object item, string indent)
    {
        switch (item)
        {
            case CxmlExtrinsic extrinsic:
                text.Append(indent).Append("- ").Append(extrinsic.Name).Append(" = ").AppendLine(extrinsic.Value);
                break;
            case string or KeyValuePair<string, string>:
                text.Append(indent).Append("- ").AppendLine(item.ToString());
                break;
            default:
                text.Append(indent).AppendLine("-");
                Fields(text, item, indent + "  ");
                break;
        }
    }
}
