using System.Globalization;
using System.Net;
using System.Text;

namespace IntegrationHub.Features.Punchout;

/// <summary>A small HTML writer: text is always escaped; only the markup written here is raw.</summary>
internal sealed class CatalogHtml
{
    private readonly StringBuilder _html = new();

    public CatalogHtml Raw(string markup)
    {
        _html.Append(markup);
        return this;
    }

    /// <summary>Escaped text (safe in element content and in double-quoted attributes).</summary>
    public CatalogHtml Text(string? text)
    {
        _html.Append(WebUtility.HtmlEncode(text ?? string.Empty));
        return this;
    }

    public CatalogHtml Element(string tag, string? text, string? cssClass = null)
    {
        _html.Append('<').Append(tag);
        if (cssClass is not null) _html.Append(" class=\"").Append(cssClass).Append('"');
        _html.Append('>');
        Text(text);
        _html.Append("</").Append(tag).Append('>');
        return this;
    }

    public CatalogHtml Link(string href, string text) => Raw("<a href=\"").Text(href).Raw("\">").Text(text).Raw("</a>");

    public CatalogHtml Hidden(string name, string value) => Raw("<input type=\"hidden\" name=\"").Text(name).Raw("\" value=\"").Text(value).Raw("\">");

    public override string ToString() => _html.ToString();

    public static string Money(decimal amount, string currency) => amount.ToString("0.00##", CultureInfo.InvariantCulture) + " " + currency;

    public static string Quantity(decimal quantity) => quantity.ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>A whole page: <paramref name="title"/> in the head, <paramref name="body"/> inside it.</summary>
    public static string Page(string title, string body) =>
        new CatalogHtml().Raw("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Raw("<title>").Text(title).Raw("</title><link rel=\"stylesheet\" href=\"/punchout/catalog.css\"></head>\n<body>\n")
            .Raw(body).Raw("\n</body></html>\n").ToString();

    /// <summary>The stylesheet of every punchout page (served from the hub, so the CSP needs no inline style).</summary>
    public const string Stylesheet = """
        body { font-family: system-ui, sans-serif; margin: 0; color: #1d2330; background: #f6f7f9; }
        header { display: flex; gap: 1rem; align-items: center; padding: .6rem 1rem; background: #1d3557; color: #fff; flex-wrap: wrap; }
        header a { color: #fff; } header form { display: flex; gap: .3rem; flex: 1; } header input[type=search] { flex: 1; max-width: 28rem; }
        main { padding: 1rem; } .buyer { margin: 0; padding: .4rem 1rem; background: #e8edf4; font-size: .9rem; }
        table { border-collapse: collapse; width: 100%; background: #fff; } th, td { text-align: left; padding: .4rem .5rem; border-bottom: 1px solid #dde2ea; vertical-align: top; }
        td.number, th.number { text-align: right; } form.inline { display: inline-flex; gap: .3rem; } input[type=number] { width: 6rem; }
        .actions { display: flex; gap: 1rem; margin-top: 1rem; } .error { color: #9b1c1c; } .muted { color: #5b6475; font-size: .9rem; }
        nav.categories ul { list-style: none; padding-left: 1rem; } button.primary { background: #1d3557; color: #fff; border: 0; padding: .5rem 1rem; }
        """;
}
