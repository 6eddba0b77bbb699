namespace HealthRecords.Grains.Merging;

/// <summary>
/// R-MG-2: two valid values that contradict each other; the merge waits until the owning clinic has
/// verified with the resident which is right (GD art. 22). ID numbers are shown masked.
/// </summary>
public sealed record MergeConflict(string Field, string SurvivorValue, string MergedAwayValue)
{
    public const string DateOfBirth = "date_of_birth";
    public const string Sex = "sex";
    public const string IdNumber = "citizen_id_number";
    public const string Deceased = "status";
}
