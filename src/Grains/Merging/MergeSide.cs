using HealthRecords.Grains.Records;
using HealthRecords.Grains.Services;

namespace HealthRecords.Grains.Merging;

/// <summary>One of the two records of a merge, with its service records.</summary>
public sealed record MergeSide(RecordState Record, IReadOnlyList<ServiceRecord> Services)
{
    public string Number => Record.Number.Value;

    /// <summary>The date of birth recorded, else the one its ID number encodes.</summary>
    public DateOnly? DateOfBirth => Record.Profile.DateOfBirth ?? Record.Identity.BirthDate;

    /// <summary>The sex recorded, else the one its ID number encodes.</summary>
    public Identity.Sex Sex => FieldValidity.IsValidSex(Record.Profile.Sex) ? Record.Profile.Sex : Record.Identity.Sex;
}
