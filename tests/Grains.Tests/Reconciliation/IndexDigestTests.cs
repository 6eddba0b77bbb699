using HealthRecords.Grains.Reconciliation;
using HealthRecords.Grains.Records;

namespace HealthRecords.Grains.Tests.Reconciliation;

public sealed class IndexDigestTests
{
    private static readonly Random Seeded = new(20261122);

    [Fact]
    public void Digest_IsOrderIndependent_AndRemovingAnEntryUndoesAddingIt()
    {
        // R-CN-2: the digest is a set's, kept by adding and subtracting as rows change.
        var hashes = Enumerable.Range(0, 1000).Select(i => IndexDigest.Hash($"5001030010010{i:D4}", "500103C01", 1, i)).ToList();
        var shuffled = hashes.OrderBy(_ => Seeded.Next()).ToList();

        var inOrder = IndexDigest.Sum(hashes);
        var otherOrder = IndexDigest.Sum(shuffled);
        var withoutFirst = IndexDigest.Subtract(inOrder, hashes[0]);

        Assert.Equal(inOrder, otherOrder);
        Assert.Equal(IndexDigest.Sum(hashes.Skip(1)), withoutFirst);
        Assert.Equal(inOrder, IndexDigest.Add(withoutFirst, hashes[0]));
        Assert.Equal(0, IndexDigest.Subtract(IndexDigest.Add(0, hashes[5]), hashes[5]));
    }

    [Fact]
    public void Hash_ChangesWithEachFact_AndStaysBelow2To60()
    {
        // R-CN-2: owner, status and version are all in the hash; so is the record number.
        var facts = new IndexFacts("50010300100100001", "500103C01", "500103", RecordStatus.Active, 4);

        var hashes = new[]
        {
            IndexDigest.Hash(facts), IndexDigest.Hash(facts with { OwnerInstitution = "500103C02" }),
            IndexDigest.Hash(facts with { Status = RecordStatus.Deceased }), IndexDigest.Hash(facts with { Version = 5 }),
            IndexDigest.Hash(facts with { RecordNumber = "50010300100100002" }),
        };

        Assert.Equal(hashes.Length, hashes.Distinct().Count());
        Assert.All(hashes, h => Assert.InRange(h, 0, (1L << 60) - 1));
        Assert.Equal(IndexDigest.Hash(facts), IndexDigest.Hash("50010300100100001", "500103C01", 1, 4));
    }

    [Fact]
    public void Buckets_AreRecordNumberSuffixes_TenChildrenEach_DownToThreeDigits()
    {
        var clinic = new DigestBucket("500103C01", "");

        var lastDigit = clinic.Children().ToList();
        var lastTwo = lastDigit[7].Children().ToList();

        Assert.Equal(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"], lastDigit.Select(b => b.Suffix));
        Assert.Equal("37", lastTwo[3].Suffix);
        Assert.False(lastTwo[3].IsLeaf);
        Assert.True(lastTwo[3].Children().First().IsLeaf);
        Assert.Equal("037", IndexDigest.SuffixOf("50010300100100037", 3));
    }
}
