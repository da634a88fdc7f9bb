using System.Text;
using System.Text.RegularExpressions;
using IntegrationHub.Documents;
using IntegrationHub.Formats.Oci.Specs;

namespace IntegrationHub.Formats.Oci;

/// <summary>
/// Writes an OCI cart built as a <see cref="DocumentNode"/> tree (the document <c>NEW_ITEM</c>, one <c>item</c> per cart
/// line, each holding its fields by OCI name: <c>DESCRIPTION</c>, <c>PRICE</c>, <c>LONGTEXT</c>, vendor fields such as
/// <c>GTIN</c>) as the auto-submitting form the buyer's HOOK_URL receives, through the strict <see cref="OciCartWriter"/>.
/// Also describes that tree for outbound maps as a <see cref="TargetSchema"/>.
/// </summary>
public static partial class OciTreeWriter
{
    /// <summary>The one document an OCI map writes.</summary>
    public const string Document = "NEW_ITEM";

    /// <summary>The targets of an OCI cart map; null for any other document.</summary>
    public static TargetSchema? Schema(string document)
    {
        if (document != Document) return null;
        // Lengths are the writer's to enforce, by the buyer's policy (truncate or refuse), so the schema sets none.
        static TargetSchema? Field(string name) =>
            OciFields.Find(name) is not null || ExtensionField().IsMatch(name) ? TargetSchema.Value(name) : null;
        var item = new TargetSchema("item", Field, [.. OciFields.All.Select(f => f.Name), "(vendor fields in capitals, such as GTIN)"]);
        return new TargetSchema(Document, name => name == "item" ? item : null, ["item"]);
    }

    /// <summary>Writes the cart form for the session; the output is null when an error kept a field out.</summary>
    public static (byte[]? Output, IReadOnlyList<Diagnostic> Diagnostics) Write(DocumentNode cart, OciLoginRequest session, OciWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(cart);
        ArgumentNullException.ThrowIfNull(session);
        options ??= new OciWriterOptions { Version = session.Version };
        var items = new List<OciItem>();
        foreach (var node in cart.Children.Where(c => c.Name == "item"))
        {
            var item = new OciItem { Index = items.Count + 1 };
            foreach (var field in node.Children)
            {
                if (field.Name == OciFields.LongText) item.LongText = field.Value;
                else item.Set(field.Name, field.Value ?? string.Empty);
            }
            items.Add(item);
        }
        var form = OciCartWriter.Write(items, session, options);
        if (form.Diagnostics.Any(d => d.Severity == Severity.Error)) return (null, form.Diagnostics);
        return (Encoding.GetEncoding(options.Charset).GetBytes(form.Html), form.Diagnostics);
    }

    [GeneratedRegex("^[A-Z][A-Z0-9_]*$")]
    private static partial Regex ExtensionField();
}
