using IntegrationHub.Persistence;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Hosting;

/// <summary>The admin API's status endpoint: what this process is and how its database stands.</summary>
internal static class AdminEndpoints
{
    /// <summary>
    /// The admin API under <c>/api/admin</c> (or a part of it, <paramref name="under"/>): behind the admin key, tagged Admin in
    /// the OpenAPI document. Every feature's admin endpoints are mapped on it, so the key is required in one place.
    /// </summary>
    public static RouteGroupBuilder MapAdminApi(this IEndpointRouteBuilder endpoints, string under = "") =>
        endpoints.MapGroup("/api/admin" + under).RequireAuthorization(AdminAuthenticationHandler.Policy).WithTags("Admin");

    public static void MapAdminEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapAdminApi();
        admin.MapGet("/status", GetStatusAsync)
            .WithName("GetStatus")
            .WithSummary("This process's roles, version and database state.");
    }

    public sealed record StatusResponse(string Version, string Roles, bool EmbeddedDatabase, bool DatabaseReady, int? SchemaVersion, string? DatabaseProblem,
        MappingsStatus Mappings);

    /// <summary>The mappings in use, and the mistakes of a refused reload (the hub then keeps the previous set).</summary>
    public sealed record MappingsStatus(int Maps, int Partners, DateTimeOffset LoadedAt, int Reloads, IReadOnlyList<string> Mistakes, IReadOnlyList<string> RefusedReload);

    private static async Task<StatusResponse> GetStatusAsync(HubDatabase database, IOptions<HubOptions> options, Pipeline.MappingsProvider mappings,
        CancellationToken cancellationToken)
    {
        var state = mappings.State; // one read: the set, its reload count and the refused mistakes of one moment
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
            problem,
            new MappingsStatus(state.Set.Maps.Maps.Count, state.Set.Partners.Partners.Count, state.Set.LoadedAt, state.Reloads,
                [.. state.Set.Errors.Select(e => e.ToString())], [.. state.RefusedReload.Select(e => e.ToString())]));
    }
}
