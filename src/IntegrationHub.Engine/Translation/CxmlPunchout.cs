using IntegrationHub.Documents;
using IntegrationHub.Formats.Cxml;
using IntegrationHub.Partners;

namespace IntegrationHub.Translation;

/// <summary>
/// What the hub's cXML punchout needs of the cXML format, so that the Host's punchout feature names no format type: the
/// diagnostic codes its answers carry, the PunchOutSetupResponse payload, the envelope of a returned cart and the
/// auto-submitting form that carries it back.
/// </summary>
public static class CxmlPunchout
{
    /// <summary>The diagnostic code of a setup the hub cannot answer for this partner (no map reads it): cXML 501.</summary>
    public const string NotImplemented = CxmlCodes.NotImplemented;

    /// <summary>The diagnostic code of a request that lacks what it must carry (a BrowserFormPost, say): cXML 400.</summary>
    public const string Required = CxmlCodes.Required;

    /// <summary>The diagnostic code of a request refused for what it asks (a return URL not allowed): cXML 403.</summary>
    public const string Forbidden = CxmlCodes.Forbidden;

    /// <summary>The PunchOutSetupResponse payload whose StartPage is <paramref name="startUrl"/>.</summary>
    public static CxmlElement SetupResponse(string startUrl)
    {
        var response = new CxmlElement("PunchOutSetupResponse");
        response.Add(new CxmlElement("StartPage")).Add(new CxmlElement("URL")).AddText(startUrl); // Add returns the child it adds
        return response;
    }

    /// <summary>
    /// The auto-submitting form that posts a written PunchOutOrderMessage to the buyer's BrowserFormPost URL, in the field the
    /// partner file names; null with the reader's diagnostics when the bytes do not read back as cXML.
    /// </summary>
    public static (string? Html, IReadOnlyList<Diagnostic> Diagnostics) CartForm(byte[] message, Uri browserFormPost, Partner partner)
    {
        var read = CxmlReader.Read(message);
        if (read.Document is null || read.HasErrors) return (null, read.Diagnostics);
        return (CartReturnForm.Render(read.Document, browserFormPost, partner.CartReturnField), read.Diagnostics);
    }
}
