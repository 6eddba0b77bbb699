using HealthRecords.Grains.Quality;

namespace HealthRecords.Grains.Tests.Quality;

public sealed class ClinicQualityScoreTests
{
    private const string Clinic = "500103C01";

    private static QualityFinding F(string record, QualityFindingKind kind, string clinic = Clinic) => new(record, clinic, kind, "f", "d");

    [Fact]
    public void Score_NoFindings_Is100()
    {
        // R-CN-4
        Assert.Equal(100m, ClinicQualityScore.Of(Clinic, 10, []).Score);
        Assert.Equal(100m, ClinicQualityScore.Of(Clinic, 0, []).Score);
    }

    [Fact]
    public void Score_WeightsCappedPerRecord_OverRecordsOwned()
    {
        // R-CN-4: 10 records; r1 a logic error + 2 missing fields (capped at 1), r2 stale (0.5),
        // r3 two missing fields (0.5), r4 a late upload (0.1): penalty 2.1 → 100 × (1 − 0.21) = 79
        var findings = new[]
        {
            F("r1", QualityFindingKind.LogicError), F("r1", QualityFindingKind.MissingField), F("r1", QualityFindingKind.MissingField),
            F("r2", QualityFindingKind.Stale),
            F("r3", QualityFindingKind.MissingField), F("r3", QualityFindingKind.MissingField),
            F("r4", QualityFindingKind.LateUpload),
            F("r5", QualityFindingKind.LogicError, clinic: "500105C01"), // another clinic's
        };

        var quality = ClinicQualityScore.Of(Clinic, 10, findings);

        Assert.Equal(79.0m, quality.Score);
        Assert.Equal(4, quality.Findings[QualityFindingKind.MissingField]);
        Assert.False(quality.Findings.ContainsKey(QualityFindingKind.OpenDuplicate));
    }

    [Fact]
    public void Score_NeverBelowZero()
    {
        // R-CN-4: late uploads on records the clinic served but does not own can outnumber its records
        var findings = new[] { F("x1", QualityFindingKind.OpenDuplicate), F("x2", QualityFindingKind.LogicError) };

        Assert.Equal(0m, ClinicQualityScore.Of(Clinic, 1, findings).Score);
    }
}
