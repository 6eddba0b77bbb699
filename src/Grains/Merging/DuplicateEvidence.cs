using HealthRecords.Grains.Identity;
using HealthRecords.Grains.Records;

namespace HealthRecords.Grains.Merging;

/// <summary>
/// One record of a queued pair as the reviewer compares it side by side (R-ID-1): identity number
/// and phone masked (R-AC-6), the rest as recorded.
/// </summary>
public sealed record DuplicateEvidence(
    string RecordNumber,
    IdentityKind IdentityKind,
    string IdentityMasked,
    string Name,
    Sex Sex,
    DateOnly? DateOfBirth,
    string PhoneMasked,
    string? CurrentAddress,
    string? RegisteredAddress,
    string OwnerInstitution,
    string OwnerDistrict,
    DateTimeOffset EnrolledAt,
    RecordStatus Status)
{
    public static DuplicateEvidence Of(RecordState record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var side = DuplicateSubject.Of(record);
        var phone = record.Profile.Phone?.Trim() ?? "";
        return new(record.Number.Value, record.Identity.Kind, record.Identity.Display, record.Profile.Name, side.Sex, side.DateOfBirth,
            PersonalDataMask.Middle(phone, 3, 4), record.Profile.CurrentAddress, record.Profile.RegisteredAddress,
            record.OwnerInstitution, record.OwnerDistrict, record.EnrolledAt, record.Status);
    }
}
