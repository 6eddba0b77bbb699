namespace HealthRecords.Grains.Policy;

/// <summary>
/// An <see cref="IHolidayCalendar"/> built from two sets of dates: public holidays and make-up
/// working days (调休). A date cannot be both.
/// </summary>
public sealed class HolidayCalendar : IHolidayCalendar
{
    private readonly HashSet<DateOnly> _holidays;
    private readonly HashSet<DateOnly> _makeUpWorkdays;

    /// <summary>Creates a calendar; throws <see cref="ArgumentException"/> if a date is in both sets.</summary>
    public HolidayCalendar(IEnumerable<DateOnly> holidays, IEnumerable<DateOnly> makeUpWorkdays)
    {
        ArgumentNullException.ThrowIfNull(holidays);
        ArgumentNullException.ThrowIfNull(makeUpWorkdays);
        _holidays = [.. holidays];
        _makeUpWorkdays = [.. makeUpWorkdays];
        var both = _holidays.Intersect(_makeUpWorkdays).Order().ToList();
        if (both.Count > 0)
        {
            throw new ArgumentException(
                $"A date cannot be both a holiday and a make-up working day: {string.Join(", ", both.Select(d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)))}.",
                nameof(makeUpWorkdays));
        }
    }

    /// <summary>A calendar with no holidays and no make-up working days: only weekends are rest days.</summary>
    public static HolidayCalendar None { get; } = new([], []);

    /// <summary>The public holidays.</summary>
    public IReadOnlySet<DateOnly> Holidays => _holidays;

    /// <summary>The make-up working days (调休).</summary>
    public IReadOnlySet<DateOnly> MakeUpWorkdays => _makeUpWorkdays;

    /// <inheritdoc />
    public bool IsHoliday(DateOnly date) => _holidays.Contains(date);

    /// <inheritdoc />
    public bool IsMakeUpWorkday(DateOnly date) => _makeUpWorkdays.Contains(date);
}
