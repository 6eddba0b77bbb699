using HealthRecords.Grains.Services;

namespace HealthRecords.Grains.Merging;

/// <summary>R-MG-3 (GD art. 22 "按接受服务的时间顺序"): both records' services in one time order.</summary>
public static class ServiceTimeline
{
    /// <summary>
    /// By service date, then by when the city received the upload; otherwise stable (the survivor's
    /// services first, each record's in its own order), so the same merge always gives the same order.
    /// </summary>
    public static IReadOnlyList<ServiceRecord> Combine(IEnumerable<ServiceRecord> survivor, IEnumerable<ServiceRecord> mergedAway)
    {
        ArgumentNullException.ThrowIfNull(survivor);
        ArgumentNullException.ThrowIfNull(mergedAway);
        return [.. survivor.Concat(mergedAway).OrderBy(s => s.ServiceDate).ThenBy(s => s.ReceivedAt)];
    }
}
