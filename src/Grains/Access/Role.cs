namespace HealthRecords.Grains.Access;

/// <summary>
/// R-AC-5 (CQ art. 24): users are tiered and role-based. Carried in the signed bearer token; the
/// resident and guardian roles are for the resident-facing services (R-AC-1).
/// </summary>
public enum Role
{
    Clinician = 1,
    RecordManager = 2,
    InstitutionAdministrator = 3,
    DistrictAdministrator = 4,
    CityAdministrator = 5,
    Researcher = 6,
    Resident = 7,
    Guardian = 8,
}

public static class Roles
{
    /// <summary>The token spelling of each role (lower_snake_case, like the proto enum without prefix).</summary>
    public static string Name(this Role role) => role switch
    {
        Role.Clinician => "clinician",
        Role.RecordManager => "record_manager",
        Role.InstitutionAdministrator => "institution_administrator",
        Role.DistrictAdministrator => "district_administrator",
        Role.CityAdministrator => "city_administrator",
        Role.Researcher => "researcher",
        Role.Resident => "resident",
        Role.Guardian => "guardian",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    public static bool TryParse(string? name, out Role role)
    {
        foreach (var candidate in Enum.GetValues<Role>())
        {
            if (candidate.Name() == name)
            {
                role = candidate;
                return true;
            }
        }
        role = default;
        return false;
    }

    /// <summary>Roles of a clinic's own staff: their institution is a clinic code.</summary>
    public static bool IsClinicStaff(this Role role) => role is Role.Clinician or Role.RecordManager or Role.InstitutionAdministrator;

    /// <summary>Roles of the city administration: their institution is <see cref="Principal.CityInstitution"/>.</summary>
    public static bool IsCityLevel(this Role role) => role is Role.CityAdministrator or Role.Researcher;
}
