namespace HealthRecords.Grains.Access;

/// <summary>Who may read a resident's record (R-AC-1, R-AC-2, R-AC-3): decided from the token's principal, the record and the grants in force.</summary>
public static class RecordAccessPolicy
{
    public static RecordAccessDecision DecideRead(
        Principal principal, RecordAccessFacts record, IEnumerable<AccessGrant> grants, DateTimeOffset now, AccessTerms terms)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(grants);
        ArgumentNullException.ThrowIfNull(terms);
        var minor = IsMinor(record.DateOfBirth, now, terms);
        return principal.Role switch
        {
            // R-AC-1: open to the adult resident; a minor's record is for the guardian.
            Role.Resident when principal.RecordNumber != record.RecordNumber =>
                Deny(principal, "NOT_OWN_RECORD", "R-AC-1", $"A resident reads their own record only, not {record.RecordNumber}."),
            Role.Resident when minor =>
                Deny(principal, "MINOR_RECORD_FOR_GUARDIAN", "R-AC-1", $"Record {record.RecordNumber} is a minor's: it is open to the guardian."),
            Role.Resident => RecordAccessDecision.Allow(principal, AccessBasis.Self),
            Role.Guardian when !principal.Wards.Contains(record.RecordNumber) =>
                Deny(principal, "NOT_A_WARD", "R-AC-1", $"Record {record.RecordNumber} is not of a ward of {principal.User}."),
            Role.Guardian => RecordAccessDecision.Allow(principal, minor ? AccessBasis.GuardianOfMinor : AccessBasis.GuardianOfAdult),
            // R-AC-2: the owning clinic reads for management.
            _ when principal.Role.IsClinicStaff() && principal.Institution == record.OwnerInstitution =>
                RecordAccessDecision.Allow(principal, AccessBasis.OwningInstitution),
            Role.Clinician => ByGrant(principal, record, grants, now),
            Role.RecordManager or Role.InstitutionAdministrator =>
                Deny(principal, "NOT_OWNING_INSTITUTION", "R-AC-2", $"Record {record.RecordNumber} is managed by {record.OwnerInstitution}, not {principal.Institution}."),
            Role.DistrictAdministrator when principal.Institution == record.OwnerDistrict =>
                RecordAccessDecision.Allow(principal, AccessBasis.DistrictManagement),
            Role.DistrictAdministrator =>
                Deny(principal, "NOT_OWN_DISTRICT", "R-AC-2", $"Record {record.RecordNumber} belongs to district {record.OwnerDistrict}, not {principal.Institution}."),
            Role.CityAdministrator => RecordAccessDecision.Allow(principal, AccessBasis.CityManagement),
            // R-AC-4: researchers get approved, de-identified exports, never a resident's record.
            Role.Researcher =>
                Deny(principal, "RESEARCH_EXPORT_ONLY", "R-AC-4", "Researchers receive approved de-identified exports, not individual records."),
            _ => Deny(principal, "ROLE_NOT_ALLOWED", "R-AC-3", $"Role {principal.Role.Name()} may not read residents' records."),
        };
    }

    /// <summary>R-AC-2: another clinician needs the resident's authorization or a declared emergency in force.</summary>
    private static RecordAccessDecision ByGrant(Principal principal, RecordAccessFacts record, IEnumerable<AccessGrant> grants, DateTimeOffset now)
    {
        var grant = grants
            .Where(g => g.Covers(principal, record.RecordNumber, now))
            .OrderBy(g => g.Basis == AccessBasis.ResidentAuthorization ? 0 : 1)
            .FirstOrDefault();
        return grant is null
            ? Deny(principal, "RESIDENT_AUTHORIZATION_REQUIRED", "R-AC-2",
                $"{principal.Institution} does not manage record {record.RecordNumber}: reading it needs the resident's one-time code or a declared emergency.")
            : RecordAccessDecision.Allow(principal, grant.Basis, grant.GrantId);
    }

    /// <summary>An unknown birth date counts as adult: the guardian then gets the narrower view (R-AC-1).</summary>
    public static bool IsMinor(DateOnly? dateOfBirth, DateTimeOffset now, AccessTerms terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        if (dateOfBirth is not { } birth)
            return false;
        var today = DateOnly.FromDateTime(now.ToOffset(Time.CityTime.Offset).DateTime);
        return birth.AddYears(terms.AdultAgeYears) > today;
    }

    private static RecordAccessDecision Deny(Principal principal, string reason, string rule, string message) =>
        RecordAccessDecision.Deny(principal, reason, rule, message);
}
