namespace IntegrationHub.Host.Tests.Fixtures;

/// <summary>A fresh database for one test class, and a started hub on it.</summary>
public sealed class HubDatabaseFixture(PostgresServer server) : IAsyncLifetime
{
    private HubAppFactory? _app;

    public PostgresServer Server => server;

    public string ConnectionString { get; private set; } = string.Empty;

    /// <summary>The hub on this class's database, started on first use.</summary>
    public HubAppFactory App
    {
        get
        {
            if (server.Unavailable is not null) Assert.Skip(server.Unavailable);
            return _app ??= new HubAppFactory(ConnectionString);
        }
    }

    public async ValueTask InitializeAsync()
    {
        if (server.Unavailable is null) ConnectionString = await server.CreateDatabaseAsync("class");
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }
}
