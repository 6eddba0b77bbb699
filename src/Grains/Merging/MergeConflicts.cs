using System.Globalization;
using HealthRecords.Grains.Records;

namespace HealthRecords.Grains.Merging;

/// <summary>
/// R-MG-2: the contradictions that block a merge. Only two valid values can contradict: an invalid or
/// missing value simply loses to the valid one (<see cref="FieldValidity"/>).
/// </summary>
public static class MergeConflicts
{
    public static IReadOnlyList<MergeConflict> Between(MergeSide survivor, MergeSide mergedAway, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(survivor);
        ArgumentNullException.ThrowIfNull(mergedAway);
        var conflicts = new List<MergeConflict>();
        if (FieldValidity.IsValidDateOfBirth(survivor.DateOfBirth, today) && FieldValidity.IsValidDateOfBirth(mergedAway.DateOfBirth, today)
            && survivor.DateOfBirth != mergedAway.DateOfBirth)
            conflicts.Add(new(MergeConflict.DateOfBirth, Date(survivor.DateOfBirth), Date(mergedAway.DateOfBirth)));
        if (FieldValidity.IsValidSex(survivor.Sex) && FieldValidity.IsValidSex(mergedAway.Sex) && survivor.Sex != mergedAway.Sex)
            conflicts.Add(new(MergeConflict.Sex, survivor.Sex.ToString(), mergedAway.Sex.ToString()));
        if (survivor.Record.Identity.IdNumber is { } x && mergedAway.Record.Identity.IdNumber is { } y && !x.Equals(y))
            conflicts.Add(new(MergeConflict.IdNumber, x.Masked, y.Masked));
        // A death recorded on one record only: the clinic verifies before a live record absorbs a dead one or the reverse.
        if ((survivor.Record.Status == RecordStatus.Deceased) != (mergedAway.Record.Status == RecordStatus.Deceased))
            conflicts.Add(new(MergeConflict.Deceased, survivor.Record.Status.ToString(), mergedAway.Record.Status.ToString()));
        return conflicts;
    }

    private static string Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}
