using HealthRecords.Grains.Records;

namespace HealthRecords.Grains.Tests.Records;

public sealed class RecordHistoryTests
{
    [Fact]
    public void History_ListsStatusChangesWithDateAndReason_AndLeavesOutContactEdits_AndTheCauseOfDeath()
    {
        // R-ST-7: every status change with its date and reason; R-ST-3: the cause of death is health data.
        var enrolled = TestData.Enrolled();
        var journal = new RecordEvent[]
        {
            new ResidentEnrolled(TestData.Now, enrolled.Number.Value, enrolled.Identity.Value, "500103C01", "500103", "王护士", "req-1", enrolled.Profile),
            new ContactDetailsUpdated(TestData.Now.AddDays(1), "500103C01", "王护士", "c1", "13800000000", null, null),
            new MarkedLostToFollowUp(TestData.Now.AddDays(400), "500103C01", "赵主任", "l1", "联系不上", null),
            new Reactivated(TestData.Now.AddDays(500), "500103C01", "高血压随访", "r1", RecordStatus.LostToFollowUp),
            new DeathRecorded(TestData.Now.AddDays(600), "500103C01", "李医生", "d1", new DateOnly(2028, 7, 1), "肺癌", new DateOnly(2028, 7, 2), false),
        };

        var history = RecordHistory.Of(journal);

        Assert.Equal(["enrolled", "marked_lost_to_follow_up", "reactivated", "death_recorded"], history.Select(h => h.Change));
        Assert.Equal([1L, 3, 4, 5], history.Select(h => h.Version));
        Assert.Equal([RecordStatus.Active, RecordStatus.LostToFollowUp, RecordStatus.Active, RecordStatus.Deceased], history.Select(h => h.Status));
        Assert.Equal(TestData.Now.AddDays(400), history[1].OccurredAt);
        Assert.Contains("联系不上", history[1].Reason);
        Assert.DoesNotContain("肺癌", history[3].Reason);
    }
}
