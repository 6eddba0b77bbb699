using HealthRecords.Grains.Policy;
using HealthRecords.Grains.Services;
using static HealthRecords.Grains.Tests.Services.ServiceTestData;

namespace HealthRecords.Grains.Tests.Services;

public sealed class ServiceRecordLatenessTests
{
    private static ServiceRecord AcceptDaysAfter(int days, PolicyProfile policy) =>
        ServiceRecordRules.Accept(Input(date: ReceivedOn.AddDays(-days)), ActiveAdult, policy, ReceivedAt);

    [Fact]
    public void Service_Chongqing5DaysAfter_IsOnTime()
    {
        // R-RC-4: CQ-A1 2(7), 3(2) — within 5 days
        var record = AcceptDaysAfter(5, PolicyProfiles.Chongqing);

        Assert.Equal(5, record.DaysAfterService);
        Assert.False(record.Late);
    }

    [Fact]
    public void Service_Chongqing6DaysAfter_IsAcceptedAndFlaggedLate()
    {
        // R-RC-4: late uploads are accepted and flagged
        var record = AcceptDaysAfter(6, PolicyProfiles.Chongqing);

        Assert.Equal(6, record.DaysAfterService);
        Assert.True(record.Late);
    }

    [Fact]
    public void Service_Guangdong15DaysAfter_IsOnTime()
    {
        // R-RC-4: GD art. 17, 20 — within 15 days
        var record = AcceptDaysAfter(15, PolicyProfiles.Guangdong);

        Assert.Equal(15, record.DaysAfterService);
        Assert.False(record.Late);
    }

    [Fact]
    public void Service_Guangdong16DaysAfter_IsAcceptedAndFlaggedLate()
    {
        // R-RC-4
        var record = AcceptDaysAfter(16, PolicyProfiles.Guangdong);

        Assert.Equal(16, record.DaysAfterService);
        Assert.True(record.Late);
    }

    [Fact]
    public void Service_YearsLate_IsStillAccepted()
    {
        // R-RC-4: never refused for lateness (offline clinics upload later, GD art. 17)
        var record = AcceptDaysAfter(800, PolicyProfiles.Chongqing);

        Assert.True(record.Late);
    }

    [Fact]
    public void Service_DaysCountedInChinaTime_NotUtc()
    {
        // R-RC-4: received 2026-03-26 00:30 +08:00 (still the 25th in UTC) is 6 China days after the 20th
        var receivedAt = new DateTimeOffset(2026, 3, 25, 16, 30, 0, TimeSpan.Zero);

        var record = ServiceRecordRules.Accept(Input(date: new DateOnly(2026, 3, 20)), ActiveAdult, PolicyProfiles.Chongqing, receivedAt);

        Assert.Equal(6, record.DaysAfterService);
        Assert.True(record.Late);
    }
}
