using System.Net.Sockets;
using IntegrationHub.Jobs;
using IntegrationHub.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;
using Serilog;

namespace IntegrationHub.Hosting;

/// <summary>The composition root: what Program.cs calls.</summary>
public static class HubSetup
{
    /// <summary>Registers everything the hub needs, per the roles in configuration.</summary>
    public static void AddHub(this WebApplicationBuilder builder)
    {
        builder.AddHubLogging();
        var services = builder.Services;
        var configuration = builder.Configuration;

        services.AddOptions<HubOptions>().BindConfiguration(HubOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<HubOptions>, HubOptionsValidator>();
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var hub = configuration.GetSection(HubOptions.Section).Get<HubOptions>() ?? new HubOptions();

        var database = new HubDatabase(configuration.GetConnectionString(DatabaseOptions.ConnectionStringName));
        services.AddSingleton(database);
        services.AddSingleton(provider => provider.GetRequiredService<HubDatabase>().DataSource);
        services.AddSingleton<DatabaseLifecycle>();
        services.AddHostedService(provider => provider.GetRequiredService<DatabaseLifecycle>());

        services.AddHubAdminAuthentication(hub, database);
        services.AddProblemDetails();
        services.AddHubOpenApi();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [HealthEndpoints.ReadyTag], timeout: TimeSpan.FromSeconds(3));
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = hub.MaxRequestBodyBytes);
        services.AddHubJobs(hub.Roles);
        services.AddHostedService<StartupBanner>();
    }

    /// <summary>Maps the endpoints of the Web role; health endpoints are mapped in every role.</summary>
    public static void MapHub(this WebApplication app)
    {
        app.UseSerilogRequestLogging();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHubHealth();

        var roles = app.Services.GetRequiredService<IOptions<HubOptions>>().Value.Roles;
        if (!roles.HasFlag(HubRoles.Web)) return;

        app.MapOpenApi().AllowAnonymous();
        // Everything the page needs is served from the package; nothing is fetched from elsewhere (fonts, agent, telemetry).
        app.MapScalarApiReference("/api-reference", reference => reference
            .WithTitle("IntegrationHub API")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .DisableDefaultFonts().DisableAgent().DisableTelemetry().HideDeveloperTools()).AllowAnonymous();
        app.MapHubDashboard();
        app.MapAdminEndpoints();
    }

    /// <summary>Runs the hub, or with <c>--migrate</c> applies the migrations and exits.</summary>
    public static async Task<int> RunHubAsync(this WebApplication app, string[] args)
    {
        if (args.Contains("--migrate", StringComparer.Ordinal))
        {
            await app.Services.GetRequiredService<DatabaseLifecycle>().MigrateOnceAsync(CancellationToken.None);
            return 0;
        }
        try
        {
            await app.RunAsync();
            return 0;
        }
        catch (IOException ex) when (ex.InnerException is AddressInUseException || ex.InnerException is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse })
        {
            throw new HubStartupException($"{ex.Message} Another program holds the port; stop it or choose another with --urls or ASPNETCORE_URLS.", ex);
        }
    }

    private static void AddHubAdminAuthentication(this IServiceCollection services, HubOptions hub, HubDatabase database)
    {
        GeneratedAdminKey generated;
        if (!string.IsNullOrWhiteSpace(hub.AdminApiKey))
        {
            services.AddSingleton(AdminKey.FromConfiguration(hub.AdminApiKey));
            generated = new GeneratedAdminKey(null);
        }
        else if (database.IsEmbedded)
        {
            var (key, plain) = AdminKey.Generate();
            services.AddSingleton(key);
            generated = new GeneratedAdminKey(plain);
        }
        else
        {
            throw new HubStartupException(
                "Hub:AdminApiKey is required when ConnectionStrings:Hub is set (it guards the admin API and the jobs dashboard). " +
                "Set Hub__AdminApiKey to a long random secret.");
        }
        services.AddSingleton(generated);
        services.AddAuthentication(AdminAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, AdminAuthenticationHandler>(AdminAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(AdminAuthenticationHandler.Policy, policy => policy
                .AddAuthenticationSchemes(AdminAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser());
    }
}
