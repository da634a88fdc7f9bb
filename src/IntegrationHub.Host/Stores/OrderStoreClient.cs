using System.Text.Json;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace IntegrationHub.Stores;

/// <summary>The <c>Stores:Order</c> configuration section.</summary>
public sealed class OrderStoreOptions
{
    public const string Section = "Stores:Order";

    /// <summary>The store's base address, such as <c>https://erp.example/hub/</c>; empty: orders wait (retrying) until it is set.</summary>
    public Uri? BaseUrl { get; set; }
}

/// <summary>
/// The typed client of the order store's HTTP JSON contract (docs/stores.md). Every call carries an
/// <c>Idempotency-Key</c>, the same on every retry of the same order, so the store creates an order once. Transient
/// failures are retried by the standard resilience handler within a call, and by the delivery job across calls.
/// </summary>
public sealed class OrderStoreClient(HttpClient http)
{
    public const string IdempotencyHeader = "Idempotency-Key";

    /// <summary>Posts one order; never throws for the store's failures, only says how the call ended.</summary>
    public async Task<OrderStoreResult> SendAsync(OrderStoreRequest request, string idempotencyKey, CancellationToken cancellationToken)
    {
        if (http.BaseAddress is null) return new OrderStoreResult.Transient("Stores:Order:BaseUrl is not configured.", null);
        using var message = new HttpRequestMessage(HttpMethod.Post, request.Kind == "change" ? "order-changes" : "orders")
        {
            Content = StorePages.Json(request, OrderStoreJson.Default.OrderStoreRequest),
        };
        message.Headers.Add(IdempotencyHeader, idempotencyKey);
        try
        {
            using var response = await http.SendAsync(message, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode) return Answer(body, status);
            if (StorePages.IsTransient(response.StatusCode)) return new OrderStoreResult.Transient($"The store answered {status}: {StorePages.Shorten(body)}", status);
            return new OrderStoreResult.Permanent($"The store refused the order with {status}: {StorePages.Shorten(body)}", status);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException or BrokenCircuitException or TaskCanceledException
                                   && !cancellationToken.IsCancellationRequested)
        {
            return new OrderStoreResult.Transient($"The store could not be reached: {ex.Message}", null);
        }
    }

    private static OrderStoreResult Answer(string body, int status)
    {
        try
        {
            var answer = JsonSerializer.Deserialize(body, OrderStoreJson.Default.OrderStoreAnswer);
            if (answer is not null && OrderStoreAnswer.Statuses.Contains(answer.Status)) return new OrderStoreResult.Answered(answer, status, body);
        }
        catch (JsonException)
        {
        }
        return new OrderStoreResult.Permanent($"The store answered {status} without an answer the contract knows: {StorePages.Shorten(body)}", status);
    }

}
