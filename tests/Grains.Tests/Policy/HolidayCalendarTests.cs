using HealthRecords.Grains.Policy;

namespace HealthRecords.Grains.Tests.Policy;

public sealed class HolidayCalendarTests
{
    [Fact]
    public void None_HasOnlyWeekendsAsRestDays()
    {
        // R-TR-2
        var calendar = HolidayCalendar.None;

        Assert.True(calendar.IsWorkingDay(new DateOnly(2025, 10, 1)));
        Assert.False(calendar.IsWorkingDay(new DateOnly(2025, 10, 4)));
        Assert.False(calendar.IsWorkingDay(new DateOnly(2025, 10, 5)));
        Assert.Empty(calendar.Holidays);
        Assert.Empty(calendar.MakeUpWorkdays);
    }

    [Fact]
    public void HolidayOnWeekday_IsNotWorkingDay_AndMakeUpWeekend_Is()
    {
        // R-TR-2: 调休
        var calendar = new HolidayCalendar([new DateOnly(2025, 10, 1)], [new DateOnly(2025, 9, 28)]);

        Assert.True(calendar.IsHoliday(new DateOnly(2025, 10, 1)));
        Assert.False(calendar.IsWorkingDay(new DateOnly(2025, 10, 1)));
        Assert.True(calendar.IsMakeUpWorkday(new DateOnly(2025, 9, 28)));
        Assert.True(calendar.IsWorkingDay(new DateOnly(2025, 9, 28)));
    }

    [Fact]
    public void DateInBothSets_IsRejected()
    {
        // R-TR-2
        var date = new DateOnly(2025, 10, 1);

        var exception = Assert.Throws<ArgumentException>(() => new HolidayCalendar([date], [date]));

        Assert.Contains("2025-10-01", exception.Message);
    }

    [Fact]
    public void AddWorkingDays_CalendarWithoutWorkingDays_Throws()
    {
        // R-TR-2: a calendar that never yields a working day must not loop forever
        var calendar = new AlwaysHoliday();

        Assert.Throws<InvalidOperationException>(() => calendar.AddWorkingDays(new DateOnly(2025, 1, 1), 1));
    }

    private sealed class AlwaysHoliday : IHolidayCalendar
    {
        public bool IsHoliday(DateOnly date) => true;

        public bool IsMakeUpWorkday(DateOnly date) => false;
    }
}
