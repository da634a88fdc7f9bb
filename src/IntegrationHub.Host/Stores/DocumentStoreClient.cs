using Polly.CircuitBreaker;
using Polly.Timeout;

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

    /// <summary>Posts a vendor's document to <c>{records}</c> with its idempotency key; never throws for the store's failures.</summary>
    public async Task<StoreDeliveryResult> SendAsync(StoreDocumentRequest request, string idempotencyKey, CancellationToken cancellationToken)
    {
        if (http.BaseAddress is null) return new StoreDeliveryResult(StoreDeliveryOutcome.Transient, $"{setting} is not configured.", null);
        using var message = new HttpRequestMessage(HttpMethod.Post, records)
        {
            Content = StorePages.Json(request, DocumentStoreJson.Default.StoreDocumentRequest),
        };
        message.Headers.Add(OrderStoreClient.IdempotencyHeader, idempotencyKey);
        try
        {
            using var response = await http.SendAsync(message, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode) return new StoreDeliveryResult(StoreDeliveryOutcome.Delivered, $"The store answered {status}.", status);
            return new StoreDeliveryResult(StorePages.IsTransient(response.StatusCode) ? StoreDeliveryOutcome.Transient : StoreDeliveryOutcome.Permanent,
                $"The store answered {status}: {StorePages.Shorten(body)}", status);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException or BrokenCircuitException or TaskCanceledException
                                   && !cancellationToken.IsCancellationRequested)
        {
            return new StoreDeliveryResult(StoreDeliveryOutcome.Transient, $"The store could not be reached: {ex.Message}", null);
        }
    }
}

/// <summary>The shipment store (<c>Stores:Shipments:BaseUrl</c>): <c>GET shipments</c>.</summary>
public sealed class ShipmentStoreClient(HttpClient http) : DocumentStoreClient(http, "Stores:Shipments:BaseUrl", "shipments");

/// <summary>The invoice store (<c>Stores:Invoices:BaseUrl</c>): <c>GET invoices</c>.</summary>
public sealed class InvoiceStoreClient(HttpClient http) : DocumentStoreClient(http, "Stores:Invoices:BaseUrl", "invoices");
