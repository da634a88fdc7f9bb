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
        var result = await StorePages.GetAsync(http, "Stores:Catalog:BaseUrl", "catalog/changes", cursor, limit, CatalogStoreJson.Default.CatalogStorePage,
            cancellationToken);
        return result.Page is { } page ? new CatalogStoreResult.Page(page) : new CatalogStoreResult.Failed(result.Failure!, result.HttpStatus);
    }
}
