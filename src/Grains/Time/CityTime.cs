namespace HealthRecords.Grains.Time;

/// <summary>
/// Dates in the regulations (service dates, deadlines, birthdays) are China Standard Time dates.
/// China has one time zone and no daylight saving, so a fixed +08:00 offset is exact.
/// </summary>
public static class CityTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateTimeOffset Now(this TimeProvider clock) => clock.GetUtcNow().ToOffset(Offset);

    /// <summary>"Now" at the millisecond precision storage keeps, so an answer given now equals one read back later.</summary>
    public static DateTimeOffset UtcNowMs(this TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
    }

    public static DateOnly Today(this TimeProvider clock) => DateOf(clock.GetUtcNow());

    /// <summary>The China Standard Time calendar date of an instant: periods and deadlines count these days.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);
}
