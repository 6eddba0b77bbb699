using HealthRecords.Grains.Policy;

namespace HealthRecords.Grains.Tests.Policy;

public sealed class TransferConfirmationDeadlineTests
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private static DateTimeOffset At(int year, int month, int day, int hour = 15, int minute = 30) =>
        new(year, month, day, hour, minute, 0, China);

    // National Day 2025: holidays Wed 1 - Wed 8 October; make-up working days Sun 28 September and Sat 11 October.
    private static HolidayCalendar NationalDay2025() => new(
        Enumerable.Range(1, 8).Select(d => new DateOnly(2025, 10, d)),
        [new DateOnly(2025, 9, 28), new DateOnly(2025, 10, 11)]);

    [Fact]
    public void CalendarDays_DueSevenDaysLaterAtSameTime()
    {
        // R-TR-2, CQ-A1 4(3)1: 7 calendar days, weekends and holidays included
        var deadline = new TransferConfirmationDeadline(7, WorkingDays: false);

        var due = deadline.DueAt(At(2025, 9, 30), NationalDay2025());

        Assert.Equal(At(2025, 10, 7), due);
    }

    [Fact]
    public void WorkingDays_AcrossWeekends_SkipSaturdaysAndSundays()
    {
        // R-TR-2, GD art. 24: Friday + 10 working days = Friday two weeks later
        var deadline = new TransferConfirmationDeadline(10, WorkingDays: true);

        var due = deadline.DueAt(At(2025, 3, 7), HolidayCalendar.None);

        Assert.Equal(At(2025, 3, 21), due);
    }

    [Fact]
    public void WorkingDays_RequestedOnSaturday_FirstWorkingDayIsMonday()
    {
        // R-TR-2: the request day does not count
        var deadline = new TransferConfirmationDeadline(1, WorkingDays: true);

        var due = deadline.DueAt(At(2025, 3, 8, 9, 0), HolidayCalendar.None);

        Assert.Equal(At(2025, 3, 10, 9, 0), due);
    }

    [Fact]
    public void WorkingDays_AcrossHoliday_SkipHolidays()
    {
        // R-TR-2, GD art. 24: Labour Day holiday Thu 1 - Mon 5 May 2025 (no make-up days in this calendar)
        var calendar = new HolidayCalendar(Enumerable.Range(1, 5).Select(d => new DateOnly(2025, 5, d)), []);
        var deadline = new TransferConfirmationDeadline(3, WorkingDays: true);

        var due = deadline.DueAt(At(2025, 4, 29), calendar);

        // Wed 30 Apr (1), holidays 1-5 May, Tue 6 (2), Wed 7 (3)
        Assert.Equal(At(2025, 5, 7), due);
    }

    [Fact]
    public void WorkingDays_AcrossHolidayAndMakeUpWorkdays_CountMakeUpDays()
    {
        // R-TR-2, GD art. 24: weekends that are make-up working days (调休) count
        var deadline = new TransferConfirmationDeadline(10, WorkingDays: true);

        var due = deadline.DueAt(At(2025, 9, 26, 10, 0), NationalDay2025());

        // Sun 28 Sep (1, make-up), Mon 29 (2), Tue 30 (3), 1-8 Oct holidays, Thu 9 (4), Fri 10 (5),
        // Sat 11 (6, make-up), Mon 13 (7), Tue 14 (8), Wed 15 (9), Thu 16 (10)
        Assert.Equal(At(2025, 10, 16, 10, 0), due);
    }

    [Fact]
    public void WorkingDays_KeepOffsetAndTimeOfDay()
    {
        // R-TR-2
        var deadline = new TransferConfirmationDeadline(2, WorkingDays: true);
        var requestedAt = new DateTimeOffset(2025, 3, 3, 23, 59, 59, China).AddTicks(1234);

        var due = deadline.DueAt(requestedAt, HolidayCalendar.None);

        Assert.Equal(requestedAt.AddDays(2), due);
        Assert.Equal(China, due.Offset);
    }

    [Fact]
    public void Deadline_OfZeroDays_Throws()
    {
        // R-TR-2
        Assert.Throws<ArgumentOutOfRangeException>(() => new TransferConfirmationDeadline(0, WorkingDays: true));
    }

    [Fact]
    public void Deadline_ToString_NamesUnit()
    {
        // R-TR-2
        Assert.Equal("7 calendar days", new TransferConfirmationDeadline(7, false).ToString());
        Assert.Equal("10 working days", new TransferConfirmationDeadline(10, true).ToString());
    }
}
