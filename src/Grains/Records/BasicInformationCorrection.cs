using HealthRecords.Grains.Identity;

namespace HealthRecords.Grains.Records;

/// <summary>
/// R-ID-6: the owning clinic corrects identity fields of the basic information (name, sex, date of
/// birth) with the resident's or guardian's consent, recorded. Null means "no change".
/// </summary>
public sealed record CorrectBasicInformation(
    string RequestId,
    string InstitutionCode,
    string RecordedBy,
    string Consent,
    string? Name,
    Sex? Sex,
    DateOnly? DateOfBirth);

/// <summary>
/// R-ID-6: identity fields corrected with consent. Only the changed fields are set, each with its
/// former value, so the record's history shows what changed.
/// </summary>
public sealed record BasicInformationCorrected(
    DateTimeOffset OccurredAt,
    string InstitutionCode,
    string RecordedBy,
    string RequestId,
    string Consent,
    string? Name,
    Sex? Sex,
    DateOnly? DateOfBirth,
    string? FormerName,
    Sex? FormerSex,
    DateOnly? FormerDateOfBirth) : RecordEvent(OccurredAt);
