namespace HealthRecords.Grains.Access;

/// <summary>
/// The user behind a call, as a verified token states it: who, of which institution (a clinic code,
/// a district code for district administrators and the district's resident portal, or
/// <see cref="CityInstitution"/>), in which role. A resident carries their own record number, a
/// guardian the record numbers of their wards (R-AC-1), as the issuing authority verified them.
/// </summary>
public sealed record Principal(string User, string Institution, Role Role, string? RecordNumber = null, IReadOnlyList<string>? Wards = null)
{
    /// <summary>The institution of city-level users (city administrators, researchers).</summary>
    public const string CityInstitution = "city";

    public IReadOnlyList<string> Wards { get; init; } = Wards ?? [];

    public override string ToString() => $"{User}@{Institution} ({Role.Name()})";
}
