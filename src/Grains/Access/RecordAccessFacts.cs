using HealthRecords.Grains.Records;

namespace HealthRecords.Grains.Access;

/// <summary>What the access rules need to know about a record: whose it is and whether its subject is a minor.</summary>
public sealed record RecordAccessFacts(string RecordNumber, string OwnerInstitution, string OwnerDistrict, DateOnly? DateOfBirth)
{
    public static RecordAccessFacts Of(RecordState record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new(record.Number.Value, record.OwnerInstitution, record.OwnerDistrict, record.Profile.DateOfBirth);
    }
}
