using HealthRecords.Grains.Services;

namespace HealthRecords.Grains.Offsite;

/// <summary>
/// A free service of the basic public health services given once a year (R-OS-4): the serving clinic
/// may decline to give it again, so the off-site summary says whether and where it was given.
/// </summary>
public sealed record FreeAnnualService(string Name, ServiceKind Kind, KeyPopulation For, Func<ServiceRecord, bool> IsGivenBy)
{
    /// <summary>NAT 2(1): the elderly (65+) annual free health examination, marked <c>annual_free_exam</c> = "true".</summary>
    public static readonly FreeAnnualService ElderlyAnnualHealthExamination = new(
        "elderly_annual_health_examination", ServiceKind.HealthExamination, KeyPopulation.Elderly,
        s => s.Kind is ServiceKind.HealthExamination or ServiceKind.ElderlyFollowUp
             && s.Measurements.TryGetValue(MeasurementKeys.AnnualFreeExam, out var flag) && flag == "true");

    public static readonly IReadOnlyList<FreeAnnualService> All = [ElderlyAnnualHealthExamination];
}

/// <summary>Whether a free annual service was given in the year; when it was, the first time and by whom.</summary>
public sealed record FreeAnnualServiceStatus(FreeAnnualService Service, ServiceRecord? FirstGiven)
{
    public bool GivenThisYear => FirstGiven is not null;

    /// <summary>R-OS-4: the statuses of the services the resident is entitled to, for the China-time calendar year.</summary>
    public static IReadOnlyList<FreeAnnualServiceStatus> For(IReadOnlyCollection<KeyPopulation> populations, IEnumerable<ServiceRecord> services, int year)
    {
        ArgumentNullException.ThrowIfNull(populations);
        var thisYear = services.Where(s => s.ServiceDate.Year == year).OrderBy(s => s.ServiceDate).ThenBy(s => s.UploadId, StringComparer.Ordinal).ToList();
        return FreeAnnualService.All
            .Where(f => populations.Contains(f.For))
            .Select(f => new FreeAnnualServiceStatus(f, thisYear.FirstOrDefault(f.IsGivenBy)))
            .ToList();
    }
}
