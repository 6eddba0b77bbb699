using HealthRecords.Grains.Records;
using HealthRecords.Grains.Validation;

namespace HealthRecords.Grains.Merging;

/// <summary>
/// The city's duplicate review queue (issue 8, R-ID-1): a detected pair is proposed, an administrator
/// confirms ("merge") or dismisses ("not a duplicate"). A pair already in the queue, merged or
/// dismissed is never proposed again; the dismissal is what makes the detector's "no" stick.
/// </summary>
public static class DuplicateReviewDecider
{
    public static IReadOnlyList<DuplicateReviewEvent> Decide(DuplicateReview? review, ProposeDuplicate command, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (review is not null || !command.Candidate.Match.IsCandidate)
            return [];
        return [new DuplicateProposed(now, command.Candidate.Pair, command.Candidate.Match)];
    }

    /// <summary>
    /// Confirms the pair with the merge decided for it (<see cref="MergeDecider"/>): merged, or blocked
    /// by contradictions (the pair stays proposed, with the conflicts, until the clinic has resolved them).
    /// </summary>
    public static IReadOnlyList<DuplicateReviewEvent> Decide(DuplicateReview? review, ConfirmDuplicate command, MergeDecision merge, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(merge);
        var current = RequireProposed(review, command.Pair, "confirmed");
        if (current is null)
            return [];
        if (merge.Pair != command.Pair)
            throw new ArgumentException($"The merge decided is for {merge.Pair}, not {command.Pair}.", nameof(merge));
        var by = Required("confirmed_by", command.ConfirmedBy);
        return merge switch
        {
            MergeDecision.Merge m => [new DuplicatesMerged(now, command.Pair, by, m.Plan.SurvivorNumber, m.Plan.MergedAwayNumber)],
            MergeDecision.Blocked b => [new DuplicateMergeBlocked(now, command.Pair, by, b.Conflicts)],
            _ => throw new ArgumentException($"Unknown merge decision {merge.GetType().Name}.", nameof(merge)),
        };
    }

    public static IReadOnlyList<DuplicateReviewEvent> Decide(DuplicateReview? review, DismissDuplicate command, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (review?.Status == DuplicateReviewStatus.Dismissed)
            return [];
        if (RequireProposed(review, command.Pair, "dismissed") is not { } proposed)
            throw new DomainRuleViolation("R-ID-1", command.Pair.Key, $"Pair {command.Pair} is already merged; it cannot be dismissed.");
        // R-ID-1: one identity, one record. Two records with the same identity key are never two people:
        // one of them carries a wrong identity, which its clinic must correct (or the pair is merged).
        if (proposed.Match.Likelihood == DuplicateLikelihood.Exact)
            throw new DomainRuleViolation("R-ID-1", command.Pair.Key,
                $"Pair {command.Pair} has the same identity key; it is not dismissed as two people: one of them carries a wrong identity and must be corrected.");
        var by = Required("dismissed_by", command.DismissedBy);
        var reason = string.IsNullOrWhiteSpace(command.Reason) ? "not a duplicate" : command.Reason.Trim();
        return [new DuplicateDismissed(now, command.Pair, by, reason)];
    }

    // Null when the pair is already merged (a repeated confirmation decides nothing new).
    private static DuplicateReview? RequireProposed(DuplicateReview? review, RecordPair pair, string verb)
    {
        if (review is null)
            throw new DomainRuleViolation("R-ID-1", pair.Key, $"Pair {pair} is not in the review queue; only a proposed pair is {verb}.");
        return review.Status switch
        {
            DuplicateReviewStatus.Proposed => review,
            DuplicateReviewStatus.Merged => null,
            _ => throw new DomainRuleViolation("R-ID-1", pair.Key, $"Pair {pair} was dismissed as not a duplicate; it is not {verb}."),
        };
    }

    private static string Required(string field, string value) =>
        string.IsNullOrWhiteSpace(value) ? throw new DomainValidationException(field, "is required") : value.Trim();
}
