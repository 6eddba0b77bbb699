using HealthRecords.Grains.Time;
using HealthRecords.Grains.Validation;

namespace HealthRecords.Grains.Research;

/// <summary>
/// Which records an export covers: those owned in the given districts (none: every district) and
/// enrolled within the period (either end open), both ends inclusive, in China Standard Time dates.
/// </summary>
public sealed record ResearchExportScope(IReadOnlyList<string> DistrictCodes, DateOnly? EnrolledFrom, DateOnly? EnrolledTo)
{
    /// <summary>The violations of this scope against the city's districts; empty when valid.</summary>
    public IReadOnlyList<FieldViolation> Check(Func<string, bool> isDistrict)
    {
        ArgumentNullException.ThrowIfNull(isDistrict);
        var violations = DistrictCodes.Where(d => !isDistrict(d))
            .Select(d => new FieldViolation("scope.district_codes", $"{d} is not a district of this city.")).ToList();
        if (EnrolledFrom > EnrolledTo)
            violations.Add(new FieldViolation("scope.enrolled_from", "must not be after scope.enrolled_to."));
        return violations;
    }

    /// <summary>The first instant of the period, if it has a start.</summary>
    public DateTimeOffset? StartsAt => EnrolledFrom is { } from ? new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), CityTime.Offset) : null;

    /// <summary>The first instant after the period, if it has an end.</summary>
    public DateTimeOffset? EndsBefore => EnrolledTo is { } to ? new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), CityTime.Offset) : null;

    public bool Equals(ResearchExportScope? other) => other is not null
        && DistrictCodes.SequenceEqual(other.DistrictCodes) && EnrolledFrom == other.EnrolledFrom && EnrolledTo == other.EnrolledTo;

    public override int GetHashCode() => HashCode.Combine(DistrictCodes.Count, EnrolledFrom, EnrolledTo);
}
