namespace HealthRecords.Grains.Quality;

/// <summary>
/// R-CN-4: what a report covers — the city (both null), one district, or one clinic (with its district).
/// A finding is in scope when the clinic answerable for it is: a clinic's scope holds its late uploads
/// on records other clinics own (R-RC-4, R-OS-5), and not the other clinics' findings on those records.
/// </summary>
public sealed record QualityScope(string? DistrictCode, string? InstitutionCode)
{
    public static QualityScope City { get; } = new(null, null);

    public static QualityScope District(string districtCode) => new(districtCode, null);

    public static QualityScope Clinic(string districtCode, string institutionCode) => new(districtCode, institutionCode);

    public bool IsCity => DistrictCode is null && InstitutionCode is null;

    /// <summary>Whether a clinic (of the given district) falls in this scope.</summary>
    public bool Includes(string institutionCode, string districtCode) =>
        (DistrictCode is null || string.Equals(DistrictCode, districtCode, StringComparison.Ordinal))
        && (InstitutionCode is null || string.Equals(InstitutionCode, institutionCode, StringComparison.Ordinal));

    /// <summary>A stable name of the scope, e.g. to keep its last report under.</summary>
    public string Key => InstitutionCode is not null ? $"clinic:{InstitutionCode}" : DistrictCode is not null ? $"district:{DistrictCode}" : "city";
}
