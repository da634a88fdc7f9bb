using IntegrationHub;
using IntegrationHub.Hosting;
using Microsoft.Extensions.Options;

using var bootstrap = HubLogging.CreateBootstrapLogger();
try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddHub();

    await using var app = builder.Build();
    app.MapHub();

    return await app.RunHubAsync(args);
}
catch (Exception ex) when (ex is HubStartupException or OptionsValidationException)
{
    bootstrap.Fatal("IntegrationHub cannot start: {Reason}", ex.Message);
    return 1;
}

/// <summary>The Host's entry point, public so that tests can start it with WebApplicationFactory.</summary>
public partial class Program;
