using HealthRecords.Grains.Identity;
using HealthRecords.Grains.Merging;
using HealthRecords.Grains.Records;
using HealthRecords.Grains.Validation;
using static HealthRecords.Grains.Tests.Merging.MergeTestData;

namespace HealthRecords.Grains.Tests.Merging;

public sealed class DuplicateReviewTests
{
    private static readonly RecordPair Pair = RecordPair.Of(First, Second);
    private static readonly DuplicateCandidate Candidate =
        new(Pair, new DuplicateMatch(DuplicateLikelihood.Probable, MatchEvidence.Name | MatchEvidence.DateOfBirth | MatchEvidence.Sex | MatchEvidence.Phone));

    private static DuplicateReview Proposed() =>
        DuplicateReview.Fold(DuplicateReviewDecider.Decide(null, new ProposeDuplicate(Candidate), Now))!;

    private static MergeDecision Merge() => MergeDecider.Decide(
        new MergeSide(Record(First), []), new MergeSide(Record(Second, identity: IdKey(Born, Sex.Male), enrolledAt: Now.AddYears(-1)), []),
        new MergeRecords("m-1", "市管理员"), Now);

    [Fact]
    public void Propose_NewPair_IsQueuedWithItsEvidence()
    {
        // R-ID-1: the evidence goes to the queue side by side
        var review = Proposed();

        Assert.Equal(DuplicateReviewStatus.Proposed, review.Status);
        Assert.Equal(Candidate.Match, review.Match);
    }

    [Fact]
    public void Propose_DismissedPair_IsNeverProposedAgain()
    {
        // R-ID-1: "not a duplicate" is remembered
        var dismissed = Proposed().Apply(Assert.Single(DuplicateReviewDecider.Decide(Proposed(), new DismissDuplicate(Pair, "市管理员", "父子同名"), Now)));

        var again = DuplicateReviewDecider.Decide(dismissed, new ProposeDuplicate(Candidate with { Pair = RecordPair.Of(Second, First) }), Now.AddDays(30));

        Assert.True(dismissed.IsDismissed);
        Assert.Equal("父子同名", dismissed.Reason);
        Assert.Empty(again);
    }

    [Fact]
    public void Propose_PairAlreadyQueued_DecidesNothing()
    {
        Assert.Empty(DuplicateReviewDecider.Decide(Proposed(), new ProposeDuplicate(Candidate), Now));
    }

    [Fact]
    public void Confirm_WithAMergePlan_MarksThePairMerged()
    {
        // R-MG-3: the queue records which record survived
        var events = DuplicateReviewDecider.Decide(Proposed(), new ConfirmDuplicate(Pair, "市管理员"), Merge(), Now);

        var merged = Proposed().Apply(Assert.Single(events));

        Assert.Equal(DuplicateReviewStatus.Merged, merged.Status);
        Assert.Equal(First, merged.SurvivorNumber);
        Assert.Empty(DuplicateReviewDecider.Decide(merged, new ConfirmDuplicate(Pair, "市管理员"), Merge(), Now));
    }

    [Fact]
    public void Confirm_BlockedByContradictions_StaysProposedWithTheConflicts()
    {
        // R-MG-2: the owning clinic resolves the contradiction first
        var blocked = new MergeDecision.Blocked(Pair, [new MergeConflict(MergeConflict.DateOfBirth, "1960-03-15", "1961-03-15")]);

        var review = Proposed().Apply(Assert.Single(DuplicateReviewDecider.Decide(Proposed(), new ConfirmDuplicate(Pair, "市管理员"), blocked, Now)));

        Assert.Equal(DuplicateReviewStatus.Proposed, review.Status);
        Assert.Equal(MergeConflict.DateOfBirth, Assert.Single(review.Conflicts).Field);
    }

    [Fact]
    public void Confirm_DismissedPair_IsRefused()
    {
        var dismissed = Proposed().Apply(Assert.Single(DuplicateReviewDecider.Decide(Proposed(), new DismissDuplicate(Pair, "市管理员", ""), Now)));

        var e = Assert.Throws<DomainRuleViolation>(() => DuplicateReviewDecider.Decide(dismissed, new ConfirmDuplicate(Pair, "市管理员"), Merge(), Now));

        Assert.Equal("R-ID-1", e.RuleId);
        Assert.Equal("not a duplicate", dismissed.Reason);
    }

    [Fact]
    public void Dismiss_WithoutAnAdministrator_IsRefused()
    {
        var e = Assert.Throws<DomainValidationException>(() => DuplicateReviewDecider.Decide(Proposed(), new DismissDuplicate(Pair, " ", "x"), Now));

        Assert.Equal("dismissed_by", Assert.Single(e.Violations).Field);
    }

    [Fact]
    public void Dismiss_MergedPair_IsRefused()
    {
        var merged = Proposed().Apply(Assert.Single(DuplicateReviewDecider.Decide(Proposed(), new ConfirmDuplicate(Pair, "市管理员"), Merge(), Now)));

        Assert.Throws<DomainRuleViolation>(() => DuplicateReviewDecider.Decide(merged, new DismissDuplicate(Pair, "市管理员", "x"), Now));
    }

    [Fact]
    public void Dismiss_ExactPair_IsRefused_OneIdentityIsWrong()
    {
        // R-ID-1: the same identity key is one person; the wrong identity is corrected, the pair is not dismissed
        var exact = DuplicateReview.Fold(DuplicateReviewDecider.Decide(null,
            new ProposeDuplicate(new DuplicateCandidate(Pair, new DuplicateMatch(DuplicateLikelihood.Exact, MatchEvidence.IdentityKey))), Now))!;

        var e = Assert.Throws<DomainRuleViolation>(() => DuplicateReviewDecider.Decide(exact, new DismissDuplicate(Pair, "市管理员", "twins"), Now));

        Assert.Equal(("R-ID-1", Pair.Key), (e.RuleId, e.Subject));
        Assert.Contains("wrong identity", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pair_IsUnordered()
    {
        Assert.Equal(RecordPair.Of(Second, First), RecordPair.Of(First, Second));
        Assert.Equal($"{First}+{Second}", RecordPair.Of(Second, First).Key);
        Assert.Throws<ArgumentException>(() => RecordPair.Of(First, First));
    }
}
