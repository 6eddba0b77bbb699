using HealthRecords.Grains.Records;

namespace HealthRecords.Grains.Merging;

/// <summary>What deciding a merge gives: the events for both records, or the contradictions that block it.</summary>
public abstract record MergeDecision(RecordPair Pair)
{
    /// <summary>R-MG-1..3: apply <see cref="SurvivorEvents"/> to the survivor and <see cref="MergedAwayEvents"/> to the other.</summary>
    public sealed record Merge(MergePlan Plan, IReadOnlyList<RecordEvent> SurvivorEvents, IReadOnlyList<RecordEvent> MergedAwayEvents)
        : MergeDecision(Plan.Pair);

    /// <summary>R-MG-2: contradictions for the owning clinic to resolve; nothing changes until then.</summary>
    public sealed record Blocked(RecordPair Pair, IReadOnlyList<MergeConflict> Conflicts) : MergeDecision(Pair);
}
