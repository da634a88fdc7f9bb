using IntegrationHub;
using IntegrationHub.Hosting;

using var bootstrap = HubLogging.CreateBootstrapLogger();
try
{
    var command = HubCommandLine.Parse(args);
    var builder = WebApplication.CreateBuilder(command.HostArguments);
    builder.AddHub(command);

    await using var app = builder.Build();
    app.MapHub();

    return await app.RunHubAsync(command);
}
catch (HubStartupException ex)
{
    bootstrap.Fatal("IntegrationHub cannot start: {Reason}", ex.Message);
    return 1;
}

/// <summary>The Host's entry point, public so that tests can start it with WebApplicationFactory.</summary>
public partial class Program;
