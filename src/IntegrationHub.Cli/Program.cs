using IntegrationHub.Cli;

return HubCommand.Create().Parse(args).Invoke();
