namespace IntegrationHub.Stores;

/// <summary>
/// The typed client of a shipment or invoice store's HTTP JSON contract (docs/stores.md): <c>GET {records}?updatedSince=&amp;limit=</c>.
/// Transient failures are retried by the standard resilience handler within a call, and by the next poll across calls.
/// </summary>
public abstract class DocumentStoreClient(HttpClient http, string setting, string records)
{
    /// <summary>The page of records after <paramref name="cursor"/> (null: from the beginning); never throws for the store's failures.</summary>
    public Task<StorePage<DocumentStorePage>> RecordsAsync(string? cursor, int limit, CancellationToken cancellationToken) =>
        StorePages.GetAsync(http, setting, records, cursor, limit, DocumentStoreJson.Default.DocumentStorePage, cancellationToken);
}

/// <summary>The shipment store (<c>Stores:Shipments:BaseUrl</c>): <c>GET shipments</c>.</summary>
public sealed class ShipmentStoreClient(HttpClient http) : DocumentStoreClient(http, "Stores:Shipments:BaseUrl", "shipments");

/// <summary>The invoice store (<c>Stores:Invoices:BaseUrl</c>): <c>GET invoices</c>.</summary>
public sealed class InvoiceStoreClient(HttpClient http) : DocumentStoreClient(http, "Stores:Invoices:BaseUrl", "invoices");
