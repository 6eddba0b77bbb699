namespace HealthRecords.Grains.Access;

/// <summary>
/// The periods and sizes of access control that a city's policy may set (R-AC-1, R-AC-2, R-AC-4).
/// The seeds name the mechanisms (dynamic or SMS code, emergency access, de-identified export) but
/// not these values, so every built-in profile carries the same platform defaults.
/// </summary>
public sealed record AccessTerms(
    int AdultAgeYears,
    TimeSpan ResidentCodeValidity,
    int ResidentCodeAttempts,
    TimeSpan ResidentAuthorizationValidity,
    TimeSpan EmergencyAccessValidity,
    int ResearchMinimumGroupSize)
{
    /// <summary>18 (adulthood), a code lives 10 minutes with 5 tries, an authorization covers a visit (8 hours), an emergency 4 hours, groups under 5 are suppressed.</summary>
    public static AccessTerms PlatformDefaults { get; } = new(18, TimeSpan.FromMinutes(10), 5, TimeSpan.FromHours(8), TimeSpan.FromHours(4), 5);
}
