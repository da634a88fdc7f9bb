using System.Net;
using System.Text;

namespace IntegrationHub.Formats.Cxml;

/// <summary>Which hidden field carries the cart back to the buyer; receivers look for cXML-base64 first.</summary>
public enum CartReturnField
{
    /// <summary><c>cXML-base64</c>: the document base64-encoded, any charset preserved. The default.</summary>
    Base64,

    /// <summary><c>cXML-urlencoded</c>: the document as US-ASCII text, HTML-escaped (the browser URL-encodes it).</summary>
    UrlEncoded,
}

/// <summary>
/// The auto-submitting HTML form that returns a PunchOutOrderMessage to the buyer's BrowserFormPost URL. The cart never carries
/// a shared secret (it passes through the user's browser), and the field value starts with <c>&lt;?xml</c>, never whitespace.
/// </summary>
public static class CartReturnForm
{
    /// <summary>The exact field name the buyer expects.</summary>
    public static string FieldName(CartReturnField field) => field == CartReturnField.Base64 ? "cXML-base64" : "cXML-urlencoded";

    /// <summary>Renders the form page for a cart (a Message holding a PunchOutOrderMessage).</summary>
    public static string Render(CxmlDocument cart, Uri browserFormPost, CartReturnField field, CxmlWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(cart);
        ArgumentNullException.ThrowIfNull(browserFormPost);
        if (cart.Kind != CxmlKind.Message) throw new ArgumentException("A cart return needs a one-way Message.", nameof(cart));

        var stripped = WithoutSecrets(cart);
        var bytes = CxmlWriter.Write(stripped, (options ?? CxmlWriterOptions.Default) with { AsciiOnly = field == CartReturnField.UrlEncoded });
        var value = field == CartReturnField.Base64 ? Convert.ToBase64String(bytes) : Encoding.ASCII.GetString(bytes);

        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Returning your cart</title></head>\n");
        html.Append("<body onload=\"document.forms[0].submit()\">\n");
        html.Append("<form method=\"post\" action=\"").Append(WebUtility.HtmlEncode(browserFormPost.AbsoluteUri)).Append("\">\n");
        html.Append("<input type=\"hidden\" name=\"").Append(FieldName(field)).Append("\" value=\"").Append(WebUtility.HtmlEncode(value)).Append("\">\n");
        html.Append("<noscript><button type=\"submit\">Return the cart to your procurement system</button></noscript>\n");
        html.Append("</form>\n</body></html>\n");
        return html.ToString();
    }

    private static CxmlDocument WithoutSecrets(CxmlDocument cart)
    {
        var root = cart.Root.Clone();
        foreach (var secret in root.Descendants().Where(e => e.Name is "SharedSecret" or "CredentialMac").ToList()) secret.Parent!.Remove(secret);
        return new CxmlDocument(root, cart.SystemId);
    }
}
