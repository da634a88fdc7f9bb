using IntegrationHub.Partners;
using IntegrationHub.Translation;

namespace IntegrationHub.Features.Punchout;

/// <summary>The punchout tester's pages: server-rendered, every value escaped, no script.</summary>
internal static class PunchoutTesterPages
{
    public static string Choose(IEnumerable<Partner> cxmlPartners, IEnumerable<Partner> ociPartners)
    {
        var html = new CatalogHtml().Raw("<main><h1>Punchout tester</h1><h2>cXML (Ariba, Coupa, Jaggaer, Oracle)</h2><p class=\"muted\">The hub plays the buyer: it sends a cXML PunchOutSetupRequest with the partner's credential and receives the cart itself.</p>")
            .Raw("<form id=\"cxml\" method=\"post\" action=\"").Text(PunchoutTester.Path + "/setup").Raw("\"><label>Partner ");
        Partners(html, cxmlPartners);
        html.Raw("</label> <button class=\"primary\" type=\"submit\">Send PunchOutSetupRequest</button></form>")
            .Raw("<h2>OCI (SAP SRM, S/4HANA)</h2><p class=\"muted\">The hub plays the buyer: it logs in with the partner's USERNAME and configured PASSWORD, HOOK_URL on its own receiver.</p>")
            .Raw("<form id=\"oci\" method=\"post\" action=\"").Text(OciPunchoutTester.SetupPath).Raw("\"><label>Partner ");
        Partners(html, ociPartners);
        return html.Raw("</label> <label>OCI_VERSION <select name=\"version\"><option>4.0</option><option>5.0</option></select></label>")
            .Raw(" <label>Contract (when the partner file names a contract parameter) <input name=\"contract\" maxlength=\"100\"></label>")
            .Raw(" <button class=\"primary\" type=\"submit\">Send OCI login</button></form></main>").ToString();
    }

    private static void Partners(CatalogHtml html, IEnumerable<Partner> partners)
    {
        html.Raw("<select name=\"partner\">");
        foreach (var partner in partners) html.Raw("<option value=\"").Text(partner.Id).Raw("\">").Text($"{partner.Name} ({partner.Id})").Raw("</option>");
        html.Raw("</select>");
    }

    public static string OciSent(Partner partner, OciIdentity identity, IReadOnlyList<(string Name, string Value)> shownParameters, string startPage)
    {
        var html = new CatalogHtml().Raw("<main><h1>Punchout tester</h1>")
            .Element("p", $"Logged in as {identity.Username} ({identity.Environment}) for {partner.Name}.")
            .Raw("<p>").Link(startPage, "Open the catalog").Raw("</p>")
            .Element("h2", "The login parameters (password withheld)").Raw("<table id=\"parameters\"><tbody>");
        foreach (var (name, value) in shownParameters) html.Raw("<tr>").Element("th", name).Element("td", value).Raw("</tr>");
        return html.Raw("</tbody></table><p>").Link(PunchoutTester.Path, "Start again").Raw("</p></main>").ToString();
    }

    public static string OciReceived(IReadOnlyList<OciReceivedLine> lines, IReadOnlyList<KeyValuePair<string, string>> other, IReadOnlyList<string> problems,
        IReadOnlyList<KeyValuePair<string, string>> fields)
    {
        var html = new CatalogHtml().Raw("<main><h1>The OCI cart the buyer received</h1>");
        foreach (var problem in problems) html.Element("p", problem, "error");
        html.Element("p", $"{lines.Count} lines; " + string.Join("; ", other.Select(f => $"{f.Key} {f.Value}")) + ".")
            .Raw("<table id=\"cart\"><thead><tr><th>n</th><th>VENDORMAT</th><th>EXT_PRODUCT_ID</th><th>DESCRIPTION</th><th class=\"number\">QUANTITY</th><th>UNIT</th>")
            .Raw("<th class=\"number\">PRICE</th><th class=\"number\">PRICEUNIT</th><th>CURRENCY</th><th>MATGROUP</th></tr></thead><tbody>");
        foreach (var line in lines)
        {
            html.Raw("<tr>");
            foreach (var cell in new[] { Number(line.Index), line.VendorMaterial, line.ExternalProductId, line.Description, Number(line.Quantity), line.Unit,
                         Number(line.Price), Number(line.PriceUnit), line.Currency, line.Classification })
                html.Element("td", cell);
            html.Raw("</tr>");
        }
        html.Raw("</tbody></table>").Element("h2", "Form fields").Raw("<table id=\"fields\"><tbody>");
        foreach (var (name, value) in fields) html.Raw("<tr>").Element("th", name).Element("td", value).Raw("</tr>");
        return html.Raw("</tbody></table><p>").Link(PunchoutTester.Path, "Test again").Raw("</p></main>").ToString();
    }

    private static string? Number(decimal? value) => value?.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string Sent(Partner partner, CxmlIdentity identity, string shownRequest, int code, string text, string? startPage)
    {
        var html = new CatalogHtml().Raw("<main><h1>Punchout tester</h1>")
            .Element("p", $"Sent as {identity.Domain} {identity.Identity} ({identity.Environment}) for {partner.Name}.")
            .Raw("<p id=\"status\">").Text($"Answer: {code} {text}").Raw("</p>");
        if (startPage is not null) html.Raw("<p>").Link(startPage, "Open the StartPage").Raw("</p>");
        return html.Element("h2", "The request as sent (secret withheld)").Element("pre", shownRequest)
            .Raw("<p>").Link(PunchoutTester.Path, "Start again").Raw("</p></main>").ToString();
    }

    public static string Received(ReturnedCart? cart, IReadOnlyList<string> problems, IReadOnlyList<(string Name, string Value)> fields, string message)
    {
        var html = new CatalogHtml().Raw("<main><h1>The cart the buyer received</h1>");
        foreach (var problem in problems) html.Element("p", problem, "error");
        if (cart is not null)
        {
            html.Element("p", $"BuyerCookie {cart.BuyerCookie}; operationAllowed {cart.OperationAllowed}; total {cart.Total} {cart.Currency}; {cart.Lines.Count} lines.")
                .Raw("<table id=\"cart\"><thead><tr><th>line</th><th>SupplierPartID</th><th>SupplierPartAuxiliaryID</th><th>description</th><th class=\"number\">quantity</th><th>unit</th><th class=\"number\">unit price</th><th>UNSPSC</th></tr></thead><tbody>");
            foreach (var line in cart.Lines)
            {
                html.Raw("<tr>");
                foreach (var cell in new[] { line.LineNumber, line.SupplierPartId, line.SupplierPartAuxiliaryId, line.Description, line.Quantity, line.UnitOfMeasure,
                             $"{line.UnitPrice} {line.Currency}", line.Classification })
                    html.Element("td", cell);
                html.Raw("</tr>");
            }
            html.Raw("</tbody></table>");
        }
        html.Element("h2", "Form fields");
        foreach (var (name, value) in fields) html.Element("p", $"{name}: {value.Length} characters", "muted");
        return html.Element("h2", "The cXML").Element("pre", message).Raw("<p>").Link(PunchoutTester.Path, "Test again").Raw("</p></main>").ToString();
    }

    public static string Problem(string message) =>
        new CatalogHtml().Raw("<main><h1>Punchout tester</h1>").Element("p", message, "error").Raw("<p>").Link(PunchoutTester.Path, "Back").Raw("</p></main>").ToString();
}
