using HealthRecords.Grains.Records;
using HealthRecords.Grains.Time;
using HealthRecords.Grains.Validation;

namespace HealthRecords.Grains.Merging;

/// <summary>
/// R-MG-1..3: merging two records of one person. The survivor is the earlier enrolled (its number is
/// the one kept, R-MG-1; numbers never change, R-ID-4); the other is retired into it. Contradictions
/// block the merge as a result, not an exception: they are work for the owning clinic (R-MG-2).
/// </summary>
public static class MergeDecider
{
    public static MergeDecision Decide(MergeSide a, MergeSide b, MergeRecords command, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(command);
        var pair = RecordPair.Of(a.Number, b.Number);
        foreach (var side in new[] { a, b })
        {
            // R-MG-3: a retired record has nothing left to merge; merge into its survivor instead.
            if (side.Record.Status == RecordStatus.Merged)
                throw new DomainRuleViolation("R-MG-3", side.Number,
                    $"Record {side.Number} was merged into {side.Record.Lifecycle.MergedInto}; merge with that record instead.");
        }
        if (string.IsNullOrWhiteSpace(command.ConfirmedBy))
            throw new DomainValidationException("confirmed_by", "is required");

        var (survivor, mergedAway) = EarliestFirst(a, b);
        var today = CityTime.DateOf(now);
        var conflicts = MergeConflicts.Between(survivor, mergedAway, today);
        if (conflicts.Count > 0)
            return new MergeDecision.Blocked(pair, conflicts);

        var (profile, sources) = MergeFields.Choose(survivor, mergedAway, today);
        var identity = MergeFields.Identity(survivor, mergedAway);
        var s = survivor.Record;
        var plan = new MergePlan(pair, s.Number.Value, mergedAway.Number, identity, profile,
            s.EnrollingInstitution, s.EnrolledBy, s.EnrolledAt, sources, ServiceTimeline.Combine(survivor.Services, mergedAway.Services));
        var by = command.ConfirmedBy.Trim();
        List<RecordEvent> survivorEvents = [new RecordAbsorbed(now, mergedAway.Number, command.RequestId, by, identity.Value, profile)];
        // R-ST-5, R-CN-1: the resident is still served under the merged-away record, so an archived (lost or
        // moved-out) survivor is active again; otherwise the merge would drop a managed resident from the counts.
        if (s.Status is RecordStatus.LostToFollowUp or RecordStatus.MovedOut && mergedAway.Record.Status == RecordStatus.Active)
            survivorEvents.Add(new Reactivated(now, s.OwnerInstitution, $"merged with the active record {mergedAway.Number}", "", s.Status));
        return new MergeDecision.Merge(plan, survivorEvents, [new RecordMergedInto(now, s.Number.Value, command.RequestId, by)]);
    }

    // R-MG-1: the earliest enrolled keeps its number; on the same instant, the smaller number (deterministic).
    private static (MergeSide Survivor, MergeSide MergedAway) EarliestFirst(MergeSide a, MergeSide b)
    {
        var aFirst = a.Record.EnrolledAt != b.Record.EnrolledAt
            ? a.Record.EnrolledAt < b.Record.EnrolledAt
            : string.CompareOrdinal(a.Number, b.Number) < 0;
        return aFirst ? (a, b) : (b, a);
    }
}
