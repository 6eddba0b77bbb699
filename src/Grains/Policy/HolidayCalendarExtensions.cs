namespace HealthRecords.Grains.Policy;

/// <summary>Working-day arithmetic over an <see cref="IHolidayCalendar"/> (R-TR-2, GD art. 24).</summary>
public static class HolidayCalendarExtensions
{
    // Guards against a calendar that never yields a working day.
    private const int MaxDaysSearched = 3660;

    /// <summary>
    /// A working day is a make-up working day (调休), or else a Monday-Friday that is not a holiday.
    /// </summary>
    public static bool IsWorkingDay(this IHolidayCalendar calendar, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (calendar.IsMakeUpWorkday(date))
        {
            return true;
        }

        return date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !calendar.IsHoliday(date);
    }

    /// <summary>
    /// The <paramref name="workingDays"/>-th working day after <paramref name="start"/>; the start
    /// date itself is not counted (期间开始的当日不计入), whether or not it is a working day.
    /// </summary>
    public static DateOnly AddWorkingDays(this IHolidayCalendar calendar, DateOnly start, int workingDays)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        var date = start;
        var counted = 0;
        var searched = 0;
        while (counted < workingDays)
        {
            date = date.AddDays(1);
            if (++searched > MaxDaysSearched)
            {
                throw new InvalidOperationException($"The calendar has fewer than {workingDays} working days in the {MaxDaysSearched} days after {start:O}.");
            }

            if (calendar.IsWorkingDay(date))
            {
                counted++;
            }
        }

        return date;
    }
}
