using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace IntegrationHub.Stores;

/// <summary>How one page request to a store ended: the page, or why there is none.</summary>
public sealed record StorePage<T>(T? Page, string? Failure, int? HttpStatus) where T : class;

/// <summary>
/// The one way the hub reads a page from a store's HTTP JSON contract: <c>GET {path}?limit=&amp;updatedSince=</c>, the
/// cursor absent on the first call. Never throws for the store's failures (an answer that is not 2xx, a body that is not
/// a page, no answer): it says what happened, and the caller's next run asks again.
/// </summary>
internal static class StorePages
{
    public static async Task<StorePage<T>> GetAsync<T>(HttpClient http, string setting, string path, string? cursor, int limit, JsonTypeInfo<T> page,
        CancellationToken cancellationToken) where T : class
    {
        if (http.BaseAddress is null) return new(null, $"{setting} is not configured.", null);
        var query = $"{path}?limit={limit}" + (cursor is null ? "" : "&updatedSince=" + Uri.EscapeDataString(cursor));
        try
        {
            using var response = await http.GetAsync(query, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode) return new(null, $"The store answered {status}: {Shorten(body)}", status);
            try
            {
                if (JsonSerializer.Deserialize(body, page) is { } found) return new(found, null, status);
            }
            catch (JsonException)
            {
            }
            return new(null, $"The store answered {status} without a page the contract knows: {Shorten(body)}", status);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException or BrokenCircuitException or TaskCanceledException
                                   && !cancellationToken.IsCancellationRequested)
        {
            return new(null, $"The store could not be reached: {ex.Message}", null);
        }
    }

    /// <summary>
    /// Whether a store's non-2xx answer to a POST is worth trying again: 409 is "a call with this idempotency key is still
    /// running" in the contracts, 401/403/404 a store being (re)deployed or misconfigured; any other 4xx refuses the data.
    /// </summary>
    public static bool IsTransient(System.Net.HttpStatusCode status) =>
        status is System.Net.HttpStatusCode.RequestTimeout or System.Net.HttpStatusCode.Conflict or System.Net.HttpStatusCode.TooManyRequests
            or System.Net.HttpStatusCode.Unauthorized or System.Net.HttpStatusCode.Forbidden or System.Net.HttpStatusCode.NotFound || (int)status >= 500;

    /// <summary>A store's answer, cut to a length fit for a log line or an error column.</summary>
    /// <summary>
    /// A JSON request body with its Content-Length. <c>JsonContent</c> streams with chunked transfer encoding, which some
    /// stores and proxies refuse (a simple HTTP/1.1 server then reads the chunks as the next request).
    /// </summary>
    public static ByteArrayContent Json<T>(T value, JsonTypeInfo<T> type)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(value, type));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    public static string Shorten(string text) => text.Length <= 500 ? text : text[..500] + "…";
}
