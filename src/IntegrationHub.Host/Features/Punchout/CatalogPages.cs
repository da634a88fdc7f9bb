using System.Globalization;

namespace IntegrationHub.Features.Punchout;

/// <summary>Who is looking: the session, its access token (the base of every link) and the buyer system's name.</summary>
internal sealed record CatalogView(PunchoutSession Session, string Token, string BuyerSystem, int CartLines)
{
    public string Base => "/punchout/s/" + Token;
}

/// <summary>The server-rendered catalog pages. Every value is escaped by <see cref="CatalogHtml"/>; no page needs script.</summary>
internal static class CatalogPages
{
    public static string Products(CatalogView view, string title, IReadOnlyList<CatalogProduct> products, IReadOnlyList<CatalogCategory>? categories,
        string? query = null)
    {
        var html = Header(view, query);
        html.Raw("<main>");
        if (categories is not null) Categories(html, view, categories);
        html.Element("h1", title);
        if (products.Count == 0) html.Element("p", query is null ? "No products here." : $"No products match \u201c{query}\u201d.", "muted");
        else ProductTable(html, view, products);
        return CatalogHtml.Page(title, html.Raw("</main>").ToString());
    }

    public static string Product(CatalogView view, CatalogProduct product, IReadOnlyList<PriceBreak> breaks)
    {
        var html = Header(view, null).Raw("<main>");
        html.Element("h1", product.Description);
        html.Raw("<dl>");
        Term(html, "Part number", product.SupplierPartId);
        if (product.SupplierPartAuxiliaryId.Length > 0) Term(html, "Variant", product.SupplierPartAuxiliaryId);
        Term(html, "Manufacturer", $"{product.ManufacturerName} {product.ManufacturerPartId}".Trim());
        Term(html, "UNSPSC", product.Unspsc);
        Term(html, "Unit", product.Uom);
        Term(html, "Your price", CatalogHtml.Money(product.BuyerPrice, product.Currency) + " / " + product.Uom);
        if (product.BuyerPrice != product.ListPrice) Term(html, "List price", CatalogHtml.Money(product.ListPrice, product.Currency));
        Term(html, "Availability", Availability(product));
        html.Raw("</dl>");
        if (product.LongText is not null) html.Element("p", product.LongText);
        if (breaks.Count > 1)
        {
            html.Element("h2", "Quantity prices").Raw("<table class=\"breaks\"><thead><tr><th>From</th><th class=\"number\">Unit price</th></tr></thead><tbody>");
            foreach (var price in breaks)
            {
                html.Raw("<tr><td>").Text(CatalogHtml.Quantity(price.MinQuantity) + " " + product.Uom).Raw("</td><td class=\"number\">")
                    .Text(CatalogHtml.Money(price.UnitPrice, product.Currency)).Raw("</td></tr>");
            }
            html.Raw("</tbody></table>");
        }
        AddForm(html, view, product);
        return CatalogHtml.Page(product.Description, html.Raw("</main>").ToString());
    }

    public static string Cart(CatalogView view, IReadOnlyList<CartLine> lines, string? problem)
    {
        var html = Header(view, null).Raw("<main>").Element("h1", "Your cart");
        if (problem is not null) html.Element("p", problem, "error");
        if (lines.Count == 0) html.Element("p", "The cart is empty.", "muted");
        else
        {
            html.Raw("<table class=\"cart\"><thead><tr><th>Line</th><th>Part number</th><th>Description</th><th class=\"number\">Quantity</th><th>Unit</th>")
                .Raw("<th class=\"number\">Unit price</th><th class=\"number\">Total</th><th></th></tr></thead><tbody>");
            foreach (var line in lines)
            {
                var product = line.Product;
                var number = line.LineNumber.ToString(CultureInfo.InvariantCulture);
                html.Raw("<tr data-line=\"").Text(number).Raw("\"><td>").Text(number).Raw("</td><td>").Text(product.Key).Raw("</td><td>")
                    .Link($"{view.Base}/product/{product.Id.ToString(CultureInfo.InvariantCulture)}", product.Description).Raw("</td><td class=\"number\">");
                if (view.Session.ReadOnly) html.Text(CatalogHtml.Quantity(line.Quantity));
                else
                {
                    Form(html, view, "cart/update").Hidden("line", number)
                        .Raw("<input type=\"number\" name=\"quantity\" min=\"0\" step=\"any\" aria-label=\"Quantity of line ").Text(number)
                        .Raw("\" value=\"").Text(CatalogHtml.Quantity(line.Quantity)).Raw("\"><button type=\"submit\">Update</button></form>");
                }
                html.Raw("</td><td>").Text(product.Uom).Raw("</td><td class=\"number\">").Text(CatalogHtml.Money(product.BuyerPrice, product.Currency))
                    .Raw("</td><td class=\"number\">").Text(CatalogHtml.Money(line.Total, product.Currency)).Raw("</td><td>");
                if (!view.Session.ReadOnly)
                    Form(html, view, "cart/remove").Hidden("line", number).Raw("<button type=\"submit\">Remove</button></form>");
                html.Raw("</td></tr>");
            }
            html.Raw("</tbody></table>");
            foreach (var total in lines.GroupBy(l => l.Product.Currency))
                html.Raw("<p class=\"total\">Total: <strong>").Text(CatalogHtml.Money(total.Sum(l => l.Total), total.Key)).Raw("</strong></p>");
        }
        html.Raw("<div class=\"actions\">");
        if (view.Session.ReadOnly)
            html.Element("p", $"This cart is shown for inspection only; nothing can be changed or sent to {view.BuyerSystem}.", "muted");
        else
        {
            Form(html, view, "transfer").Raw("<button type=\"submit\" class=\"primary\">Transfer to ").Text(view.BuyerSystem).Raw("</button></form>");
            Form(html, view, "cancel").Raw("<button type=\"submit\">Cancel and return to ").Text(view.BuyerSystem).Raw("</button></form>");
        }
        html.Raw("</div>");
        return CatalogHtml.Page("Your cart", html.Raw("</main>").ToString());
    }

    /// <summary>A page that says what went wrong and what to do, in the buyer's terms.</summary>
    public static string Problem(string title, string message) =>
        CatalogHtml.Page(title, new CatalogHtml().Raw("<main>").Element("h1", title).Element("p", message, "error").Raw("</main>").ToString());

    private static CatalogHtml Header(CatalogView view, string? query)
    {
        var html = new CatalogHtml().Raw("<header>").Link(view.Base, "Catalog")
            .Raw("<form method=\"get\" action=\"").Text(view.Base + "/search").Raw("\" role=\"search\">")
            .Raw("<input type=\"search\" name=\"q\" aria-label=\"Search the catalog\" value=\"").Text(query).Raw("\"><button type=\"submit\">Search</button></form>")
            .Link(view.Base + "/cart", $"Cart ({view.CartLines.ToString(CultureInfo.InvariantCulture)})").Raw("</header>");
        var who = $"Shopping for {view.BuyerSystem}" + (view.Session.ContractId is { } contract ? $", contract {contract}" : "")
            + (view.Session.ReadOnly ? " \u2014 inspect only: nothing can be changed" : "");
        return html.Element("p", who, "buyer");
    }

    private static void Categories(CatalogHtml html, CatalogView view, IReadOnlyList<CatalogCategory> categories)
    {
        html.Raw("<nav class=\"categories\" aria-label=\"Categories\">");
        Level(null);
        html.Raw("</nav>");

        void Level(string? parent)
        {
            var children = categories.Where(c => c.ParentId == parent).ToList();
            if (children.Count == 0) return;
            html.Raw("<ul>");
            foreach (var category in children)
            {
                html.Raw("<li>").Link($"{view.Base}/category/{Uri.EscapeDataString(category.Id)}", category.Name);
                Level(category.Id);
                html.Raw("</li>");
            }
            html.Raw("</ul>");
        }
    }

    private static void ProductTable(CatalogHtml html, CatalogView view, IReadOnlyList<CatalogProduct> products)
    {
        html.Raw("<table class=\"products\"><thead><tr><th>Part number</th><th>Description</th><th class=\"number\">Your price</th><th>Unit</th>")
            .Raw("<th>Availability</th><th></th></tr></thead><tbody>");
        foreach (var product in products)
        {
            html.Raw("<tr data-product=\"").Text(product.Key).Raw("\"><td>").Text(product.Key).Raw("</td><td>")
                .Link($"{view.Base}/product/{product.Id.ToString(CultureInfo.InvariantCulture)}", product.Description).Raw("</td><td class=\"number\">")
                .Text(CatalogHtml.Money(product.BuyerPrice, product.Currency)).Raw("</td><td>").Text(product.Uom).Raw("</td><td>")
                .Text(Availability(product)).Raw("</td><td>");
            AddForm(html, view, product);
            html.Raw("</td></tr>");
        }
        html.Raw("</tbody></table>");
    }

    private static void AddForm(CatalogHtml html, CatalogView view, CatalogProduct product)
    {
        if (view.Session.ReadOnly) return;
        Form(html, view, "cart/add").Hidden("product", product.Id.ToString(CultureInfo.InvariantCulture))
            .Raw("<input type=\"number\" name=\"quantity\" min=\"1\" step=\"any\" value=\"1\" aria-label=\"Quantity of ").Text(product.Key)
            .Raw("\"><button type=\"submit\">Add to cart</button></form>");
    }

    // Every form posts the session's token in a field as well as in its URL: the hub compares the two (an anti-forgery check
    // that needs no cookie, so it holds inside a cross-site iframe whose cookies the browser blocks).
    private static CatalogHtml Form(CatalogHtml html, CatalogView view, string action) =>
        html.Raw("<form class=\"inline\" method=\"post\" action=\"").Text($"{view.Base}/{action}").Raw("\">").Hidden("token", view.Token);

    private static void Term(CatalogHtml html, string term, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return;
        html.Element("dt", term).Element("dd", value);
    }

    private static string Availability(CatalogProduct product) => product.OnHand switch
    {
        null => "Ask for availability",
        0 => product.LeadTimeDays is { } days ? $"Out of stock; ships in {days} days" : "Out of stock",
        { } onHand => $"In stock: {CatalogHtml.Quantity(onHand)}" + (product.LeadTimeDays is { } lead ? $" (ships in {lead} days)" : ""),
    };
}
