using HealthRecords.Grains.Identity;
using HealthRecords.Grains.Merging;
using HealthRecords.Grains.Records;
using static HealthRecords.Grains.Tests.Merging.MergeTestData;

namespace HealthRecords.Grains.Tests.Merging;

public sealed class BlockedMergeResolutionTests
{
    private static readonly DuplicateCandidate Candidate = new(RecordPair.Of(First, Second),
        new DuplicateMatch(DuplicateLikelihood.Probable, MatchEvidence.Name | MatchEvidence.DateOfBirth | MatchEvidence.Sex | MatchEvidence.Phone));

    [Fact]
    public void ConfirmAgain_AfterTheOwningClinicCorrectsTheDateOfBirth_Merges_AndTheBlockedConflictsAreReplaced()
    {
        // R-MG-2, R-ID-6: the merge decides from the records as they are now
        var survivor = Record(First, CertificateKey(), Profile(born: Born.AddDays(1)), enrolledAt: Now.AddYears(-2));
        var other = Record(Second, IdKey(Born, Sex.Male), Profile(born: Born), enrolledAt: Now.AddYears(-1), owner: OtherClinic);
        var review = DuplicateReview.Fold(DuplicateReviewDecider.Decide(null, new ProposeDuplicate(Candidate), Now))!;
        var confirm = new ConfirmDuplicate(Candidate.Pair, "市管理员");
        var blocked = MergeDecider.Decide(new(survivor, []), new(other, []), new MergeRecords("m-1", "市管理员"), Now);
        review = review.Apply(Assert.Single(DuplicateReviewDecider.Decide(review, confirm, blocked, Now)));

        var corrected = survivor.ApplyAll(BasicInformationDecider.Decide(survivor,
            new CorrectBasicInformation("c-1", Clinic, "王护士", "resident, signed form on site", null, null, Born), Now.AddHours(1)));
        var merge = MergeDecider.Decide(new(corrected, []), new(other, []), new MergeRecords("m-2", "市管理员"), Now.AddHours(2));
        var merged = review.Apply(Assert.Single(DuplicateReviewDecider.Decide(review, confirm, merge, Now.AddHours(2))));

        Assert.Equal(MergeConflict.DateOfBirth, Assert.Single(Assert.IsType<MergeDecision.Blocked>(blocked).Conflicts).Field);
        Assert.Equal(MergeConflict.DateOfBirth, Assert.Single(review.Conflicts).Field);
        Assert.Equal(First, Assert.IsType<MergeDecision.Merge>(merge).Plan.SurvivorNumber);
        Assert.Equal(DuplicateReviewStatus.Merged, merged.Status);
        Assert.Empty(merged.Conflicts);
    }
}
