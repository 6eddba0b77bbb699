namespace HealthRecords.Grains.Quality;

/// <summary>R-CN-4 figures of a clinic, a district or the city: non-merged records owned, findings by kind, the score.</summary>
public sealed record QualityFigures(long RecordsOwned, IReadOnlyDictionary<QualityFindingKind, long> Findings, decimal Score)
{
    public long Count(QualityFindingKind kind) => Findings.GetValueOrDefault(kind);
}

public sealed record ClinicQualityFigures(string InstitutionCode, string DistrictCode, QualityFigures Figures);

public sealed record DistrictQualityFigures(string DistrictCode, QualityFigures Figures);

/// <summary>
/// R-CN-4: one report over a scope at one time: the scope's total, each district's and each clinic's
/// figures (districts and clinics ordered by code).
/// </summary>
public sealed record QualityReport(
    QualityScope Scope,
    DateTimeOffset ComputedAt,
    QualityFigures Total,
    IReadOnlyList<DistrictQualityFigures> Districts,
    IReadOnlyList<ClinicQualityFigures> Clinics);
