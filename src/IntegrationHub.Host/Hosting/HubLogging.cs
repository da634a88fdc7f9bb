using Serilog;
using Serilog.Core;

namespace IntegrationHub.Hosting;

/// <summary>Serilog wiring: a console logger for start-up failures, and the configuration-driven pipeline.</summary>
public static class HubLogging
{
    /// <summary>
    /// A console logger used only until the host is built and for the one line that says why it could not start.
    /// It is not the static <see cref="Log.Logger"/>: several hosts in one process (tests) must not fight over it.
    /// </summary>
    public static Logger CreateBootstrapLogger() =>
        new LoggerConfiguration()
            .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}")
            .CreateLogger();

    /// <summary>Serilog as the logging pipeline, its sinks and levels read from the <c>Serilog</c> section.</summary>
    public static void AddHubLogging(this WebApplicationBuilder builder) =>
        builder.Services.AddSerilog(
            (services, logger) => logger
                .ReadFrom.Configuration(builder.Configuration)
                .ReadFrom.Services(services)
                .Enrich.FromLogContext(),
            preserveStaticLogger: true);
}
