using HealthRecords.Grains.Merging;
using HealthRecords.Storage.City;

namespace HealthRecords.Storage.Tests;

/// <summary>The city's duplicate review queue (R-ID-1, R-MG), on SQLite and PostgreSQL alike.</summary>
public abstract class DuplicateReviewStoreContract(IDatabaseProvider provider)
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 2, 0, 0, TimeSpan.Zero);
    private static readonly DuplicateMatch Probable = new(DuplicateLikelihood.Probable, MatchEvidence.Name | MatchEvidence.DateOfBirth | MatchEvidence.Sex | MatchEvidence.Phone);
    private static readonly RecordPair AB = RecordPair.Of("50010300100100002", "50010300100100001");
    private static readonly RecordPair AC = RecordPair.Of("50010300100100001", "50010500100100001");

    [Fact]
    public async Task Dismissed_Pair_IsNeverProposedAgain_WhicheverWayRoundItIsFound()
    {
        // R-ID-1: "not a duplicate" is remembered
        // Arrange
        var queue = await NewQueueAsync();
        var first = await queue.Store.ProposeAsync([new(AB, Probable)], "scan", Now, default);
        var queued = (await queue.Store.GetAsync(AB, default))!;
        var dismissal = DuplicateReviewDecider.Decide(queued.Review, new DismissDuplicate(AB, "ca-sun", "twins"), Now.AddMinutes(1));
        Assert.True(await AppendAsync(queue, queued, dismissal));

        // Act
        var again = await queue.Store.ProposeAsync([new(RecordPair.Of(AB.Second, AB.First), Probable), new(AC, Probable)], "import:im-1", Now.AddMinutes(2), default);

        // Assert
        Assert.Single(first);
        Assert.Equal([AC], again.Select(c => c.Pair));
        var stored = (await queue.Store.GetAsync(AB, default))!;
        Assert.Equal(DuplicateReviewStatus.Dismissed, stored.Review.Status);
        Assert.Equal("twins", stored.Review.Reason);
        Assert.Equal("scan", stored.Source);
        Assert.Equal(2, stored.Version);
        Assert.Equal([AB.Key], await queue.Store.DismissedAmongAsync([AB, AC], default));
        Assert.Equal([typeof(DuplicateProposed), typeof(DuplicateDismissed)], (await queue.Store.ReadEventsAsync(AB, default)).Select(e => e.GetType()));
    }

    [Fact]
    public async Task Append_WithAStaleVersion_ChangesNothing()
    {
        // R-ID-1: two administrators deciding the same pair: the second decides again on what the first did
        // Arrange
        var queue = await NewQueueAsync();
        await queue.Store.ProposeAsync([new(AB, Probable)], "scan", Now, default);
        var read = (await queue.Store.GetAsync(AB, default))!;
        var conflicts = new[] { new MergeConflict(MergeConflict.DateOfBirth, "1980-05-17", "1981-05-17") };
        Assert.True(await AppendAsync(queue, read, [new DuplicateMergeBlocked(Now.AddMinutes(1), AB, "ca-sun", conflicts)]));

        // Act
        var late = await AppendAsync(queue, read, [new DuplicateDismissed(Now.AddMinutes(2), AB, "ca-li", "not a duplicate")]);

        // Assert
        Assert.False(late);
        var stored = (await queue.Store.GetAsync(AB, default))!;
        Assert.Equal(DuplicateReviewStatus.Proposed, stored.Review.Status);
        Assert.Equal(conflicts, stored.Review.Conflicts);
        Assert.Equal(Probable, stored.Review.Match);
    }

    [Fact]
    public async Task List_PagesInProposalOrder_FilteredByStatusRecordAndSource()
    {
        // Arrange
        var queue = await NewQueueAsync();
        await queue.Store.ProposeAsync([new(AB, Probable)], "scan", Now, default);
        await queue.Store.ProposeAsync([new(AC, new(DuplicateLikelihood.Exact, MatchEvidence.IdentityKey))], "import:im-1", Now.AddSeconds(1), default);

        // Act
        var firstPage = await queue.Store.ListAsync(DuplicateReviewStatus.Proposed, null, null, long.MinValue, "", 1, default);
        var last = firstPage[0].Review;
        var secondPage = await queue.Store.ListAsync(DuplicateReviewStatus.Proposed, null, null, last.ProposedAt.ToUnixTimeMilliseconds(), last.Pair.Key, 1, default);
        var ofRecord = await queue.Store.ListAsync(null, "50010500100100001", null, long.MinValue, "", 10, default);
        var ofImport = await queue.Store.ListAsync(null, null, "import:im-1", long.MinValue, "", 10, default);

        // Assert
        Assert.Equal(AB, last.Pair);
        Assert.Equal([AC], secondPage.Select(q => q.Review.Pair));
        Assert.Equal([AC], ofRecord.Select(q => q.Review.Pair));
        Assert.Equal([AC], ofImport.Select(q => q.Review.Pair));
        Assert.Equal(DuplicateLikelihood.Exact, ofImport[0].Review.Match.Likelihood);
    }

    private static async Task<bool> AppendAsync(Queue queue, QueuedDuplicate expected, IReadOnlyList<DuplicateReviewEvent> events)
    {
        await using var scope = await queue.Database.BeginWriteAsync();
        var appended = await queue.Store.TryAppendAsync(scope, expected, events, default);
        await scope.CommitAsync();
        return appended;
    }

    private async Task<Queue> NewQueueAsync()
    {
        var database = await provider.CreateAsync();
        await SchemaMigrator.MigrateAsync(database, CitySchema.Name, CitySchema.Migrations);
        return new Queue(database, new DuplicateReviewStore(database));
    }

    private sealed record Queue(Database Database, DuplicateReviewStore Store);
}

public sealed class SqliteDuplicateReviewStoreTests(SqliteProvider provider) : DuplicateReviewStoreContract(provider), IClassFixture<SqliteProvider>;

[Collection("postgres")]
public sealed class PostgresDuplicateReviewStoreTests(PostgresProvider provider) : DuplicateReviewStoreContract(provider);
