namespace IntegrationHub.Hosting;

/// <summary>
/// The hub's own command-line switches, taken out before the rest goes to ASP.NET Core's configuration (which would
/// read the word after <c>--migrate</c> as its value).
/// </summary>
public sealed record HubCommandLine(bool MigrateOnly, string[] HostArguments)
{
    public const string Migrate = "--migrate";

    public static HubCommandLine Parse(string[] args) =>
        new(args.Contains(Migrate, StringComparer.Ordinal), [.. args.Where(a => a != Migrate)]);
}
