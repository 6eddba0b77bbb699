namespace HealthRecords.Grains.Time;

/// <summary>The calendar date in China Standard Time of an instant: periods and deadlines count these days.</summary>
public static class CityDate
{
    public static DateOnly Of(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(CityTime.Offset).DateTime);
}
