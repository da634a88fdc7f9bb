namespace IntegrationHub.Jobs;

/// <summary>The cron expressions of the hub's recurring jobs, from a setting in minutes.</summary>
internal static class RecurringCron
{
    /// <summary>A cron expression for every <paramref name="minutes"/> minutes: whole hours above an hour, once a day from a day on.</summary>
    public static string Every(int minutes) => minutes switch
    {
        < 60 => Hangfire.Cron.MinuteInterval(Math.Max(1, minutes)),
        < 24 * 60 => Hangfire.Cron.HourInterval(minutes / 60),
        _ => Hangfire.Cron.Daily(),
    };
}
