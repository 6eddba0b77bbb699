using HealthRecords.Grains.Records;

namespace HealthRecords.Grains.Merging;

/// <summary>What re-keying a newborn's record decided (R-ID-3).</summary>
public abstract record RekeyDecision
{
    /// <summary>The record now carries the ID number; apply the events (none for a repeated request).</summary>
    public sealed record Rekeyed(IReadOnlyList<RecordEvent> Events) : RekeyDecision;

    /// <summary>The ID number is already enrolled on another record: the pair goes to the merge queue (R-ID-3, R-MG).</summary>
    public sealed record ToMergeQueue(DuplicateCandidate Candidate) : RekeyDecision;
}
