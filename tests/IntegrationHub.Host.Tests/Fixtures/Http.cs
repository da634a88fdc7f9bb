using System.Net;
using System.Text.Json;

namespace IntegrationHub.Host.Tests.Fixtures;

internal static class Http
{
    /// <summary>The status code and the parsed JSON body of a GET.</summary>
    public static async Task<(HttpStatusCode Status, JsonElement Body)> GetJsonAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>The status code and the parsed JSON body of a POST without a body.</summary>
    public static async Task<(HttpStatusCode Status, JsonElement Body)> PostJsonAsync(this HttpClient client, string path)
    {
        using var response = await client.PostAsync(path, null, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>Polls until <paramref name="done"/> holds or the time is up; returns whether it held. A bounded wait, not a timing assertion.</summary>
    public static async Task<bool> EventuallyAsync(Func<Task<bool>> done, TimeSpan within)
    {
        var until = DateTime.UtcNow + within;
        while (DateTime.UtcNow < until)
        {
            if (await done()) return true;
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
        return await done();
    }

    /// <summary>A loopback port that nothing listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
