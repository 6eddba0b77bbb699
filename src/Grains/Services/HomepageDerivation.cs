using HealthRecords.Grains.Identity;

namespace HealthRecords.Grains.Services;

/// <summary>Derives the homepage (R-RC-2) from the service records; the rule of each tag is on <see cref="HealthTag"/>.</summary>
public static class HomepageDerivation
{
    public const int ElderlyAgeYears = 65;
    public const int AdultAgeYears = 18;
    public const int ChildFollowUpLookBackYears = 7;
    public const int MaternalLookBackMonths = 12;

    // WS/T 428-2013 (成人体重判定), Chinese adult cut-offs.
    private const decimal UnderweightBelow = 18.5m;
    private const decimal OverweightFrom = 24.0m;
    private const decimal ObeseFrom = 28.0m;

    /// <summary>
    /// The homepage as of <paramref name="today"/> (China date). <paramref name="sex"/> overrides
    /// <see cref="ResidentFacts.Sex"/> when specified. Services sharing an upload id count once.
    /// </summary>
    public static Homepage Derive(ResidentFacts resident, Sex sex, IEnumerable<ServiceRecord> services, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(resident);
        ArgumentNullException.ThrowIfNull(services);
        if (sex == Sex.Unspecified)
        {
            sex = resident.Sex;
        }

        // Newest first: the reverse of the (date, upload id) order, so equal dates still have a stable order.
        var newestFirst = services
            .DistinctBy(s => s.UploadId, StringComparer.Ordinal)
            .OrderByDescending(s => s.ServiceDate)
            .ThenByDescending(s => s.UploadId, StringComparer.Ordinal)
            .ToArray();

        var tags = new SortedSet<HealthTag>();
        AddPopulationTags(tags, resident.DateOfBirth, sex, newestFirst, today);
        if (WeightTag(resident.DateOfBirth, newestFirst) is { } weight)
        {
            tags.Add(weight);
        }

        if (BloodTypeTag(newestFirst) is { } blood)
        {
            tags.Add(blood);
        }

        var activities = newestFirst
            .Select(s => new ServiceActivity(s.ServiceDate, s.InstitutionCode, s.Kind, s.MainProblems, s.Report, s.CostFen, s.Late))
            .ToArray();
        return new Homepage(tags.ToArray(), activities, newestFirst.Length == 0 ? null : newestFirst[0].ServiceDate);
    }

    /// <summary>
    /// R-OS-4: whether the elderly annual free health examination was given in <paramref name="year"/>:
    /// a health examination or elderly follow-up carrying <c>annual_free_exam</c> = "true" dated that year.
    /// </summary>
    public static bool FreeAnnualExaminationGiven(IEnumerable<ServiceRecord> services, int year)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.Any(s => s.ServiceDate.Year == year && Offsite.FreeAnnualService.ElderlyAnnualHealthExamination.IsGivenBy(s));
    }

    /// <summary>The BMI tag of WS/T 428-2013 (adults only; the standard does not apply to children).</summary>
    public static HealthTag ClassifyBmi(decimal bmi) =>
        bmi < UnderweightBelow ? HealthTag.Underweight
        : bmi < OverweightFrom ? HealthTag.NormalWeight
        : bmi < ObeseFrom ? HealthTag.Overweight
        : HealthTag.Obese;

    private static void AddPopulationTags(SortedSet<HealthTag> tags, DateOnly? birth, Sex sex, ServiceRecord[] services, DateOnly today)
    {
        // The key populations (R-OS-1) decide the population tags; the homepage groups them coarser.
        var populations = Offsite.KeyPopulations.Of(birth, sex, services, today);
        if (populations.Contains(Offsite.KeyPopulation.Elderly))
        {
            tags.Add(HealthTag.Elderly);
        }

        if (populations.Contains(Offsite.KeyPopulation.Child) || populations.Contains(Offsite.KeyPopulation.Maternal))
        {
            tags.Add(HealthTag.MaternalOrChild);
        }

        if (populations.Contains(Offsite.KeyPopulation.Hypertension) || populations.Contains(Offsite.KeyPopulation.Diabetes))
        {
            tags.Add(HealthTag.ChronicDisease);
        }

        foreach (var service in services)
        {
            switch (service.Kind)
            {
                case ServiceKind.TuberculosisFollowUp:
                    tags.Add(HealthTag.NotifiableInfectiousDisease);
                    break;
                case ServiceKind.SevereMentalDisorderFollowUp:
                    tags.Add(HealthTag.SevereMentalDisorder);
                    break;
            }
        }
    }

    private static HealthTag? WeightTag(DateOnly? birth, ServiceRecord[] newestFirst)
    {
        foreach (var service in newestFirst)
        {
            service.Measurements.TryGetValue(MeasurementKeys.HeightCm, out var heightText);
            service.Measurements.TryGetValue(MeasurementKeys.WeightKg, out var weightText);
            if (ServiceContentChecks.ParseNumber(heightText) is not { } height || height <= 0
                || ServiceContentChecks.ParseNumber(weightText) is not { } weight)
            {
                continue;
            }

            // The most recent measurement decides; a child's BMI is not judged by adult cut-offs.
            if (birth is not { } b || Ages.YearsOn(b, service.ServiceDate) < AdultAgeYears)
            {
                return null;
            }

            var metres = height / 100m;
            return ClassifyBmi(weight / (metres * metres));
        }

        return null;
    }

    private static HealthTag? BloodTypeTag(ServiceRecord[] newestFirst)
    {
        foreach (var service in newestFirst)
        {
            service.Measurements.TryGetValue(MeasurementKeys.BloodType, out var value);
            switch (ServiceContentChecks.AboGroup(value))
            {
                case "A": return HealthTag.BloodTypeA;
                case "B": return HealthTag.BloodTypeB;
                case "AB": return HealthTag.BloodTypeAB;
                case "O": return HealthTag.BloodTypeO;
            }
        }

        return null;
    }
}
