using System.Globalization;
using IntegrationHub.Partners;
using IntegrationHub.Pipeline;
using IntegrationHub.Translation;

namespace IntegrationHub.Features.Punchout;

/// <summary>
/// The hosted catalog under <c>/punchout</c>. <c>/punchout/start?token=</c> spends a one-shot start token and redirects to
/// <c>/punchout/s/{access token}/</c>, where every page and form lives: the token in the path binds each request to its session
/// server-side, so the catalog works in a cross-site iframe whose cookies the browser blocks.
/// </summary>
internal static partial class CatalogEndpoints
{
    public const string CookieName = "hub-punchout";

    public static void MapPunchoutCatalog(this IEndpointRouteBuilder endpoints)
    {
        var punchout = endpoints.MapGroup("/punchout").AllowAnonymous().ExcludeFromDescription();
        punchout.MapGet("/catalog.css", () => Results.Text(CatalogHtml.Stylesheet, "text/css; charset=utf-8"));
        punchout.MapGet("/start", StartAsync);
        punchout.MapGet("/", Resume);
        var session = punchout.MapGroup("/s/{token}");
        session.MapGet("/", (HttpContext c, string token, CatalogContext x, CancellationToken ct) => PageAsync(c, token, x, HomeAsync, ct));
        session.MapGet("/search", (HttpContext c, string token, CatalogContext x, CancellationToken ct) => PageAsync(c, token, x, SearchAsync, ct));
        session.MapGet("/category/{id}", (HttpContext c, string token, CatalogContext x, CancellationToken ct) => PageAsync(c, token, x, CategoryAsync, ct));
        session.MapGet("/product/{id:long}", (HttpContext c, string token, CatalogContext x, CancellationToken ct) => PageAsync(c, token, x, ProductAsync, ct));
        session.MapGet("/cart", (HttpContext c, string token, CatalogContext x, CancellationToken ct) => PageAsync(c, token, x, CartAsync, ct));
        session.MapPost("/cart/add", (HttpContext c, string token, CatalogContext x, CancellationToken ct) => ChangeAsync(c, token, x, AddAsync, ct));
        session.MapPost("/cart/update", (HttpContext c, string token, CatalogContext x, CancellationToken ct) => ChangeAsync(c, token, x, UpdateAsync, ct));
        session.MapPost("/cart/remove", (HttpContext c, string token, CatalogContext x, CancellationToken ct) => ChangeAsync(c, token, x, RemoveAsync, ct));
        session.MapPost("/transfer", (HttpContext c, string token, CatalogContext x, CancellationToken ct) => ChangeAsync(c, token, x, TransferAsync, ct));
        session.MapPost("/cancel", (HttpContext c, string token, CatalogContext x, CancellationToken ct) => ChangeAsync(c, token, x, CancelAsync, ct));
    }

    private delegate Task<IResult> Page(HttpContext context, Visit visit, CancellationToken cancellationToken);

    private delegate Task<IResult> Change(HttpContext context, Visit visit, IFormCollection form, CancellationToken cancellationToken);

    /// <summary>One request's session (with its cart's line count as the request found it), partner and the catalog's stores.</summary>
    private sealed record Visit(PunchoutSession Session, int CartLines, Partner? Partner, string Token, CatalogContext Catalog)
    {
        public Buyer Buyer => new(Session.BuyerOrg, Session.ContractId);

        public string BuyerSystem => Partner?.Name ?? Session.PartnerId;

        public CatalogView View => new(Session, Token, BuyerSystem, CartLines);

        public IResult Html(HttpContext context, string html, int status = StatusCodes.Status200OK, string? returnUrl = null, bool autoSubmit = false)
        {
            PunchoutHeaders.Apply(context.Response, Partner, returnUrl, autoSubmit);
            return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
        }
    }

    private static async Task<IResult> StartAsync(HttpContext context, string? token, CatalogContext catalog, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token))
            return OciEndpoints.Problem(context, null, StatusCodes.Status400BadRequest, "No session", "This address needs the start token your procurement system gives.");
        var (session, access, refusal) = await catalog.Sessions.StartAsync(token, cancellationToken);
        if (session is null)
        {
            LogStartRefused(catalog.Logger, refusal.ToString());
            var message = refusal switch
            {
                StartRefusal.Used => "This punchout link has been used already. Start again from your procurement system.",
                StartRefusal.Expired => "This punchout link has expired. Start again from your procurement system.",
                _ => "This punchout link is not known. Start again from your procurement system.",
            };
            return OciEndpoints.Problem(context, null, refusal == StartRefusal.Unknown ? StatusCodes.Status404NotFound : StatusCodes.Status410Gone,
                "The punchout cannot start", message);
        }
        // A convenience only (GET /punchout/ resumes the session): every page carries its token in the URL.
        context.Response.Cookies.Append(CookieName, access!, new CookieOptions
        {
            Path = "/punchout", HttpOnly = true, Secure = true, SameSite = SameSiteMode.None, IsEssential = true,
            Expires = new DateTimeOffset(session.ExpiresAt, TimeSpan.Zero),
        });
        var partner = catalog.Mappings.Current.Partners.Find(session.PartnerId);
        PunchoutHeaders.Apply(context.Response, partner);
        // Edit and inspect open on the cart the buyer sent, so the user sees at once what it holds; a create opens the catalog.
        var target = session.Operation == PunchoutSession.Create ? $"/punchout/s/{access}/" : $"/punchout/s/{access}/cart";
        if (session.StartProduct is { } key && await catalog.Products.ProductByKeyAsync(key, new Buyer(session.BuyerOrg, session.ContractId), 1, cancellationToken) is { } product)
            target = $"/punchout/s/{access}/product/{product.Id.ToString(CultureInfo.InvariantCulture)}";
        return Results.Redirect(target);
    }

    private static IResult Resume(HttpContext context) =>
        context.Request.Cookies.TryGetValue(CookieName, out var token) && token.Length > 0
            ? Results.Redirect($"/punchout/s/{Uri.EscapeDataString(token)}/")
            : OciEndpoints.Problem(context, null, StatusCodes.Status404NotFound, "No session", "Open the catalog from your procurement system.");

    private static async Task<IResult> PageAsync(HttpContext context, string token, CatalogContext catalog, Page page, CancellationToken cancellationToken)
    {
        var (visit, refused) = await VisitAsync(context, token, catalog, cancellationToken);
        return refused ?? await page(context, visit!, cancellationToken);
    }

    private static async Task<IResult> ChangeAsync(HttpContext context, string token, CatalogContext catalog, Change change, CancellationToken cancellationToken)
    {
        var (visit, refused) = await VisitAsync(context, token, catalog, cancellationToken);
        if (refused is not null) return refused;
        var (form, problem) = await PunchoutForms.FormAsync(context, cancellationToken);
        if (problem is not null) return visit!.Html(context, CatalogPages.Problem("Request refused", problem.Message), problem.Status);
        if (!PunchoutTokens.SameToken(form!["token"], token))
            return visit!.Html(context, CatalogPages.Problem("Request refused", "This form does not belong to your punchout session; reload the page."),
                StatusCodes.Status403Forbidden);
        if (visit!.Session.ReadOnly)
            return visit.Html(context, CatalogPages.Problem("Inspect only", "This punchout session is for inspection: the cart cannot be changed or sent."),
                StatusCodes.Status403Forbidden);
        return await change(context, visit, form, cancellationToken);
    }

    private static async Task<(Visit? Visit, IResult? Refused)> VisitAsync(HttpContext context, string token, CatalogContext catalog, CancellationToken cancellationToken)
    {
        var found = await catalog.Sessions.FindAsync(token, cancellationToken);
        if (found is null)
            return (null, OciEndpoints.Problem(context, null, StatusCodes.Status404NotFound, "Session not found",
                "This punchout session does not exist or has expired. Start again from your procurement system."));
        var (session, cartLines) = found.Value;
        var partner = catalog.Mappings.Current.Partners.Find(session.PartnerId);
        if (!session.IsOpen)
            return (null, OciEndpoints.Problem(context, partner, StatusCodes.Status410Gone, "Session ended",
                $"This punchout session has ended (the cart was {session.State}). Start again from your procurement system."));
        return (new Visit(session, cartLines, partner, token, catalog), null);
    }

    private static async Task<IResult> HomeAsync(HttpContext context, Visit visit, CancellationToken cancellationToken)
    {
        var products = await visit.Catalog.Products.BrowseAsync(null, visit.Buyer, cancellationToken);
        var categories = await visit.Catalog.Products.CategoriesAsync(cancellationToken);
        return visit.Html(context, CatalogPages.Products(visit.View, "Catalog", products, categories));
    }

    private static async Task<IResult> SearchAsync(HttpContext context, Visit visit, CancellationToken cancellationToken)
    {
        var query = context.Request.Query["q"].ToString().Trim();
        if (query.Length == 0) return Results.Redirect($"/punchout/s/{visit.Token}/");
        if (query.Length > 200) query = query[..200];
        var products = await visit.Catalog.Products.SearchAsync(query, visit.Buyer, 1, cancellationToken);
        return visit.Html(context, CatalogPages.Products(visit.View, $"Search: {query}", products, null, query));
    }

    private static async Task<IResult> CategoryAsync(HttpContext context, Visit visit, CancellationToken cancellationToken)
    {
        var id = context.Request.RouteValues["id"]?.ToString();
        var categories = await visit.Catalog.Products.CategoriesAsync(cancellationToken);
        if (categories.FirstOrDefault(c => c.Id == id) is not { } category)
            return visit.Html(context, CatalogPages.Problem("Unknown category", "This category is not in the catalog."), StatusCodes.Status404NotFound);
        var products = await visit.Catalog.Products.BrowseAsync(category.Id, visit.Buyer, cancellationToken);
        return visit.Html(context, CatalogPages.Products(visit.View, category.Name, products, categories));
    }

    private static async Task<IResult> ProductAsync(HttpContext context, Visit visit, CancellationToken cancellationToken)
    {
        var id = long.Parse(context.Request.RouteValues["id"]!.ToString()!, CultureInfo.InvariantCulture);
        var product = await visit.Catalog.Products.ProductAsync(id, visit.Buyer, 1, cancellationToken);
        if (product is null)
            return visit.Html(context, CatalogPages.Problem("Unknown product", "This product is not in the catalog."), StatusCodes.Status404NotFound);
        var breaks = await visit.Catalog.Products.PriceBreaksAsync(product.Id, visit.Buyer, cancellationToken);
        return visit.Html(context, CatalogPages.Product(visit.View, product, breaks));
    }

    private static async Task<IResult> CartAsync(HttpContext context, Visit visit, CancellationToken cancellationToken)
    {
        var lines = await visit.Catalog.Carts.LinesAsync(visit.Session, cancellationToken);
        var view = new CatalogView(visit.Session, visit.Token, visit.BuyerSystem, lines.Count);
        var problem = context.Request.Query["problem"].ToString() switch
        {
            "quantity" => $"Give a quantity between 0 and {CatalogHtml.Quantity(CartStore.MaxQuantity)}.",
            "line" => "That line is no longer in the cart.",
            "product" => "That product is not in the catalog.",
            _ => null,
        };
        return visit.Html(context, CatalogPages.Cart(view, lines, problem));
    }

    private static async Task<IResult> AddAsync(HttpContext context, Visit visit, IFormCollection form, CancellationToken cancellationToken)
    {
        if (!long.TryParse(form["product"], NumberStyles.None, CultureInfo.InvariantCulture, out var product)) return ToCart(visit, "product");
        if (CartStore.ParseQuantity(form["quantity"], allowZero: false) is not { } quantity) return ToCart(visit, "quantity");
        return ToCart(visit, await visit.Catalog.Carts.AddAsync(visit.Session, product, quantity, cancellationToken) ? null : "product");
    }

    private static async Task<IResult> UpdateAsync(HttpContext context, Visit visit, IFormCollection form, CancellationToken cancellationToken)
    {
        if (!int.TryParse(form["line"], NumberStyles.None, CultureInfo.InvariantCulture, out var line)) return ToCart(visit, "line");
        if (CartStore.ParseQuantity(form["quantity"], allowZero: true) is not { } quantity) return ToCart(visit, "quantity");
        return ToCart(visit, await visit.Catalog.Carts.SetQuantityAsync(visit.Session, line, quantity, cancellationToken) ? null : "line");
    }

    private static async Task<IResult> RemoveAsync(HttpContext context, Visit visit, IFormCollection form, CancellationToken cancellationToken)
    {
        if (!int.TryParse(form["line"], NumberStyles.None, CultureInfo.InvariantCulture, out var line)) return ToCart(visit, "line");
        return ToCart(visit, await visit.Catalog.Carts.SetQuantityAsync(visit.Session, line, 0, cancellationToken) ? null : "line");
    }

    private static async Task<IResult> TransferAsync(HttpContext context, Visit visit, IFormCollection form, CancellationToken cancellationToken) =>
        await ReturnAsync(context, visit, "transferred", await visit.Catalog.Carts.LinesAsync(visit.Session, cancellationToken), cancellationToken);

    private static Task<IResult> CancelAsync(HttpContext context, Visit visit, IFormCollection form, CancellationToken cancellationToken) =>
        ReturnAsync(context, visit, "cancelled", [], cancellationToken);

    // The cart goes back once: the session closes in the same step, so a second click (or a second process) finds it ended. The
    // form is made first, so a cart that cannot be written leaves the session open.
    private static async Task<IResult> ReturnAsync(HttpContext context, Visit visit, string state, IReadOnlyList<CartLine> lines, CancellationToken cancellationToken)
    {
        var (html, diagnostics) = visit.Session.Protocol == "cxml"
            ? CxmlForm(visit, lines)
            : OciPunchout.CartForm([.. lines.Select(l => CatalogTransfer.Line(l.Product, l.Quantity))], CatalogTransfer.Call(visit.Session));
        foreach (var diagnostic in diagnostics) LogCartDiagnostic(visit.Catalog.Logger, visit.Session.Id, visit.Session.Protocol, diagnostic.Message);
        if (html is null)
            return visit.Html(context, CatalogPages.Problem("The cart cannot be sent", "The cart could not be written for your procurement system; the supplier has been told."),
                StatusCodes.Status500InternalServerError);
        if (!await visit.Catalog.Sessions.CloseAsync(visit.Session.Id, state, lines, cancellationToken))
            return visit.Html(context, CatalogPages.Problem("Session ended", "This punchout session has ended already."), StatusCodes.Status410Gone);
        LogReturned(visit.Catalog.Logger, visit.Session.Id, state, lines.Count);
        return visit.Html(context, html, returnUrl: visit.Session.ReturnUrl, autoSubmit: true);
    }

    private static (string? Html, IReadOnlyList<Documents.Diagnostic> Diagnostics) CxmlForm(Visit visit, IReadOnlyList<CartLine> lines) =>
        visit.Partner is null
            ? (null, [new Documents.Diagnostic("punchout.partner.unknown", $"Partner {visit.Session.PartnerId} is no longer set up.", Documents.Severity.Error, Documents.Position.Unknown)])
            : visit.Catalog.CxmlCart.Render(visit.Session, visit.Partner, lines);

    [LoggerMessage(12, LogLevel.Warning, "Punchout session {Session}, {Protocol} cart form: {Finding}")]
    private static partial void LogCartDiagnostic(ILogger logger, Guid session, string protocol, string finding);

    private static IResult ToCart(Visit visit, string? problem) =>
        Results.Redirect($"/punchout/s/{visit.Token}/cart" + (problem is null ? "" : "?problem=" + problem));

    [LoggerMessage(10, LogLevel.Warning, "Punchout start refused: {Reason}")]
    private static partial void LogStartRefused(ILogger logger, string reason);

    [LoggerMessage(11, LogLevel.Information, "Punchout session {Session} {State} with {Lines} lines")]
    private static partial void LogReturned(ILogger logger, Guid session, string state, int lines);
}

/// <summary>What the catalog endpoints use, as one service so their handlers stay short.</summary>
internal sealed record CatalogContext(PunchoutSessionStore Sessions, CatalogStore Products, CartStore Carts, MappingsProvider Mappings,
    CxmlCartReturn CxmlCart, ILogger<CatalogContext> Logger);
