namespace HealthRecords.Grains.Merging;

public enum DuplicateReviewStatus
{
    /// <summary>Waiting for an administrator (or, with <see cref="DuplicateReview.Conflicts"/>, for the owning clinic).</summary>
    Proposed = 1,
    Merged = 2,
    Dismissed = 3,
}

/// <summary>One pair in the review queue: the fold of its <see cref="DuplicateReviewEvent"/>s.</summary>
public sealed record DuplicateReview(
    RecordPair Pair,
    DuplicateReviewStatus Status,
    DuplicateMatch Match,
    DateTimeOffset ProposedAt,
    IReadOnlyList<MergeConflict> Conflicts,
    string? DecidedBy = null,
    DateTimeOffset? DecidedAt = null,
    string? Reason = null,
    string? SurvivorNumber = null)
{
    public static DuplicateReview Create(DuplicateProposed e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new(e.Pair, DuplicateReviewStatus.Proposed, e.Match, e.OccurredAt, []);
    }

    public DuplicateReview Apply(DuplicateReviewEvent e) => e switch
    {
        DuplicateMergeBlocked b => this with { Conflicts = b.Conflicts, DecidedBy = b.ConfirmedBy, DecidedAt = b.OccurredAt },
        DuplicatesMerged m => this with
        {
            Status = DuplicateReviewStatus.Merged, Conflicts = [], DecidedBy = m.ConfirmedBy, DecidedAt = m.OccurredAt, SurvivorNumber = m.SurvivorNumber,
        },
        DuplicateDismissed d => this with { Status = DuplicateReviewStatus.Dismissed, DecidedBy = d.DismissedBy, DecidedAt = d.OccurredAt, Reason = d.Reason },
        DuplicateProposed => throw new InvalidOperationException($"Pair {Pair} is already in the review queue."),
        _ => throw new InvalidOperationException($"Unknown event {e.GetType().Name}."),
    };

    /// <summary>Folds a pair's events; null when it was never proposed.</summary>
    public static DuplicateReview? Fold(IEnumerable<DuplicateReviewEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        DuplicateReview? review = null;
        foreach (var e in events)
            review = review is null ? Create((DuplicateProposed)e) : review.Apply(e);
        return review;
    }

    /// <summary>What a bulk detector asks: was this pair dismissed as "not a duplicate"?</summary>
    public bool IsDismissed => Status == DuplicateReviewStatus.Dismissed;
}
