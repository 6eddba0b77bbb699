namespace HealthRecords.Grains.Merging;

/// <summary>What happened to a pair in the city's duplicate review queue, in the past tense.</summary>
public abstract record DuplicateReviewEvent(DateTimeOffset OccurredAt, RecordPair Pair);

public sealed record DuplicateProposed(DateTimeOffset OccurredAt, RecordPair Pair, DuplicateMatch Match)
    : DuplicateReviewEvent(OccurredAt, Pair);

/// <summary>Confirmed by an administrator, but contradictions wait for the owning clinic (R-MG-2).</summary>
public sealed record DuplicateMergeBlocked(DateTimeOffset OccurredAt, RecordPair Pair, string ConfirmedBy, IReadOnlyList<MergeConflict> Conflicts)
    : DuplicateReviewEvent(OccurredAt, Pair);

public sealed record DuplicatesMerged(DateTimeOffset OccurredAt, RecordPair Pair, string ConfirmedBy, string SurvivorNumber, string MergedAwayNumber)
    : DuplicateReviewEvent(OccurredAt, Pair);

/// <summary>"Not a duplicate": remembered, so the pair is never proposed again.</summary>
public sealed record DuplicateDismissed(DateTimeOffset OccurredAt, RecordPair Pair, string DismissedBy, string Reason)
    : DuplicateReviewEvent(OccurredAt, Pair);
