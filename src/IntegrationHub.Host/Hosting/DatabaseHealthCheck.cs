using IntegrationHub.Persistence;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IntegrationHub.Hosting;

/// <summary>
/// Ready means: migrated by this process, and answering a query now. The endpoint is anonymous, so it says only that
/// the database is not ready; the reason (which may name users, hosts or SQL states) is in the log and /api/admin/status.
/// </summary>
internal sealed class DatabaseHealthCheck(HubDatabase database) : IHealthCheck
{
    public const string NotReady = "database not ready (the hub's log and /api/admin/status say why)";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!database.IsReady) return HealthCheckResult.Unhealthy(NotReady);
        try
        {
            await using var command = database.DataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy("database migrated and answering");
        }
        catch (Exception ex) when (DatabaseLifecycle.IsDatabaseProblem(ex))
        {
            return HealthCheckResult.Unhealthy(NotReady);
        }
    }
}
