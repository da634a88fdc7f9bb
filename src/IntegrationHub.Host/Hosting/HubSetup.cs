using System.Net.Sockets;
using IntegrationHub.Features.Punchout;
using IntegrationHub.Jobs;
using IntegrationHub.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;
using Serilog;
using Serilog.Events;

namespace IntegrationHub.Hosting;

/// <summary>The composition root: what Program.cs calls.</summary>
public static class HubSetup
{
    /// <summary>The address the hub listens on when nothing (--urls, ASPNETCORE_URLS, ASPNETCORE_HTTP_PORTS, Kestrel:Endpoints) says otherwise.</summary>
    public const string DefaultUrl = "http://localhost:5080";

    /// <summary>Registers everything the hub needs, per the roles in configuration.</summary>
    /// <exception cref="HubStartupException">The configuration is wrong; the message says which key and why.</exception>
    public static void AddHub(this WebApplicationBuilder builder, HubCommandLine? command = null)
    {
        command ??= new HubCommandLine(MigrateOnly: false, []);
        builder.AddHubLogging();
        var services = builder.Services;
        var configuration = builder.Configuration;

        services.AddOptions<HubOptions>().BindConfiguration(HubOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<HubOptions>, HubOptionsValidator>();
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var hub = ValidatedOptions<HubOptions>(configuration, HubOptions.Section, new HubOptionsValidator());
        ValidatedOptions<DatabaseOptions>(configuration, DatabaseOptions.Section, null);
        if (!HasConfiguredAddress(configuration)) builder.WebHost.UseUrls(DefaultUrl);

        var database = new HubDatabase(configuration.GetConnectionString(DatabaseOptions.ConnectionStringName));
        services.AddSingleton(database);
        services.AddSingleton(provider => provider.GetRequiredService<HubDatabase>().DataSource);
        services.AddSingleton<DatabaseLifecycle>();
        services.AddHostedService(provider => provider.GetRequiredService<DatabaseLifecycle>());

        services.AddHubAdminAuthentication(hub, database, command.MigrateOnly);
        services.AddAntiforgery(); // Hangfire's dashboard then checks its anti-forgery token on every POST
        services.AddProblemDetails();
        services.AddHubOpenApi();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [HealthEndpoints.ReadyTag], timeout: TimeSpan.FromSeconds(3));
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = hub.MaxRequestBodyBytes);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<Pipeline.MappingsProvider>();
        services.AddHostedService(provider => provider.GetRequiredService<Pipeline.MappingsProvider>());
        services.AddHubJobs(hub.Roles);
        Features.PurchaseOrders.PurchaseOrdersSetup.AddPurchaseOrders(services, hub.Roles);
        builder.AddPunchout(database);
        Features.CatalogSync.CatalogSyncSetup.AddCatalogSync(services, hub.Roles);
        Features.AckTracking.AckTrackingSetup.AddAckTracking(services, hub.Roles);
        Features.OrderReview.OrderReviewSetup.AddOrderReview(services);
        services.AddHostedService<StartupBanner>();
    }

    /// <summary>Maps the endpoints of the Web role; health endpoints are mapped in every role.</summary>
    public static void MapHub(this WebApplication app)
    {
        // Paths are logged without the punchout session tokens they may carry (the start token is in the query, never logged).
        app.UseSerilogRequestLogging(logging => logging.GetMessageTemplateProperties = (context, path, elapsed, status) =>
        [
            new("RequestMethod", new ScalarValue(context.Request.Method)),
            new("RequestPath", new ScalarValue(PunchoutTokens.RedactPath(path))),
            new("StatusCode", new ScalarValue(status)),
            new("Elapsed", new ScalarValue(elapsed)),
        ]);
        // A request the server refuses (a body over Hub:MaxRequestBodyBytes, a malformed form) answers its own status
        // (413, 400) as ProblemDetails, not 500.
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = StatusCodeOf,
        });
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
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
        Features.PurchaseOrders.PurchaseOrdersSetup.MapPurchaseOrders(app);
        app.MapPunchout();
        Features.CatalogSync.CatalogSyncSetup.MapCatalogSync(app);
        Features.AckTracking.AckTrackingSetup.MapAckTracking(app);
        Features.OrderStatus.OrderStatusEndpoints.MapOrderStatus(app);
        Features.OrderReview.OrderReviewSetup.MapOrderReview(app);
    }

    // The refusal may come wrapped (the anti-forgery check reads the form and wraps what reading it threw).
    private static int StatusCodeOf(Exception exception)
    {
        for (var at = exception; at is not null; at = at.InnerException)
        {
            if (at is BadHttpRequestException bad) return bad.StatusCode;
        }
        return StatusCodes.Status500InternalServerError;
    }

    /// <summary>Runs the hub, or with <c>--migrate</c> applies the migrations and exits.</summary>
    /// <exception cref="HubStartupException">The hub cannot start; the message says why and what to do.</exception>
    public static async Task<int> RunHubAsync(this WebApplication app, HubCommandLine command)
    {
        var database = app.Services.GetRequiredService<DatabaseLifecycle>();
        if (command.MigrateOnly)
        {
            await database.MigrateOnceAsync(CancellationToken.None);
            return 0;
        }
        try
        {
            // The database comes up before the host starts, so that its failures end here as one line, not as a
            // "hosting failed to start" stack trace; the hosted service then finds it started.
            await database.StartAsync(CancellationToken.None);
            await RunOrStopAsync(app);
            return 0;
        }
        catch (IOException ex) when (ex.InnerException is AddressInUseException || ex.InnerException is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse })
        {
            throw new HubStartupException($"{ex.Message} Another program holds the port; stop it or choose another with --urls or ASPNETCORE_URLS.", ex);
        }
        catch (OptionsValidationException ex)
        {
            throw new HubStartupException(ex.Message, ex);
        }
        finally
        {
            await database.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>
    /// Runs the host. When it fails to start (a taken port, say), the services that did start are stopped here, while the
    /// database still runs: the host does not stop them itself, and disposing them after the database is gone would print
    /// the Hangfire server's and the background services' stack traces after the one line that says why.
    /// </summary>
    private static async Task RunOrStopAsync(WebApplication app)
    {
        try
        {
            await app.StartAsync();
        }
        catch
        {
            try
            {
                await app.StopAsync();
            }
            catch (Exception stopping) when (stopping is OperationCanceledException or ObjectDisposedException or InvalidOperationException)
            {
                // The start failure is the one to report.
            }
            throw;
        }
        await app.WaitForShutdownAsync();
    }

    // Binding a typo ("Wroker", "abc" for a number) throws; so does a value outside its range. Both become one line.
    private static T ValidatedOptions<T>(IConfiguration configuration, string section, IValidateOptions<T>? validator) where T : class, new()
    {
        T options;
        try
        {
            options = configuration.GetSection(section).Get<T>() ?? new T();
        }
        catch (InvalidOperationException ex)
        {
            throw new HubStartupException($"The '{section}' settings cannot be read: {ex.InnerException?.Message ?? ex.Message}", ex);
        }
        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        if (!System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), results, validateAllProperties: true))
            throw new HubStartupException($"The '{section}' settings are wrong: {string.Join("; ", results.Select(r => $"{section}:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}"))}");
        if (validator?.Validate(null, options) is { Failed: true } failed)
            throw new HubStartupException(failed.FailureMessage);
        return options;
    }

    private static bool HasConfiguredAddress(IConfiguration configuration) =>
        !string.IsNullOrEmpty(configuration["urls"]) || !string.IsNullOrEmpty(configuration["http_ports"])
        || !string.IsNullOrEmpty(configuration["https_ports"]) || configuration.GetSection("Kestrel:Endpoints").Exists();

    private static void AddHubAdminAuthentication(this IServiceCollection services, HubOptions hub, HubDatabase database, bool migrateOnly)
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
        else if (migrateOnly)
        {
            services.AddSingleton(AdminKey.Generate().Key); // --migrate serves nothing; no key is needed
            generated = new GeneratedAdminKey(null);
        }
        else
        {
            throw new HubStartupException(
                "Hub:AdminApiKey is required when ConnectionStrings:Hub is set (it guards the admin API and the jobs dashboard). " +
                $"Set Hub__AdminApiKey to a random secret of at least {HubOptions.MinimumAdminKeyLength} characters.");
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
