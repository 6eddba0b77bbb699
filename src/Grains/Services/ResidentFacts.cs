using HealthRecords.Grains.Identity;
using HealthRecords.Grains.Records;

namespace HealthRecords.Grains.Services;

/// <summary>
/// What the service rules need to know of the resident: the record status (R-ST-1, R-ST-5, R-MG-3),
/// the date of birth (no service before birth; child follow-ups), the date of death (R-ST-3) and the
/// sex (maternal follow-ups), and the owner, so that a service by another clinic is off-site (R-OS-5).
/// Unknown values switch the checks that need them off.
/// </summary>
public sealed record ResidentFacts(
    RecordStatus Status,
    DateOnly? DateOfBirth,
    DateOnly? DateOfDeath,
    Sex Sex = Sex.Unspecified,
    string? OwnerInstitution = null,
    string? OwnerDistrict = null);
