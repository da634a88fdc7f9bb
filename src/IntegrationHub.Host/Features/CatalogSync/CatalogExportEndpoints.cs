using System.Runtime.CompilerServices;
using Dapper;
using IntegrationHub.Features.Punchout;
using IntegrationHub.Formats.Catalog;
using IntegrationHub.Hosting;
using IntegrationHub.Pipeline;
using Microsoft.Extensions.Options;
using Npgsql;

namespace IntegrationHub.Features.CatalogSync;

/// <summary>Who the exported catalogs say they are from: <c>CatalogExport:SupplierDomain</c> (default DUNS) and <c>CatalogExport:SupplierId</c>.</summary>
internal sealed class CatalogExportOptions
{
    public const string Section = "CatalogExport";

    public string SupplierDomain { get; set; } = "DUNS";

    public string? SupplierId { get; set; }
}

/// <summary>
/// <c>GET /api/admin/catalog/export?partner=..&amp;format=index|cif</c> (admin key): the punchout catalog priced for one buyer
/// (the buyer organisation is the partner's id, as in its punchout sessions; the price at quantity 1 of its price list, or
/// the list price), as a cXML Index or a CIF 3.0 file for buyers who load static catalogs. Rows are read unbuffered and
/// written as they come, so 100,000 products never sit in memory.
/// </summary>
internal static class CatalogExportEndpoints
{
    public static void MapCatalogExport(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapAdminApi("/catalog")
            .MapGet("/export", ExportAsync).WithName("CatalogExport")
            .WithSummary("A buyer's catalog with its prices as a cXML Index (format=index) or CIF 3.0 (format=cif), streamed.");

    private static async Task<IResult> ExportAsync(HttpContext http, NpgsqlDataSource dataSource, MappingsProvider mappings, TimeProvider time,
        IOptions<CatalogExportOptions> options, string? partner, string? format, CancellationToken cancellationToken)
    {
        if (partner is null || mappings.Current.Partners.Find(partner) is null)
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown partner", detail: $"No partner '{partner}' is configured.");
        if (format is not ("index" or "cif"))
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown format", detail: "format is index (cXML Index) or cif (CIF 3.0).");
        if (options.Value.SupplierId is not { Length: > 0 } supplierId)
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "No supplier id",
                detail: "Set CatalogExport:SupplierId (and CatalogExport:SupplierDomain, default DUNS): the file names the supplier by it.");
        var supplier = new CatalogSupplier(options.Value.SupplierDomain, supplierId);
        var count = await CountAsync(dataSource, cancellationToken);
        if (count == 0 && format == "index")
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Empty catalog", detail: "A cXML Index needs at least one item; the catalog has none.");
        var comment = $"Catalog of {supplierId} for {partner}";
        var response = http.Response;
        response.ContentType = format == "index" ? "text/xml; charset=utf-8" : "text/plain; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"{partner}-catalog.{(format == "index" ? "xml" : "cif")}\"";
        var items = ItemsAsync(dataSource, partner, cancellationToken);
        if (format == "index") await CxmlIndexWriter.WriteAsync(response.Body, supplier, comment, items, cancellationToken);
        else await CifWriter.WriteAsync(response.Body, supplier, count, time.GetUtcNow(), comment, items, cancellationToken);
        return Results.Empty;
    }

    private static async Task<int> CountAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT count(*)::int FROM hub.catalog_products",
            cancellationToken: cancellationToken));
    }

    // Read with a plain data reader, row by row: nothing is buffered between the database and the response.
    private static async IAsyncEnumerable<CatalogExportItem> ItemsAsync(NpgsqlDataSource dataSource, string buyerOrg,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"""
            SELECT p.supplier_part_id, p.supplier_part_auxiliary_id, p.description, p.uom, {CatalogStore.BuyerPrice}, p.currency::text, p.unit_price,
                   p.unspsc, p.manufacturer_name, p.manufacturer_part_id, p.lead_time_days
            FROM hub.catalog_products p ORDER BY p.supplier_part_id, p.supplier_part_auxiliary_id
            """, connection);
        command.Parameters.AddWithValue("Org", buyerOrg);
        command.Parameters.Add(new NpgsqlParameter("Contract", NpgsqlTypes.NpgsqlDbType.Text) { Value = DBNull.Value });
        command.Parameters.AddWithValue("Quantity", 1m);
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new CatalogExportItem(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetDecimal(4),
                reader.GetString(5), reader.GetDecimal(6), Text(reader, 7), Text(reader, 8), Text(reader, 9), reader.IsDBNull(10) ? null : reader.GetInt32(10));
        }
    }

    private static string? Text(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
