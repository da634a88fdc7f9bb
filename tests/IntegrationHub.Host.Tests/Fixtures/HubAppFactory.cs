using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;

namespace IntegrationHub.Host.Tests.Fixtures;

/// <summary>The Host in memory (WebApplicationFactory), on a given database, with a known admin key and quiet logs.</summary>
public sealed class HubAppFactory(string connectionString, IReadOnlyDictionary<string, string?>? settings = null,
    Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null) : WebApplicationFactory<Program>
{
    public const string AdminKey = "test-admin-key-4f1c2d9e8b7a6-0a1b2c3d4e5f";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Hub", connectionString);
        builder.UseSetting("Hub:AdminApiKey", AdminKey);
        builder.UseSetting("Database:StartupAttemptSeconds", "30");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        builder.UseSetting("Serilog:MinimumLevel:Override:Microsoft.Hosting.Lifetime", "Warning");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) builder.UseSetting(key, value);
        if (services is not null) builder.ConfigureTestServices(services);
    }

    /// <summary>A client that presents the admin key.</summary>
    public HttpClient CreateAdminClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
        return client;
    }
}
