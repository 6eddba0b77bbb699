using System.Globalization;
using HealthRecords.Grains.Policy;
using HealthRecords.Grains.Records;
using HealthRecords.Grains.Services;
using HealthRecords.Grains.Time;

namespace HealthRecords.Grains.Quality;

/// <summary>
/// R-CN-4 "stale records" (AH 1(2) 清理长期不更新档案): an active record whose last update and last
/// service are both older than the policy's <see cref="PolicyProfile.StaleAfterMonths"/>. Archived
/// records take no updates by design (R-ST-1), so they are never stale.
/// </summary>
public static class Staleness
{
    /// <summary>The day before which a record's last activity makes it stale.</summary>
    public static DateOnly Cutoff(PolicyProfile policy, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return today.AddMonths(-policy.StaleAfterMonths);
    }

    /// <summary>The record's last update or service, whichever is later (services dated after today are ignored).</summary>
    public static DateOnly LastActivity(RecordState record, IEnumerable<ServiceRecord> services, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(services);
        var updated = CityTime.DateOf(record.UpdatedAt);
        var served = services.Select(s => s.ServiceDate).Where(d => d <= today).DefaultIfEmpty(updated).Max();
        return served > updated ? served : updated;
    }

    public static IReadOnlyList<QualityFinding> Check(RecordState record, IEnumerable<ServiceRecord> services, DateOnly today, PolicyProfile policy)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Status != RecordStatus.Active)
            return [];
        var last = LastActivity(record, services, today);
        return last >= Cutoff(policy, today)
            ? []
            : [new QualityFinding(record.Number.Value, record.OwnerInstitution, QualityFindingKind.Stale, "updated_at",
                $"last updated or served on {last.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}, more than {policy.StaleAfterMonths} months ago")];
    }
}
