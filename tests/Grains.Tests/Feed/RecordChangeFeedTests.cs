using HealthRecords.Grains.Feed;
using HealthRecords.Grains.Records;
using HealthRecords.Grains.Tests.Records;
using HealthRecords.Grains.Transfers;

namespace HealthRecords.Grains.Tests.Feed;

public sealed class RecordChangeFeedTests
{
    private static readonly RecordOwner Former = new("500103C01", "500103");

    [Fact]
    public void Enrollment_IsToldToTheOwnersDistrict()
    {
        var state = TestData.Enrolled();

        var deliveries = RecordChangeFeed.Enrolled(state);

        Assert.Equal([new DistrictDelivery("500103", new RecordIndexChanged(state.UpdatedAt, IndexEntry.Of(state)))], deliveries);
    }

    [Fact]
    public void StatusChange_IsToldToTheOwnersDistrictOnly()
    {
        // R-ST-6: archiving reaches the district at once; nobody else is concerned.
        var state = TestData.Enrolled() with { Status = RecordStatus.LostToFollowUp, Version = 2 };

        var deliveries = RecordChangeFeed.Changed(Former, state, []);

        Assert.Equal([new DistrictDelivery("500103", new RecordIndexChanged(state.UpdatedAt, IndexEntry.Of(state)))], deliveries);
    }

    [Fact]
    public void MoveToAnotherDistrict_IsToldToBoth_AndClosesTheFormerOwnersCopy()
    {
        // R-CN-2: both districts' figures follow; R-TR-6: the old owner's copy is closed.
        var state = TestData.Enrolled() with { OwnerInstitution = "500105C01", OwnerDistrict = "500105", Version = 2 };

        var deliveries = RecordChangeFeed.Changed(Former, state, []);

        var changed = new RecordIndexChanged(state.UpdatedAt, IndexEntry.Of(state));
        Assert.Equal([
            new DistrictDelivery("500105", changed),
            new DistrictDelivery("500103", changed),
            new DistrictDelivery("500103", new RecordClosed(state.UpdatedAt, state.Number.Value, "500103C01", "500105C01")),
        ], deliveries);
    }

    [Fact]
    public void MoveWithinTheDistrict_IsToldOnce_AndClosesTheFormerOwnersCopy()
    {
        // R-TR-3: filed with the city even inside a district; R-TR-6.
        var state = TestData.Enrolled() with { OwnerInstitution = "500103C02", Version = 2 };

        var deliveries = RecordChangeFeed.Changed(Former, state, []);

        Assert.Equal(["500103", "500103"], deliveries.Select(d => d.DistrictCode));
        Assert.IsType<RecordIndexChanged>(deliveries[0].Event);
        Assert.Equal(new RecordClosed(state.UpdatedAt, state.Number.Value, "500103C01", "500103C02"), deliveries[1].Event);
    }

    [Fact]
    public void TransferSteps_AreToldToTheDistrictsOfBothClinics()
    {
        // R-TR-2: the answering side learns of the request through its district; R-TR-3: both follow the outcome.
        var state = TestData.Enrolled() with { Version = 2 };
        var transfer = new Transfer("t-1", state.Number.Value, "500103C01", "500103", "500105C01", "500105", "500105C01",
            ConsentMethod.SignedOnSite, TransferReason.Study, TransferState.Pending, TestData.Now, TestData.Now.AddDays(7), null, null, null, false);

        var deliveries = RecordChangeFeed.Changed(Former, state, [new TransferRequested(TestData.Now, transfer)]);

        Assert.Equal([("500103", typeof(RecordIndexChanged)), ("500103", typeof(TransferChanged)), ("500105", typeof(TransferChanged))],
            deliveries.Select(d => (d.DistrictCode, d.Event.GetType())));
    }
}
