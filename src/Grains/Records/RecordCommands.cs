using HealthRecords.Grains.Identity;

namespace HealthRecords.Grains.Records;

/// <summary>Enroll a resident (R-ID-5). The institution has already been checked to belong to the district.</summary>
public sealed record EnrollResident(
    string RequestId,
    IdentityKey Identity,
    CommitteeCode ResidenceCommittee,
    string InstitutionCode,
    string DistrictCode,
    string EnrolledBy,
    ResidentProfile Profile);

/// <summary>R-ID-6: contact fields only; null means "no change".</summary>
public sealed record UpdateContactDetails(
    string RequestId,
    RecordNumber Number,
    string InstitutionCode,
    string UpdatedBy,
    string? Phone,
    string? CurrentAddress,
    string? Employer);
