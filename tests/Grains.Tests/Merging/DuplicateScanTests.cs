using HealthRecords.Grains.Identity;
using HealthRecords.Grains.Merging;
using static HealthRecords.Grains.Tests.Merging.MergeTestData;

namespace HealthRecords.Grains.Tests.Merging;

public sealed class DuplicateScanTests
{
    [Fact]
    public void Scan_ExactDuplicateUnderAnotherName_IsFoundAcrossBlocks()
    {
        // R-ID-1: the identity key finds a duplicate even when name or birth date put it in another block
        var a = new DuplicateSubject(First, IdKey(Born, Sex.Male), Profile(name: "张三"));
        var b = new DuplicateSubject(Second, IdKey(Born, Sex.Male), Profile(name: "张叁", born: new DateOnly(1961, 1, 1)));

        var found = DuplicateScan.FindAll([a, b]);

        var candidate = Assert.Single(found);
        Assert.Equal(RecordPair.Of(First, Second), candidate.Pair);
        Assert.Equal(DuplicateLikelihood.Exact, candidate.Match.Likelihood);
    }

    [Fact]
    public void Scan_DismissedPair_IsNeverProposedAgain()
    {
        // R-ID-1 review queue: "not a duplicate" is remembered, whichever way round the pair is found
        var a = new DuplicateSubject(First, IdKey(Born, Sex.Male, 1), Profile());
        var b = new DuplicateSubject(Second, IdKey(Born, Sex.Male, 2), Profile());
        var dismissed = new HashSet<RecordPair> { RecordPair.Of(Second, First) };

        Assert.Single(DuplicateScan.FindAll([a, b]));
        Assert.Empty(DuplicateScan.FindAll([a, b], dismissed.Contains));
    }

    [Fact]
    public void Scan_PairFoundByKeyAndBlock_IsProposedOnce()
    {
        // R-ID-1: same key and same block: one candidate, not two
        var a = new DuplicateSubject(First, IdKey(Born, Sex.Male), Profile());
        var b = new DuplicateSubject(Second, IdKey(Born, Sex.Male), Profile());

        Assert.Single(DuplicateScan.FindAll([a, b]));
    }

    [Fact]
    public void Scan_SeededDistrictWithPlantedDuplicates_ExactPrecisionAndRecall()
    {
        // R-ID-1 (issue 8 proof, small scale): 2,000 residents, 40 planted duplicates (2%) in four kinds of 10:
        // same key; new key, same phone; new key, same address; new key, nothing in common but name, birth and sex.
        // 20 planted namesakes: 10 with other phone and address, 5 of the other sex at the same address (both
        // must not match), 5 of the same sex at the same address (indistinguishable: found, wrongly, by design).
        var district = SyntheticDistrict.Build(seed: 20261206, residents: 2000, duplicates: 40, namesakes: 20);

        var found = DuplicateScan.FindAll(district.Records.Select(r => r.Subject));

        var person = district.Records.ToDictionary(r => r.Subject.RecordNumber, r => r.Person);
        var truePositives = found.Count(c => person[c.Pair.First] == person[c.Pair.Second]);
        var falsePositives = found.Count - truePositives;
        Assert.Equal(2040 + 20, district.Records.Count);
        Assert.Equal(40, district.PlantedPairs);
        Assert.Equal(30, truePositives);
        Assert.Equal(5, falsePositives);
        Assert.Equal(10, district.PlantedPairs - truePositives);
        Assert.Equal(10, found.Count(c => c.Match.Likelihood == DuplicateLikelihood.Exact));
    }
}
