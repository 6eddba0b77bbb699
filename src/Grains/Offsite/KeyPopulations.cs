using HealthRecords.Grains.Identity;
using HealthRecords.Grains.Services;

namespace HealthRecords.Grains.Offsite;

/// <summary>The key populations served off-site (R-OS-1, NAT 2(1)); the numbers match the wire enum.</summary>
public enum KeyPopulation
{
    Elderly = 1,
    Child = 2,
    Maternal = 3,
    Hypertension = 4,
    Diabetes = 5,
}

/// <summary>
/// Which key populations a resident belongs to, derived like the homepage tags (R-RC-2): age from the
/// date of birth (65 and over; 0-6), and the follow-ups the record holds (maternal within 12 months,
/// any hypertension or diabetes follow-up). Nothing is typed by hand.
/// </summary>
public static class KeyPopulations
{
    public static IReadOnlyList<KeyPopulation> Of(DateOnly? dateOfBirth, Sex sex, IEnumerable<ServiceRecord> services, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(services);
        var all = services as IReadOnlyCollection<ServiceRecord> ?? services.ToList();
        var found = new SortedSet<KeyPopulation>();
        var age = dateOfBirth is { } birth ? Ages.YearsOn(birth, today) : (int?)null;
        if (age >= HomepageDerivation.ElderlyAgeYears)
            found.Add(KeyPopulation.Elderly);
        // With a known birth date the age decides; a child follow-up only stands in when it is unknown,
        // so a 12-year-old followed up at 6 is no longer a child.
        var childLookBack = today.AddYears(-HomepageDerivation.ChildFollowUpLookBackYears);
        if (age is { } years
                ? years < ServiceRecordRules.ChildAgeLimitYears
                : all.Any(s => s.Kind == ServiceKind.ChildFollowUp && s.ServiceDate >= childLookBack && s.ServiceDate <= today))
            found.Add(KeyPopulation.Child);
        var maternalLookBack = today.AddMonths(-HomepageDerivation.MaternalLookBackMonths);
        if (sex != Sex.Male && all.Any(s => s.Kind == ServiceKind.MaternalFollowUp && s.ServiceDate >= maternalLookBack && s.ServiceDate <= today))
            found.Add(KeyPopulation.Maternal);
        if (all.Any(s => s.Kind == ServiceKind.HypertensionFollowUp))
            found.Add(KeyPopulation.Hypertension);
        if (all.Any(s => s.Kind == ServiceKind.DiabetesFollowUp))
            found.Add(KeyPopulation.Diabetes);
        return found.ToList();
    }
}
