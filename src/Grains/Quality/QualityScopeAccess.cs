using HealthRecords.Grains.Access;

namespace HealthRecords.Grains.Quality;

/// <summary>
/// R-CN-4 with R-AC-5's tiered users: city administrators read every scope, a district administrator
/// their district's (or one of its clinics'), an institution administrator their own clinic's.
/// The role itself is checked by <see cref="OperationPolicy"/> (<see cref="Operation.QueryDataQuality"/>).
/// </summary>
public static class QualityScopeAccess
{
    public const string Rule = "R-CN-4";

    /// <summary>Null when <paramref name="principal"/> may read <paramref name="scope"/>, else why not.</summary>
    public static AccessDenial? Check(Principal principal, QualityScope scope)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(scope);
        var allowed = principal.Role switch
        {
            Role.CityAdministrator => true,
            Role.DistrictAdministrator => string.Equals(scope.DistrictCode, principal.Institution, StringComparison.Ordinal),
            Role.InstitutionAdministrator => string.Equals(scope.InstitutionCode, principal.Institution, StringComparison.Ordinal),
            _ => false,
        };
        return allowed ? null : new AccessDenial("NOT_OWN_SCOPE", Rule,
            $"{principal.Role.Name()} {principal.Institution} may not read the data-quality report of {scope.Key}.");
    }
}
