using System.CommandLine;
using IntegrationHub.Cli.Commands;

namespace IntegrationHub.Cli;

/// <summary>The root of <c>hub</c>; each command group adds itself here.</summary>
public static class HubCommand
{
    public static RootCommand Create() =>
        new("hub — IntegrationHub's offline tool for integration engineers. It works on files alone: no database, no running hub.")
        {
            CxmlCommands.Create(),
            OciCommands.Create(),
            MappingsCommands.Create(),
            TranslateCommand.Create(),
            PartnerCommands.Create(),
            SchemaCommand.Create(),
            X12Commands.Create(),
        };
}
