using HealthRecords.Grains.Counts;
using HealthRecords.Grains.Merging;
using HealthRecords.Grains.Records;
using HealthRecords.Grains.Topology;
using static HealthRecords.Grains.Tests.Merging.MergeTestData;

namespace HealthRecords.Grains.Tests.Merging;

public sealed class MergedRecordTests
{
    private static (RecordState Survivor, RecordState Retired, IReadOnlyList<RecordEvent> RetiredEvents) Merged()
    {
        var a = Record(First, enrolledAt: Now.AddYears(-5));
        var b = Record(Second, identity: CertificateKey(), enrolledAt: Now.AddYears(-2), owner: OtherClinic);
        var merge = Assert.IsType<MergeDecision.Merge>(MergeDecider.Decide(new(a, []), new(b, []), new MergeRecords("m-1", "市管理员"), Now));
        return (a.ApplyAll(merge.SurvivorEvents), b.ApplyAll(merge.MergedAwayEvents), merge.MergedAwayEvents);
    }

    [Fact]
    public void MergedAway_LeavesTheManagedCountsOfItsClinic()
    {
        // R-MG-3, R-CN-1: the survivor stays managed at its clinic, the retired record counts nowhere
        var (survivor, retired, _) = Merged();
        var districts = new[]
        {
            new District("500103", "渝中区", [new Institution(Clinic, "七星岗", "500103", ["500103001001"])]),
            new District("500105", "江北区", [new Institution(OtherClinic, "观音桥", "500105", ["500105001001"])]),
        };

        var counts = ManagedCounts.Tally(districts, new[] { survivor, retired }.Select(r => new StatusCount(r.OwnerDistrict, r.OwnerInstitution, r.Status, 1)));

        Assert.Equal(new ManagedCount("500103", Clinic, 1, 0), counts.Single(c => c.InstitutionCode == Clinic));
        Assert.Equal(new ManagedCount("500105", OtherClinic, 0, 0), counts.Single(c => c.InstitutionCode == OtherClinic));
        Assert.Equal(new ManagedCount("500105", "", 0, 0), counts.Single(c => c is { DistrictCode: "500105", IsDistrictTotal: true }));
    }

    [Fact]
    public void Merge_LostSurvivorAndActiveMergedAway_SurvivorIsActiveAgain()
    {
        // R-MG-3, R-ST-5: the resident is served under the newer record; the merge keeps them managed
        var lost = Record(First, enrolledAt: Now.AddYears(-5), status: RecordStatus.LostToFollowUp);
        var active = Record(Second, identity: CertificateKey(), enrolledAt: Now.AddYears(-2), owner: OtherClinic);

        var merge = Assert.IsType<MergeDecision.Merge>(MergeDecider.Decide(new(lost, []), new(active, []), new MergeRecords("m-1", "市管理员"), Now));
        var survivor = lost.ApplyAll(merge.SurvivorEvents);

        Assert.Equal(RecordStatus.Active, survivor.Status);
        Assert.Equal(Clinic, survivor.OwnerInstitution);
    }

    [Fact]
    public void Merge_ActiveSurvivor_OnlyAbsorbs()
    {
        // R-MG-3: only the absorption when the survivor is already active
        var a = Record(First, enrolledAt: Now.AddYears(-5));
        var b = Record(Second, identity: CertificateKey(), enrolledAt: Now.AddYears(-2), status: RecordStatus.LostToFollowUp);

        var merge = Assert.IsType<MergeDecision.Merge>(MergeDecider.Decide(new(a, []), new(b, []), new MergeRecords("m-1", "市管理员"), Now));

        Assert.IsType<RecordAbsorbed>(Assert.Single(merge.SurvivorEvents));
    }

    [Fact]
    public void MergedAway_TakesNoContactUpdate()
    {
        // R-ST-1, R-MG-3: retired
        var (_, retired, _) = Merged();

        var e = Assert.Throws<DomainRuleViolation>(() => RecordDecider.Decide(retired,
            new UpdateContactDetails("u-1", retired.Number, OtherClinic, "赵医生", "13900000000", null, null), Now));

        Assert.Equal("R-ST-1", e.RuleId);
    }

    [Fact]
    public void MergedAway_HistoryShowsTheSurvivor()
    {
        // R-MG-3: a merge is recorded and can be inspected afterwards
        var b = Record(Second, identity: CertificateKey(), owner: OtherClinic);
        var enrolled = new ResidentEnrolled(b.EnrolledAt, Second, b.Identity.Value, OtherClinic, "500105", "赵医生", "req-1", b.Profile);
        var (_, _, retiredEvents) = Merged();

        var history = RecordHistory.Of([enrolled, .. retiredEvents]);

        var last = history[^1];
        Assert.Equal("merged_into", last.Change);
        Assert.Equal(RecordStatus.Merged, last.Status);
        Assert.Contains(First, last.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void MergeEvents_RoundTripThroughJson()
    {
        // The journal stores events as JSON with a type discriminator; the new events must survive it.
        var (_, _, retiredEvents) = Merged();
        var json = System.Text.Json.JsonSerializer.Serialize<RecordEvent>(retiredEvents[0]);

        var back = System.Text.Json.JsonSerializer.Deserialize<RecordEvent>(json);

        Assert.Equal(retiredEvents[0], back);
        Assert.Contains("record_merged_into", json, StringComparison.Ordinal);
    }
}
