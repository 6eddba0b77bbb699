namespace HealthRecords.Grains.Access;

/// <summary>Why a read of a resident's record is allowed; kept in the audit log with the read (R-AC-5).</summary>
public enum AccessBasis
{
    /// <summary>R-AC-2: the owning clinic reads for management.</summary>
    OwningInstitution = 1,
    /// <summary>R-AC-1: an adult reads their own record.</summary>
    Self = 2,
    /// <summary>R-AC-1: a guardian reads a minor ward's record.</summary>
    GuardianOfMinor = 3,
    /// <summary>R-AC-1: a guardian of an adult without capacity: general information, not mental-disorder information.</summary>
    GuardianOfAdult = 4,
    /// <summary>R-AC-2: another clinician with the resident's one-time code, verified by the city.</summary>
    ResidentAuthorization = 5,
    /// <summary>R-AC-2: emergency access with a stated reason (break the glass), reported to the owner.</summary>
    Emergency = 6,
    /// <summary>R-AC-2: the district's health administration, for its own clinics' records.</summary>
    DistrictManagement = 7,
    /// <summary>R-AC-2: the city's health administration.</summary>
    CityManagement = 8,
}
