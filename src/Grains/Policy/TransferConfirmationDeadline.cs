using System.Globalization;

namespace HealthRecords.Grains.Policy;

/// <summary>
/// How long the other clinic has to confirm a transfer (R-TR-2): <paramref name="Days"/> calendar
/// days (Chongqing: 7 自然日, CQ-A1 4(3)1) or working days (Guangdong: 10 工作日, GD art. 24).
/// </summary>
/// <remarks>
/// Decision: the deadline falls at the same local time of day as the request, on the
/// <see cref="Days"/>-th day after the request date (the request day itself does not count).
/// "Local" is the offset of the <c>requestedAt</c> passed in, so pass it at +08:00 (China Standard
/// Time), or call <see cref="PolicyProfile.TransferConfirmationDueAt"/>, which converts first. Working days skip Saturdays,
/// Sundays and the calendar's holidays, and count the calendar's make-up working days (调休).
/// </remarks>
public sealed record TransferConfirmationDeadline(int Days, bool WorkingDays)
{
    /// <summary>Number of days, at least 1.</summary>
    public int Days { get; } = Days >= 1
        ? Days
        : throw new ArgumentOutOfRangeException(nameof(Days), Days, "A transfer confirmation deadline is at least 1 day.");

    /// <summary>The moment by which the confirmation is due (see the type's remarks).</summary>
    public DateTimeOffset DueAt(DateTimeOffset requestedAt, IHolidayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (!WorkingDays)
        {
            return requestedAt.AddDays(Days);
        }

        var local = requestedAt.DateTime;
        var dueDate = calendar.AddWorkingDays(DateOnly.FromDateTime(local), Days);
        return new DateTimeOffset(dueDate.ToDateTime(TimeOnly.FromDateTime(local)), requestedAt.Offset);
    }

    /// <summary>"7 calendar days" / "10 working days".</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Days} {(WorkingDays ? "working" : "calendar")} day{(Days == 1 ? "" : "s")}");
}
