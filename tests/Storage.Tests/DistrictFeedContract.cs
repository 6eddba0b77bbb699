using HealthRecords.Grains.Feed;
using HealthRecords.Grains.Records;
using HealthRecords.Grains.Transfers;
using HealthRecords.Storage.District;
using static HealthRecords.Storage.Tests.DistrictFeeds;

namespace HealthRecords.Storage.Tests;

/// <summary>The district's position in the city's log and its applied events, on SQLite and PostgreSQL alike.</summary>
public abstract class DistrictFeedContract(IDatabaseProvider provider)
{
    [Fact]
    public async Task AppliedEvents_AdvanceThePosition_AndAreKeptAsReceived()
    {
        var (feed, _) = await NewDistrictAsync(provider);

        await feed.ApplyAsync(Numbered(0, Changed(Entry("50010300100100001", "500103C01", 1))), default);
        await feed.ApplyAsync(Numbered(1, Changed(Entry("50010300100100002", "500103C02", 1)), Changed(Entry("50010300100100003", "500103C01", 1))), default);

        Assert.Equal(3, await feed.PositionAsync(default));
        var applied = await feed.ReadAfterAsync(null, 0, 10, default);
        Assert.Equal([1L, 2L, 3L], applied.Select(e => e.Sequence));
        Assert.Equal([[1], [2], [3]], applied.Select(e => e.Payload));
    }

    [Theory]
    [InlineData(4)] // a gap: event 3 never arrived
    [InlineData(1)] // a repeat of an applied event
    public async Task AnEventNotFollowingThePosition_IsRefused_AndNothingOfTheBatchIsApplied(long sequence)
    {
        // R-CN-2: applying past a gap could skip a change; the follower subscribes again instead.
        // Arrange
        var (feed, index) = await NewDistrictAsync(provider);
        await feed.ApplyAsync(Numbered(0, Changed(Entry("50010300100100001", "500103C01", 1))), default);
        var batch = new List<ReceivedEvent>
        {
            new(2, Changed(Entry("50010300100100002", "500103C01", 1)), [2]),
            new(sequence, Changed(Entry("50010300100100003", "500103C01", 1)), [3]),
        };

        // Act
        var error = await Assert.ThrowsAsync<FeedGapException>(() => feed.ApplyAsync(batch, default));

        // Assert
        Assert.Equal((2L, sequence), (error.Position, error.Sequence));
        Assert.Equal(1, await feed.PositionAsync(default));
        Assert.Null(await index.GetAsync("50010300100100002", default));
        Assert.Single(await feed.ReadAfterAsync(null, 0, 10, default));
    }

    [Fact]
    public async Task AClinicWatchesTheEventsConcerningIt_AsFormerOrNewOwnerOrTransferParty()
    {
        // Arrange
        var (feed, _) = await NewDistrictAsync(provider);
        var number = "50010300100100001";
        var enrolled = Entry(number, "500103C01", 1);
        var transfer = new Transfer("t1", number, "500103C01", "500103", "500103C02", "500103", "500103C02", ConsentMethod.SignedOnSite,
            TransferReason.ChangeOfResidence, TransferState.Pending, At, At.AddDays(7), null, null, null, false);

        // Act
        await feed.ApplyAsync(Numbered(0,
            Changed(enrolled),                                                   // 1: C01
            Changed(Entry("50010300300100001", "500103C03", 1)),                 // 2: C03
            new TransferChanged(At, transfer),                                   // 3: C01, C02
            Changed(enrolled with { Version = 2, OwnerInstitution = "500103C02" }), // 4: C01 (former), C02
            new RecordClosed(At, number, "500103C01", "500103C02")), default);    // 5: C01, C02

        // Assert
        async Task<IEnumerable<long>> SeenBy(string? clinic, long after = 0) => (await feed.ReadAfterAsync(clinic, after, 10, default)).Select(e => e.Sequence);
        Assert.Equal([1L, 3L, 4L, 5L], await SeenBy("500103C01"));
        Assert.Equal([3L, 4L, 5L], await SeenBy("500103C02"));
        Assert.Equal([2L], await SeenBy("500103C03"));
        Assert.Equal([4L, 5L], await SeenBy("500103C01", after: 3));
        Assert.Equal([1L, 2L, 3L, 4L, 5L], await SeenBy(null));
    }

    [Fact]
    public async Task RecordsMerged_RetiresTheMergedAway_UnderTheNewestVersionRule_AndPointsItAtTheSurvivor()
    {
        // R-MG-3, R-CN-1: the merged-away record leaves the managed counts; the survivor stays
        // Arrange
        var (feed, index) = await NewDistrictAsync(provider);
        var survivor = Entry("50010300100100001", "500103C01", 1);
        var away = Entry("50010300100100002", "500103C02", 1);
        await feed.ApplyAsync(Numbered(0, Changed(survivor), Changed(away)), default);
        var retired = away with { Status = RecordStatus.Merged, Version = 2 };

        // Act
        await feed.ApplyAsync(Numbered(2, Changed(retired), Changed(survivor with { Version = 2 }),
            new RecordsMerged(At, survivor.RecordNumber, away.RecordNumber, survivor with { Version = 2 }, away)), default);

        // Assert
        var kept = (await index.GetAsync(away.RecordNumber, default))!;
        Assert.Equal((RecordStatus.Merged, 2L), (kept.Status, kept.Version)); // the older entry in the event changed nothing
        Assert.Equal(survivor.RecordNumber, kept.MergedInto);
        Assert.Null((await index.GetAsync(survivor.RecordNumber, default))!.MergedInto);
        var counts = await index.CountByOwnerAsync(default);
        Assert.Equal(1, counts.Where(c => c.Status == RecordStatus.Active).Sum(c => c.Records));
        Assert.Equal([5L], (await feed.ReadAfterAsync("500103C02", 3, 10, default)).Select(e => e.Sequence));
    }

    [Fact]
    public async Task Watchers_AreWokenOnceAppliedEventsAreCommitted()
    {
        var (feed, _) = await NewDistrictAsync(provider);
        var woken = feed.AppliedAsync();

        await feed.ApplyAsync(Numbered(0, Changed(Entry("50010300100100001", "500103C01", 1))), default);

        Assert.True(woken.IsCompleted);
        Assert.False(feed.AppliedAsync().IsCompleted);
    }
}

public sealed class SqliteDistrictFeedTests(SqliteProvider provider) : DistrictFeedContract(provider), IClassFixture<SqliteProvider>;

[Collection("postgres")]
public sealed class PostgresDistrictFeedTests(PostgresProvider provider) : DistrictFeedContract(provider);
