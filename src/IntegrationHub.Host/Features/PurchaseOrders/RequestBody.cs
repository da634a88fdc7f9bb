namespace IntegrationHub.Features.PurchaseOrders;

/// <summary>Reads a request body whole; the server's limit (Hub:MaxRequestBodyBytes) refuses a larger one with 413.</summary>
internal static class RequestBody
{
    public static async Task<byte[]> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = request.ContentLength is { } length and < int.MaxValue ? new MemoryStream((int)length) : new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }
}
