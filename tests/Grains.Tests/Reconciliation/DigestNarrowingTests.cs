using HealthRecords.Grains.Reconciliation;
using HealthRecords.Grains.Records;

namespace HealthRecords.Grains.Tests.Reconciliation;

public sealed class DigestNarrowingTests
{
    private static IndexFacts Facts(string number, string owner = "500103C01", RecordStatus status = RecordStatus.Active, long version = 1) =>
        new(number, owner, owner[..6], status, version);

    [Fact]
    public void Compare_ListsEveryClinic_AndOneTheDistrictDoesNotReportIsEmptyThere()
    {
        // R-CN-2: a clinic with records at the city and none at the district differs.
        var city = new[] { new ClinicDigest("500103C01", 2, 2, 0, 99), new ClinicDigest("500103C02", 1, 1, 0, 5) };
        var district = new[] { new ClinicDigest("500103C01", 2, 2, 0, 99) };

        var compared = DigestNarrowing.Compare(["500103C02", "500103C01", "500103C03"], city, district);

        Assert.Equal(["500103C01", "500103C02", "500103C03"], compared.Select(c => c.City.InstitutionCode));
        Assert.True(compared[0].Matches);
        Assert.False(compared[1].Matches);
        Assert.True(compared[2].Matches);
    }

    [Fact]
    public void Differing_FindsBucketsWithOtherCountOrDigest_OnEitherSide()
    {
        // R-CN-2
        var b = (string s) => new DigestBucket("500103C01", s);
        var city = new[] { new BucketDigest(b("1"), 3, 10), new BucketDigest(b("2"), 3, 10), new BucketDigest(b("3"), 1, 7) };
        var district = new[] { new BucketDigest(b("1"), 3, 10), new BucketDigest(b("2"), 3, 11), new BucketDigest(b("4"), 1, 7) };

        var differing = DigestNarrowing.Differing(city, district);

        Assert.Equal(["2", "3", "4"], differing.Select(x => x.Suffix));
    }

    [Fact]
    public void Findings_NameMissingUnknownAndDifferingRecords_WithBothSidesFacts()
    {
        // R-CN-2
        var city = new[] { Facts("50010300100100001"), Facts("50010300100100002"), Facts("50010300100100003"), Facts("50010300100100004") };
        var district = new[]
        {
            Facts("50010300100100002", owner: "500103C02"), Facts("50010300100100003", status: RecordStatus.Deceased, version: 2),
            Facts("50010300100100004"), Facts("50010300100100009"),
        };

        var findings = DigestNarrowing.Findings("500103", city, district);

        Assert.Equal(["50010300100100001", "50010300100100002", "50010300100100003", "50010300100100009"], findings.Select(f => f.RecordNumber));
        Assert.Equal(FindingKind.MissingAtDistrict, findings[0].Kind);
        Assert.Equal([RecordFinding.Fields.Owner], findings[1].DifferingFields);
        Assert.Equal([RecordFinding.Fields.Status, RecordFinding.Fields.Version], findings[2].DifferingFields);
        Assert.Equal(FindingKind.UnknownToCity, findings[3].Kind);
        Assert.Null(findings[3].City);
    }

    [Fact]
    public void Findings_IgnoreARecordThatLeftTheDistrict_ButNotOneTheCityStillPlacesHere()
    {
        // R-CN-2: after a transfer away the former district keeps the entry as it was; only the owner's district follows it.
        var leftEarlier = Facts("50010300100100001", owner: "500105C01", version: 3);
        var city = new[] { leftEarlier with { Status = RecordStatus.Deceased, Version = 4 }, Facts("50010300100100002", version: 2) };
        var district = new[] { leftEarlier, Facts("50010300100100002", owner: "500105C01", version: 2) };

        var findings = DigestNarrowing.Findings("500103", city, district);

        Assert.Equal(["50010300100100002"], findings.Select(f => f.RecordNumber));
        Assert.Equal([RecordFinding.Fields.Owner, RecordFinding.Fields.OwnerDistrict], findings[0].DifferingFields);
        Assert.Empty(DigestNarrowing.Findings("500103", [Facts("50010500100100001", owner: "500105C01")], []));
    }

    [Fact]
    public void Run_IsIncompleteIfADistrictWasUnreachable_DifferencesIfAnyFinding_ElseConsistent()
    {
        // R-CN-2
        var at = new DateTimeOffset(2026, 11, 22, 2, 0, 0, TimeSpan.Zero);
        var consistent = new DistrictReconciliation("500103", ReconciliationOutcome.Consistent, "", 1, 1, 1, [], 0);
        var differing = consistent with { DistrictCode = "500105", Outcome = ReconciliationOutcome.DifferencesFound, FindingCount = 2 };
        var unreachable = DistrictReconciliation.Unreachable("500106", "down", [new ClinicDigest("500106C01", 4, 4, 0, 1)], 9, 0);

        Assert.Equal(ReconciliationOutcome.Consistent, new ReconciliationRun("a", ReconciliationTrigger.Scheduled, "schedule", at, at, [consistent]).Outcome);
        Assert.Equal(ReconciliationOutcome.DifferencesFound, new ReconciliationRun("b", ReconciliationTrigger.OnDemand, "admin", at, at, [consistent, differing]).Outcome);
        Assert.Equal(ReconciliationOutcome.Incomplete, new ReconciliationRun("c", ReconciliationTrigger.OnDemand, "admin", at, at, [differing, unreachable]).Outcome);
        Assert.False(unreachable.Clinics.Single().Matches);
        Assert.Equal(4, new ReconciliationRun("c", ReconciliationTrigger.OnDemand, "admin", at, at, [unreachable]).RecordsCompared);
    }

    [Fact]
    public void Repair_SendsTheCitysEntryAsItIsNow_OrRemovesTheDistrictsWhenTheCityHasNone()
    {
        // R-CN-2: the city is the authority for owner and status.
        var at = new DateTimeOffset(2026, 11, 22, 2, 0, 0, TimeSpan.Zero);
        var finding = new RecordFinding("500103", "50010300100100001", FindingKind.FactsDiffer, [RecordFinding.Fields.Owner],
            Facts("50010300100100001"), Facts("50010300100100001", owner: "500103C03"));
        var now = new IndexEntry("50010300100100001", HealthRecords.Grains.Identity.IdentityKind.CitizenId, "5001**", "500103C02", "500103", RecordStatus.Active, 2,
            "500103001001", "500103C01", "王护士", at, at);

        var (repair, sent) = IndexRepair.Decide("r1", finding, "run-1", now, "admin", "fix", at);
        var (removal, removed) = IndexRepair.Decide("r2", finding with { Kind = FindingKind.UnknownToCity, City = null }, "run-1", null, "admin", "fix", at);

        Assert.Equal(now, sent.Entry);
        Assert.Equal(("500103C03", "500103C02"), (repair.Before!.OwnerInstitution, repair.After!.OwnerInstitution));
        Assert.Null(removed.Entry);
        Assert.Null(removal.After);
    }
}
