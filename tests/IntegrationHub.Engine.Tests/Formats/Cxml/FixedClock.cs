namespace IntegrationHub.Formats.Cxml;

/// <summary>A clock that always says the same instant, in a fixed zone, so outbound documents are deterministic.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();

    public override TimeZoneInfo LocalTimeZone { get; } = TimeZoneInfo.CreateCustomTimeZone("fixed", now.Offset, "fixed", "fixed");
}

/// <summary>payloadIDs 1@test, 2@test, … in order.</summary>
internal sealed class SequentialPayloadIds : IPayloadIdSource
{
    private int _next;

    public string NewPayloadId(DateTimeOffset now) => $"{++_next}@test";
}
