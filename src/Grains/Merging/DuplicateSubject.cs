using HealthRecords.Grains.Identity;
using HealthRecords.Grains.Records;

namespace HealthRecords.Grains.Merging;

/// <summary>
/// What duplicate detection compares of one record (R-ID-1): its number, identity key and basic
/// information, and the mother's ID number when known (a newborn key carries it; for other records
/// storage supplies it from the child's registration, else null).
/// </summary>
public sealed record DuplicateSubject(string RecordNumber, IdentityKey Identity, ResidentProfile Profile, CitizenIdNumber? MotherId = null)
{
    public static DuplicateSubject Of(RecordState record, CitizenIdNumber? motherId = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new(record.Number.Value, record.Identity, record.Profile, motherId);
    }

    /// <summary>The mother as the newborn key says, else as supplied.</summary>
    public CitizenIdNumber? Mother => Identity.Newborn?.MotherId ?? MotherId;

    /// <summary>The recorded date of birth, else the one the ID number encodes.</summary>
    public DateOnly? DateOfBirth => Profile.DateOfBirth ?? Identity.BirthDate;

    /// <summary>The recorded sex, else the one the ID number encodes.</summary>
    public Sex Sex => Profile.Sex != Sex.Unspecified ? Profile.Sex : Identity.Sex;

    /// <summary>True for a newborn still keyed by birth certificate or mother (R-ID-2), not yet by ID number.</summary>
    public bool IsNewbornKeyed => Identity.Kind is IdentityKind.BirthMedicalCertificate or IdentityKind.NewbornOfMother;

    /// <summary>The name folded for comparison (NFKC, no white space, lower case), or null when it is no real name.</summary>
    public string? FoldedName => FieldValidity.IsValidText(Profile.Name) ? FieldValidity.Fold(Profile.Name) : null;
}
