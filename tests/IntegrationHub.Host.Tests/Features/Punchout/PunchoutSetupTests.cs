using IntegrationHub.Features.Punchout;
using IntegrationHub.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace IntegrationHub.Host.Tests.Features.Punchout;

public sealed class PunchoutSetupTests
{
    [Fact]
    public void AddPunchout_SetsTheDemoPassword_WhenTheDatabaseIsEmbedded()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());

        builder.AddPunchout(new HubDatabase(null));

        Assert.Equal(PunchoutSetup.DemoOciPassword, builder.Configuration["Partners:demo-buyer:OciPassword"]);
    }

    [Fact]
    public void AddPunchout_LeavesTheConfiguredPassword_WhenOneIsSet()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Partners:demo-buyer:OciPassword"] = "configured" });

        builder.AddPunchout(new HubDatabase(null));

        Assert.Equal("configured", builder.Configuration["Partners:demo-buyer:OciPassword"]);
    }

    [Fact]
    public void AddPunchout_SetsNoPassword_WhenTheDatabaseIsConfigured()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());

        builder.AddPunchout(new HubDatabase("Host=db;Database=hub"));

        Assert.Null(builder.Configuration["Partners:demo-buyer:OciPassword"]);
    }
}
