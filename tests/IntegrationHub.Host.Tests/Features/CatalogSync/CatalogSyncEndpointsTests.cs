using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace IntegrationHub.Host.Tests.Features.CatalogSync;

public sealed class CatalogSyncEndpointsTests(CatalogSyncFixture hub) : IClassFixture<CatalogSyncFixture>, IAsyncLifetime
{
    public ValueTask InitializeAsync() => new(hub.ResetAsync());

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Resync_RunsAFullSyncReadableInTheRuns_WhenPostedWithTheAdminKey()
    {
        var cancellation = TestContext.Current.CancellationToken;
        hub.Page(null, new { products = new[] { new { supplierPartId = "WR-1", description = "Torque wrench", uom = "EA", unitPrice = 9m, currency = "EUR" } },
            nextCursor = "c1", hasMore = false });
        using var admin = hub.App.CreateAdminClient();

        var queued = await admin.PostAsync("/api/admin/catalog-sync/resync", null, cancellation);
        Assert.Equal(HttpStatusCode.Accepted, queued.StatusCode);

        JsonElement run = default;
        for (var tries = 0; tries < 100; tries++)
        {
            var runs = await admin.GetFromJsonAsync<JsonElement>("/api/admin/catalog-sync/runs", cancellation);
            if (runs.GetArrayLength() == 1 && runs[0].GetProperty("status").GetString() != "running")
            {
                run = runs[0];
                break;
            }
            await Task.Delay(200, cancellation);
        }
        Assert.Equal(JsonValueKind.Object, run.ValueKind);
        Assert.Equal("full", run.GetProperty("kind").GetString());
        Assert.Equal("succeeded", run.GetProperty("status").GetString());
        Assert.Equal(1, run.GetProperty("upserted").GetInt32());
        Assert.True(run.GetProperty("durationMs").GetDouble() >= 0);
    }

    [Fact]
    public async Task Runs_IsUnauthorized_WithoutTheAdminKey()
    {
        using var anonymous = hub.App.CreateClient();

        var answer = await anonymous.GetAsync("/api/admin/catalog-sync/runs", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
    }
}
