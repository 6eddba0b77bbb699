namespace HealthRecords.Grains.Merging;

/// <summary>A pair proposed to the review queue, with why.</summary>
public sealed record DuplicateCandidate(RecordPair Pair, DuplicateMatch Match);
