using HealthRecords.Grains.Policy;
using HealthRecords.Grains.Records;
using HealthRecords.Grains.Services;
using static HealthRecords.Grains.Tests.Services.ServiceTestData;

namespace HealthRecords.Grains.Tests.Services;

public sealed class ServiceRecordStatusTests
{
    private static readonly DateOnly Death = new(2026, 3, 10);

    private static ServiceRecord Accept(ResidentFacts resident, DateOnly date) =>
        ServiceRecordRules.Accept(Input(date: date), resident, PolicyProfiles.Chongqing, ReceivedAt);

    [Theory]
    [InlineData(RecordStatus.LostToFollowUp)]
    [InlineData(RecordStatus.MovedOut)]
    public void Service_ForLostOrMovedOutRecord_IsAcceptedAndReactivates(RecordStatus status)
    {
        // R-ST-5: serving an archived (lost, moved-out) resident returns the record to active
        var resident = ActiveAdult with { Status = status };

        var record = Accept(resident, ReceivedOn);

        Assert.Equal("up-1", record.UploadId);
        Assert.True(ServiceRecordRules.Reactivates(resident));
    }

    [Theory]
    [InlineData(RecordStatus.Active)]
    [InlineData(RecordStatus.Deceased)]
    [InlineData(RecordStatus.Merged)]
    public void Reactivates_ActiveDeceasedOrMerged_IsFalse(RecordStatus status)
    {
        // R-ST-5, R-ST-3: a deceased record never reactivates
        var resident = ActiveAdult with { Status = status };

        var reactivates = ServiceRecordRules.Reactivates(resident);

        Assert.False(reactivates);
    }

    [Fact]
    public void Service_AfterDeath_IsRefused()
    {
        // R-ST-3: updates stop at death
        var deceased = ActiveAdult with { Status = RecordStatus.Deceased, DateOfDeath = Death };

        var error = Assert.Throws<DomainRuleViolation>(() => Accept(deceased, Death.AddDays(1)));

        Assert.Equal("R-ST-3", error.RuleId);
        Assert.Equal(TestRecordNumber, error.Subject);
    }

    [Fact]
    public void Service_OnDateOfDeath_IsAccepted()
    {
        // R-ST-3, R-CN-3: a service in the year of death still counts in that year's workload
        var deceased = ActiveAdult with { Status = RecordStatus.Deceased, DateOfDeath = Death };

        var record = Accept(deceased, Death);

        Assert.Equal(Death, record.ServiceDate);
    }

    [Fact]
    public void Service_AfterDeathDateOnStillActiveRecord_IsRefused()
    {
        // R-ST-3: the date of death decides, whatever the status says
        var resident = ActiveAdult with { DateOfDeath = Death };

        var error = Assert.Throws<DomainRuleViolation>(() => Accept(resident, Death.AddDays(2)));

        Assert.Equal("R-ST-3", error.RuleId);
    }

    [Fact]
    public void Service_ForMergedRecord_IsRefused()
    {
        // R-MG-3: the merged-away record is retired
        var merged = ActiveAdult with { Status = RecordStatus.Merged };

        var error = Assert.Throws<DomainRuleViolation>(() => Accept(merged, ReceivedOn));

        Assert.Equal("R-MG-3", error.RuleId);
    }
}
