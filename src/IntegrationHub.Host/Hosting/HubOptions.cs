using System.ComponentModel.DataAnnotations;

namespace IntegrationHub.Hosting;

/// <summary>What one Host process does. A process runs both roles by default; a deployment can split them.</summary>
[Flags]
public enum HubRoles
{
    /// <summary>No role: a configuration mistake, refused at start.</summary>
    None = 0,

    /// <summary>The HTTP endpoints: protocol intake, admin API, dashboard, API reference.</summary>
    Web = 1,

    /// <summary>The Hangfire server that runs background jobs.</summary>
    Worker = 2,
}

/// <summary>The <c>Hub</c> configuration section.</summary>
public sealed class HubOptions
{
    public const string Section = "Hub";

    /// <summary>The shortest admin key accepted: the key is compared by a fast hash, so it must be long and random.</summary>
    public const int MinimumAdminKeyLength = 32;

    /// <summary>Roles of this process, for example <c>Web,Worker</c> (the default), <c>Web</c> or <c>Worker</c>.</summary>
    public HubRoles Roles { get; set; } = HubRoles.Web | HubRoles.Worker;

    /// <summary>
    /// The key that opens the admin API and the Hangfire dashboard. Required when a connection string is configured;
    /// with the embedded database and no key, a fresh key is generated at every start and printed to the console.
    /// </summary>
    public string? AdminApiKey { get; set; }

    /// <summary>The largest request body any endpoint accepts, in bytes. Default 10 MiB.</summary>
    [Range(1024, 1L << 31)]
    public long MaxRequestBodyBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>
    /// The mappings folder (maps, code lists, partners), relative to the content root; empty to use the nearest
    /// <c>mappings</c> folder at or above it.
    /// </summary>
    public string? MappingsPath { get; set; }

    /// <summary>Hangfire worker threads in this process (Worker role only).</summary>
    [Range(1, 256)]
    public int WorkerCount { get; set; } = 4;
}

/// <summary>Checks what data annotations cannot: the roles.</summary>
internal sealed class HubOptionsValidator : Microsoft.Extensions.Options.IValidateOptions<HubOptions>
{
    public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, HubOptions options)
    {
        if (options.Roles == HubRoles.None)
            return Microsoft.Extensions.Options.ValidateOptionsResult.Fail("Hub:Roles names no role; use Web, Worker or Web,Worker.");
        if (options.AdminApiKey is { Length: > 0 and < HubOptions.MinimumAdminKeyLength })
            return Microsoft.Extensions.Options.ValidateOptionsResult.Fail(
                $"Hub:AdminApiKey is {options.AdminApiKey.Length} characters; use a random secret of at least {HubOptions.MinimumAdminKeyLength}.");
        return Microsoft.Extensions.Options.ValidateOptionsResult.Success;
    }
}
