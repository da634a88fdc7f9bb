using IntegrationHub.Persistence;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Hosting;

/// <summary>The admin API's status endpoint: what this process is and how its database stands.</summary>
internal static class AdminEndpoints
{
    public static void MapAdminEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup("/api/admin").RequireAuthorization(AdminAuthenticationHandler.Policy).WithTags("Admin");
        admin.MapGet("/status", GetStatusAsync)
            .WithName("GetStatus")
            .WithSummary("This process's roles, version and database state.");
    }

    public sealed record StatusResponse(string Version, string Roles, bool EmbeddedDatabase, bool DatabaseReady, int? SchemaVersion, string? DatabaseProblem);

    private static async Task<StatusResponse> GetStatusAsync(HubDatabase database, IOptions<HubOptions> options, CancellationToken cancellationToken)
    {
        int? schema = null;
        if (database.IsReady)
        {
            try
            {
                schema = await MigrationRunner.CurrentVersionAsync(database.DataSource, cancellationToken);
            }
            catch (Exception ex) when (DatabaseLifecycle.IsDatabaseProblem(ex))
            {
                return Status(DatabaseLifecycle.Describe(ex));
            }
        }
        return Status(database.Problem);

        StatusResponse Status(string? problem) => new(
            typeof(AdminEndpoints).Assembly.GetName().Version?.ToString() ?? "unknown",
            options.Value.Roles.ToString(),
            database.IsEmbedded,
            database.IsReady && problem is null,
            schema,
            problem);
    }
}
