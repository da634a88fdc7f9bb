using System.Text.Json;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace IntegrationHub.Stores;

/// <summary>The <c>Stores:Catalog</c> configuration section.</summary>
public sealed class CatalogStoreOptions
{
    public const string Section = "Stores:Catalog";

    /// <summary>The store's base address; empty: catalog sync is off.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>Minutes between incremental syncs.</summary>
    public int IntervalMinutes { get; set; } = 15;

    /// <summary>Changes asked for per page.</summary>
    public int PageSize { get; set; } = 500;
}

/// <summary>
/// The typed client of the catalog store's HTTP JSON contract (docs/stores.md): <c>GET catalog/changes?updatedSince=&amp;limit=</c>.
/// Transient failures are retried by the standard resilience handler within a call, and by the next sync run across calls.
/// </summary>
public sealed class CatalogStoreClient(HttpClient http)
{
    /// <summary>The page of changes after <paramref name="cursor"/> (null: from the beginning); never throws for the store's failures.</summary>
    public async Task<CatalogStoreResult> ChangesAsync(string? cursor, int limit, CancellationToken cancellationToken)
    {
        if (http.BaseAddress is null) return new CatalogStoreResult.Failed("Stores:Catalog:BaseUrl is not configured.", null);
        var query = $"catalog/changes?limit={limit}" + (cursor is null ? "" : "&updatedSince=" + Uri.EscapeDataString(cursor));
        try
        {
            using var response = await http.GetAsync(query, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode) return new CatalogStoreResult.Failed($"The store answered {status}: {Shorten(body)}", status);
            try
            {
                var page = JsonSerializer.Deserialize(body, CatalogStoreJson.Default.CatalogStorePage);
                if (page is not null) return new CatalogStoreResult.Page(page);
            }
            catch (JsonException)
            {
            }
            return new CatalogStoreResult.Failed($"The store answered {status} without a page the contract knows: {Shorten(body)}", status);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException or BrokenCircuitException or TaskCanceledException
                                   && !cancellationToken.IsCancellationRequested)
        {
            return new CatalogStoreResult.Failed($"The store could not be reached: {ex.Message}", null);
        }
    }

    private static string Shorten(string text) => text.Length <= 500 ? text : text[..500] + "…";
}
