using System.ComponentModel.DataAnnotations;

namespace IntegrationHub.Persistence;

/// <summary>The <c>Database</c> section. The connection string itself is <c>ConnectionStrings:Hub</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";
    public const string ConnectionStringName = "Hub";

    /// <summary>
    /// Where the embedded PostgreSQL cluster keeps its files when no connection string is configured; relative paths are
    /// taken from the content root (the project folder under <c>dotnet run</c>, the working directory otherwise).
    /// Default <c>.hub/postgres</c>.
    /// </summary>
    [Required]
    public string EmbeddedPath { get; set; } = ".hub/postgres";

    /// <summary>How long one attempt to reach and migrate the database may take before the hub reports it and retries.</summary>
    [Range(1, 600)]
    public int StartupAttemptSeconds { get; set; } = 10;
}
