using HealthRecords.Grains.Counts;
using HealthRecords.Grains.Records;
using HealthRecords.Grains.Tests.Records;

namespace HealthRecords.Grains.Tests.Counts;

public sealed class ManagedCountsTests
{
    [Fact]
    public void ActiveAreManaged_LostDeceasedMovedOutAreArchived_MergedAreNeither()
    {
        // R-CN-1, R-ST-1; R-MG-3: a merged-away record leaves the counts.
        // Arrange
        var district = TestData.Topology.FindDistrict("500103")!;
        StatusCount[] counted =
        [
            new("500103", "500103C01", RecordStatus.Active, 5),
            new("500103", "500103C01", RecordStatus.LostToFollowUp, 1),
            new("500103", "500103C01", RecordStatus.Deceased, 2),
            new("500103", "500103C01", RecordStatus.MovedOut, 3),
            new("500103", "500103C01", RecordStatus.Merged, 7),
        ];

        // Act
        var tally = ManagedCounts.Tally([district], counted);

        // Assert
        Assert.Equal(new ManagedCount("500103", "500103C01", 5, 6), tally.Single(c => c.InstitutionCode == "500103C01"));
    }

    [Fact]
    public void EveryClinicIsListed_WithZeros_AfterItsDistrictsTotal()
    {
        // Administrators see every clinic, also one that owns nothing yet.
        var counted = new StatusCount[] { new("500105", "500105C01", RecordStatus.Active, 4), new("500103", "500103C02", RecordStatus.Active, 1) };

        var tally = ManagedCounts.Tally(TestData.Topology.Districts, counted);

        Assert.Equal([
            new ManagedCount("500103", "", 1, 0),
            new ManagedCount("500103", "500103C01", 0, 0),
            new ManagedCount("500103", "500103C02", 1, 0),
            new ManagedCount("500105", "", 4, 0),
            new ManagedCount("500105", "500105C01", 4, 0),
        ], tally);
    }

    [Fact]
    public void AClinicOutsideTheTopology_ThatOwnsRecords_IsCountedToo()
    {
        var district = TestData.Topology.FindDistrict("500105")!;

        var tally = ManagedCounts.Tally([district], [new StatusCount("500105", "500105C09", RecordStatus.Deceased, 2)]);

        Assert.Contains(new ManagedCount("500105", "500105C09", 0, 2), tally);
        Assert.Equal(new ManagedCount("500105", "", 0, 2), tally[0]);
    }
}
