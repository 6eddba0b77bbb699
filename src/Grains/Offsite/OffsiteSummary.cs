using HealthRecords.Grains.Records;
using HealthRecords.Grains.Services;

namespace HealthRecords.Grains.Offsite;

/// <summary>
/// What a serving clinic sees of a resident served off-site (R-OS-2): the record, its key populations,
/// the services of the last 12 months newest first, and the free annual services given this year and
/// where (R-OS-4). Severe mental disorder follow-ups are left out (R-AC-3) and the summary says so.
/// </summary>
public sealed record OffsiteSummary(
    RecordState Record,
    IReadOnlyList<KeyPopulation> KeyPopulations,
    AccessBasis Basis,
    IReadOnlyList<ServiceRecord> RecentServices,
    IReadOnlyList<FreeAnnualServiceStatus> FreeAnnualServices,
    bool RestrictedInformationWithheld)
{
    public const int LookBackMonths = 12;
    public const int MaxRecentServices = 100;

    public static OffsiteSummary Build(RecordState record, AccessBasis basis, IReadOnlyList<KeyPopulation> populations, IReadOnlyList<ServiceRecord> services, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(services);
        // The owning clinic manages the record and sees it all; others are not entitled to restricted information.
        var entitledToRestricted = basis == AccessBasis.OwningClinic;
        var from = today.AddMonths(-LookBackMonths);
        var recent = services.Where(s => s.ServiceDate >= from && s.ServiceDate <= today).ToList();
        var shown = recent.Where(s => entitledToRestricted || !IsRestricted(s.Kind))
            .OrderByDescending(s => s.ServiceDate).ThenByDescending(s => s.UploadId, StringComparer.Ordinal)
            .Take(MaxRecentServices).ToList();
        var withheld = !entitledToRestricted && services.Any(s => IsRestricted(s.Kind));
        return new(record, populations, basis, shown, FreeAnnualServiceStatus.For(populations, services, today.Year), withheld);
    }

    /// <summary>R-AC-3: severe mental disorder information is under special protection.</summary>
    public static bool IsRestricted(ServiceKind kind) => kind == ServiceKind.SevereMentalDisorderFollowUp;
}
