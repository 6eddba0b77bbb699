using HealthRecords.Grains.Identity;
using HealthRecords.Grains.Topology;
using HealthRecords.Grains.Validation;

namespace HealthRecords.Grains.Records;

/// <summary>An enrollment as received, before validation. Field names in errors are the proto paths.</summary>
public sealed record EnrollmentInput(
    string RequestId,
    string InstitutionCode,
    string EnrolledBy,
    string ResidenceCommitteeCode,
    IdentityInput Identity,
    ResidentProfile Profile)
{
    private const int MaxNameLength = 50;

    /// <summary>
    /// Checks every field and reports all problems at once (R-ID-2, R-ID-4, R-RC-1). Sex and birth
    /// date are taken from the ID number when not given, and must agree with it when given.
    /// </summary>
    public EnrollResident Validate(CityTopology topology, DateOnly today)
    {
        var violations = new List<FieldViolation>();
        IdentityKey? identity = null;
        try
        {
            identity = IdentityKey.FromInput(Identity, today);
        }
        catch (DomainValidationException e)
        {
            violations.AddRange(e.Violations);
        }

        var institution = topology.FindInstitution(InstitutionCode);
        if (string.IsNullOrWhiteSpace(InstitutionCode))
            violations.Add(new("enrolling_institution_code", "is required."));
        else if (institution is null)
            violations.Add(new("enrolling_institution_code", $"{InstitutionCode} is not an institution of {topology.CityName}."));
        if (string.IsNullOrWhiteSpace(EnrolledBy))
            violations.Add(new("enrolled_by", "is required: the staff member who enrolls the resident."));

        CommitteeCode? committee = null;
        if (!CommitteeCode.TryParse(ResidenceCommitteeCode, out committee, out var committeeError))
            violations.Add(new("residence_committee_code", committeeError ?? "is not a 12-digit committee code."));
        else if (topology.DistrictOfCommittee(committee!.Value) is null)
            violations.Add(new("residence_committee_code", $"county {committee.CountyCode} is not a district of {topology.CityName}."));

        var profile = Profile with { Name = Profile.Name.Trim() };
        if (profile.Name.Length == 0)
            violations.Add(new("profile.name", "is required."));
        else if (profile.Name.Length > MaxNameLength)
            violations.Add(new("profile.name", $"must be at most {MaxNameLength} characters."));
        if (profile.DateOfBirth is { } born && born > today)
            violations.Add(new("profile.date_of_birth", $"{born:yyyy-MM-dd} is in the future."));
        if (identity?.BirthDate is { } idBorn)
        {
            if (profile.DateOfBirth is { } given && given != idBorn)
                violations.Add(new("profile.date_of_birth", $"{given:yyyy-MM-dd} contradicts the ID number's birth date {idBorn:yyyy-MM-dd}."));
            profile = profile with { DateOfBirth = idBorn };
        }
        if (identity is not null && identity.Sex != Sex.Unspecified)
        {
            if (profile.Sex != Sex.Unspecified && profile.Sex != identity.Sex)
                violations.Add(new("profile.sex", $"{profile.Sex} contradicts the ID number, which gives {identity.Sex}."));
            profile = profile with { Sex = identity.Sex };
        }

        if (violations.Count > 0)
            throw new DomainValidationException(violations);
        return new EnrollResident(RequestId.Trim(), identity!, committee!, institution!.Code, institution.DistrictCode, EnrolledBy.Trim(), profile);
    }
}
