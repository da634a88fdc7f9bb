using IntegrationHub.Features.CatalogSync;

namespace IntegrationHub.Host.Tests.Features.CatalogSync;

public sealed class CatalogSyncScheduleTests
{
    [Theory]
    [InlineData(0, "*/1 * * * *")]
    [InlineData(15, "*/15 * * * *")]
    [InlineData(120, "0 */2 * * *")]
    [InlineData(1440, "0 0 * * *")]
    [InlineData(5000, "0 0 * * *")]
    public void Cron_IsAnIntervalHangfireAccepts_ForAnyConfiguredMinutes(int minutes, string expected)
    {
        var cron = IntegrationHub.Jobs.RecurringCron.Every(minutes);

        Assert.Equal(expected, cron);
    }
}
