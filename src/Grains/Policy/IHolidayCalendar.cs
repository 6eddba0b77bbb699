namespace HealthRecords.Grains.Policy;

/// <summary>
/// Public holidays and make-up working days (调休) used to count working days (R-TR-2, GD art. 24).
/// Saturdays and Sundays are rest days unless listed as make-up working days.
/// </summary>
public interface IHolidayCalendar
{
    /// <summary>True if <paramref name="date"/> is a public holiday (a rest day even on a weekday).</summary>
    bool IsHoliday(DateOnly date);

    /// <summary>True if <paramref name="date"/> is a make-up working day (调休: a working day even on a weekend).</summary>
    bool IsMakeUpWorkday(DateOnly date);
}
