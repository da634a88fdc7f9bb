using IntegrationHub.Partners;
using IntegrationHub.Translation;

namespace IntegrationHub.Features.Punchout;

/// <summary>The punchout tester's pages: server-rendered, every value escaped, no script.</summary>
internal static class PunchoutTesterPages
{
    public static string Choose(IEnumerable<Partner> partners)
    {
        var html = new CatalogHtml().Raw("<main><h1>Punchout tester</h1><p class=\"muted\">The hub plays the buyer: it sends a cXML PunchOutSetupRequest with the partner's credential and receives the cart itself.</p>")
            .Raw("<form method=\"post\" action=\"").Text(PunchoutTester.Path + "/setup").Raw("\"><label>Partner <select name=\"partner\">");
        foreach (var partner in partners) html.Raw("<option value=\"").Text(partner.Id).Raw("\">").Text($"{partner.Name} ({partner.Id})").Raw("</option>");
        return html.Raw("</select></label> <button class=\"primary\" type=\"submit\">Send PunchOutSetupRequest</button></form></main>").ToString();
    }

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
