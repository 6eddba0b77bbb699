namespace HealthRecords.Grains.Counts;

/// <summary>
/// The figures administrators reconcile (R-CN-1) for one clinic, or for a whole district when
/// <see cref="InstitutionCode"/> is empty: managed (在管) = active records, archived = lost to
/// follow-up, deceased or moved out.
/// </summary>
public sealed record ManagedCount(string DistrictCode, string InstitutionCode, long Managed, long Archived)
{
    public bool IsDistrictTotal => InstitutionCode.Length == 0;
}
