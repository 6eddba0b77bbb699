using HealthRecords.Grains.Records;

namespace HealthRecords.Grains.Feed;

/// <summary>An event for one district's log.</summary>
public sealed record DistrictDelivery(string DistrictCode, DistrictFeedEvent Event);

/// <summary>Who owned a record before a change.</summary>
public sealed record RecordOwner(string Institution, string District);

/// <summary>
/// Which district logs learn of a committed record change, so that both tiers see every change
/// (R-CN-2, R-ST-6): the owner's district always; after a move to another district the former
/// district too, so its copy shows where the record went and leaves its counts; after a change of
/// owning clinic the former owner's copy is closed (R-TR-6).
/// </summary>
public static class RecordChangeFeed
{
    public static IReadOnlyList<DistrictDelivery> Enrolled(RecordState state) =>
        [new(state.OwnerDistrict, new RecordIndexChanged(state.UpdatedAt, IndexEntry.Of(state)))];

    /// <summary>R-MG-3: the merge itself, once to each district owning either record (after each record's own change).</summary>
    public static IReadOnlyList<DistrictDelivery> Merged(RecordState survivor, RecordState mergedAway)
    {
        var merged = new RecordsMerged(survivor.UpdatedAt, survivor.Number.Value, mergedAway.Number.Value, IndexEntry.Of(survivor), IndexEntry.Of(mergedAway));
        return [.. new[] { survivor.OwnerDistrict, mergedAway.OwnerDistrict }.Distinct().Select(d => new DistrictDelivery(d, merged))];
    }

    public static IReadOnlyList<DistrictDelivery> Changed(RecordOwner former, RecordState now, IEnumerable<RecordEvent> events)
    {
        var changed = new RecordIndexChanged(now.UpdatedAt, IndexEntry.Of(now));
        var deliveries = new List<DistrictDelivery> { new(now.OwnerDistrict, changed) };
        if (former.District != now.OwnerDistrict)
            deliveries.Add(new(former.District, changed));
        if (former.Institution != now.OwnerInstitution)
            deliveries.Add(new(former.District, new RecordClosed(now.UpdatedAt, now.Number.Value, former.Institution, now.OwnerInstitution)));
        // R-TR-2: both clinics' districts hear of every step of a transfer (the answering side must act).
        foreach (var step in events.OfType<TransferEvent>())
            foreach (var district in new[] { step.Transfer.FromDistrict, step.Transfer.ToDistrict }.Distinct())
                deliveries.Add(new(district, new TransferChanged(step.OccurredAt, step.Transfer)));
        return deliveries;
    }
}
