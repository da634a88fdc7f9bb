using IntegrationHub.Persistence;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IntegrationHub.Hosting;

/// <summary>Ready means: migrated by this process, and answering a query now.</summary>
internal sealed class DatabaseHealthCheck(HubDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!database.IsReady) return HealthCheckResult.Unhealthy(database.Problem);
        try
        {
            await using var command = database.DataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy($"reachable, schema version {MigrationRunner.LatestVersion}");
        }
        catch (Exception ex) when (DatabaseLifecycle.IsUnavailable(ex))
        {
            return HealthCheckResult.Unhealthy(DatabaseLifecycle.Describe(ex));
        }
    }
}
