namespace HealthRecords.Grains.Quality;

/// <summary>A clinic's R-CN-4 figures: findings by kind and the score.</summary>
public sealed record ClinicQuality(string InstitutionCode, long RecordsOwned, IReadOnlyDictionary<QualityFindingKind, int> Findings, decimal Score);

/// <summary>
/// R-CN-4: a quality score per clinic, 0-100, 100 = no findings.
/// <code>
/// penalty(record) = min(1, Σ weight(finding) over the clinic's findings on that record)
/// score           = 100 × max(0, 1 − Σ penalty(record) / records owned), rounded to 0.1 (100 with no records)
/// </code>
/// Weights: a logic error or an open duplicate 1 (the record cannot be trusted as it is), stale 0.5,
/// each missing field 0.25, each late upload 0.1. The cap keeps one bad record from costing more than
/// one record's share; late uploads on records the clinic served but does not own (R-OS-5) still count.
/// </summary>
public static class ClinicQualityScore
{
    public static decimal Weight(QualityFindingKind kind) => kind switch
    {
        QualityFindingKind.LogicError or QualityFindingKind.OpenDuplicate => 1m,
        QualityFindingKind.Stale => 0.5m,
        QualityFindingKind.MissingField => 0.25m,
        QualityFindingKind.LateUpload => 0.1m,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown finding kind."),
    };

    /// <summary>The score of <paramref name="institutionCode"/> from all findings (those of other clinics are ignored).</summary>
    public static ClinicQuality Of(string institutionCode, long recordsOwned, IEnumerable<QualityFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(institutionCode);
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentOutOfRangeException.ThrowIfNegative(recordsOwned);
        var own = findings.Where(f => string.Equals(f.InstitutionCode, institutionCode, StringComparison.Ordinal)).ToList();
        var byKind = own.GroupBy(f => f.Kind).ToDictionary(g => g.Key, g => g.Count()).AsReadOnly();
        var penalty = own.GroupBy(f => f.RecordNumber, StringComparer.Ordinal).Sum(RecordPenalty);
        return new(institutionCode, recordsOwned, byKind, Score(penalty, recordsOwned));
    }

    /// <summary>One record's penalty: its findings' weights, capped at one record's share.</summary>
    public static decimal RecordPenalty(IEnumerable<QualityFinding> findingsOnOneRecord) =>
        Math.Min(1m, findingsOnOneRecord.Sum(f => Weight(f.Kind)));

    /// <summary>The score from the summed record penalties over the records owned (100 with no records).</summary>
    public static decimal Score(decimal penalty, long recordsOwned)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(recordsOwned);
        if (recordsOwned == 0)
            return 100m;
        var score = 100m * Math.Max(0m, 1m - (penalty / recordsOwned));
        return Math.Round(score, 1, MidpointRounding.AwayFromZero);
    }
}
