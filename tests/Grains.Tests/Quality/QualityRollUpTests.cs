using HealthRecords.Grains.Quality;

namespace HealthRecords.Grains.Tests.Quality;

public sealed class QualityRollUpTests
{
    private const string Yuzhong = "500103";
    private const string Dadukou = "500104";
    private const string ClinicA = "500103C01";
    private const string ClinicB = "500103C02";
    private const string ClinicC = "500104C01";
    private static readonly DateTimeOffset At = new(2026, 12, 6, 9, 0, 0, TimeSpan.FromHours(8));

    private static DistrictFinding F(string record, string clinic, QualityFindingKind kind, string district = Yuzhong) =>
        new(new QualityFinding(record, clinic, kind, "f", "d"), district);

    // r1 (A): a logic error, and a late upload by B; r2 (B): clean; r3 (C, other district): stale.
    private static QualityReport Report(QualityScope scope)
    {
        var rollUp = new QualityRollUp(scope);
        rollUp.AddRecord(ClinicA, Yuzhong, [F("r1", ClinicA, QualityFindingKind.LogicError), F("r1", ClinicB, QualityFindingKind.LateUpload)]);
        rollUp.AddRecord(ClinicB, Yuzhong, []);
        rollUp.AddRecord(ClinicC, Dadukou, [F("r3", ClinicC, QualityFindingKind.Stale, Dadukou)]);
        return rollUp.Report(At);
    }

    [Fact]
    public void RollUp_DistrictScore_IsTheClinicFormulaOverAllItsRecords_CappedPerRecord()
    {
        // R-CN-4: district Yuzhong owns r1, r2; r1's penalty is min(1, 1 + 0.1) = 1 → 100 × (1 − 1/2) = 50,
        // not the clinics' penalties added (1.1 → 45)
        var report = Report(QualityScope.City);

        var yuzhong = Assert.Single(report.Districts, d => d.DistrictCode == Yuzhong).Figures;
        Assert.Equal(2, yuzhong.RecordsOwned);
        Assert.Equal(50.0m, yuzhong.Score);
        Assert.Equal(1, yuzhong.Count(QualityFindingKind.LogicError));
        Assert.Equal(1, yuzhong.Count(QualityFindingKind.LateUpload));
        // city: r1 penalty 1, r3 0.5 over 3 records → 100 × (1 − 1.5/3) = 50
        Assert.Equal(3, report.Total.RecordsOwned);
        Assert.Equal(50.0m, report.Total.Score);
        Assert.Equal(1, report.Total.Count(QualityFindingKind.Stale));
        Assert.Equal([ClinicA, ClinicB, ClinicC], report.Clinics.Select(c => c.InstitutionCode));
        Assert.Equal(0m, report.Clinics[0].Figures.Score);
        Assert.Equal(90.0m, report.Clinics[1].Figures.Score); // B: 1 record, a late upload on A's record (0.1)
    }

    [Fact]
    public void RollUp_ClinicScope_HoldsItsLateUploadsOnOthersRecords_NotTheOwnersFindings()
    {
        // R-CN-4, R-RC-4: lateness is the serving clinic's; r1 is A's and is not counted as B's record
        var report = Report(QualityScope.Clinic(Yuzhong, ClinicB));

        var b = Assert.Single(report.Clinics);
        Assert.Equal(ClinicB, b.InstitutionCode);
        Assert.Equal(1, b.Figures.RecordsOwned);
        Assert.Equal(1, b.Figures.Count(QualityFindingKind.LateUpload));
        Assert.Equal(0, b.Figures.Count(QualityFindingKind.LogicError));
        Assert.Equal(b.Figures.Score, report.Total.Score);
        Assert.Equal(b.Figures.Findings, report.Total.Findings);
    }

    [Fact]
    public void RollUp_DistrictScope_LeavesOutOtherDistricts()
    {
        // R-CN-4
        var report = Report(QualityScope.District(Dadukou));

        Assert.Equal(Dadukou, Assert.Single(report.Districts).DistrictCode);
        Assert.Equal(ClinicC, Assert.Single(report.Clinics).InstitutionCode);
        Assert.Equal(50.0m, report.Total.Score);
    }

    [Fact]
    public void RollUp_ClinicFigures_EqualClinicQualityScoreOf_OnSeededFindings()
    {
        // R-CN-4: the streamed tally and the clinic formula agree, record by record, whatever the mix
        var random = new Random(8);
        var kinds = Enum.GetValues<QualityFindingKind>();
        var rollUp = new QualityRollUp(QualityScope.City);
        var all = new List<QualityFinding>();
        for (var r = 0; r < 200; r++)
        {
            var record = $"r{r:D3}";
            var findings = Enumerable.Range(0, random.Next(0, 4))
                .Select(_ => F(record, random.Next(3) == 0 ? ClinicB : ClinicA, kinds[random.Next(kinds.Length)])).ToList();
            rollUp.AddRecord(ClinicA, Yuzhong, findings);
            all.AddRange(findings.Select(f => f.Finding));
        }

        var a = rollUp.Report(At).Clinics.Single(c => c.InstitutionCode == ClinicA).Figures;
        var expected = ClinicQualityScore.Of(ClinicA, 200, all);

        Assert.Equal(expected.Score, a.Score);
        Assert.True(a.Score is > 0m and < 100m, $"the mix should give a score strictly between 0 and 100, not {a.Score}");
        Assert.Equal(expected.Findings.ToDictionary(k => k.Key, k => (long)k.Value), a.Findings);
    }
}
