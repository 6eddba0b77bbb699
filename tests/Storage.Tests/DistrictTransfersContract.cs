using HealthRecords.Grains.Feed;
using HealthRecords.Grains.Transfers;
using HealthRecords.Storage.District;
using static HealthRecords.Storage.Tests.DistrictFeeds;

namespace HealthRecords.Storage.Tests;

/// <summary>The district's copy of its clinics' transfers, from the city's events, on SQLite and PostgreSQL alike.</summary>
public abstract class DistrictTransfersContract(IDatabaseProvider provider)
{
    private const string C01 = "500103C01";
    private const string C02 = "500103C02";
    private const string Elsewhere = "500105C01";

    [Fact]
    public async Task TransferChanged_IsKept_AndItsLaterStatesReplaceIt()
    {
        // R-TR-2: a pending request, then its answer, as the city tells them
        // Arrange
        var (feed, transfers) = await NewDistrictAsync();
        var requested = Pending("t1", from: C01, to: Elsewhere, requestedBy: Elsewhere, At);
        var completed = requested with { State = TransferState.Completed, AnsweredAt = At.AddDays(1), AnsweredByInstitution = C01 };

        // Act
        await feed.ApplyAsync(Numbered(0, new TransferChanged(At, requested)), default);
        var whilePending = await transfers.GetAsync("t1", default);
        await feed.ApplyAsync(Numbered(1, new TransferChanged(At.AddDays(1), completed)), default);

        // Assert
        Assert.Equal(requested, whilePending);
        Assert.Equal(completed, await transfers.GetAsync("t1", default));
        Assert.Null(await transfers.GetAsync("t-unknown", default));
    }

    [Theory]
    [InlineData(TransferState.Completed)]
    [InlineData(TransferState.Rejected)]
    [InlineData(TransferState.Expired)]
    public async Task AFinishedTransfer_IsFinal_APendingStateNeverReplacesIt(TransferState final)
    {
        // R-TR-2: only a pending transfer changes; an answer or an expiry is the end of it
        // Arrange
        var (feed, transfers) = await NewDistrictAsync();
        var pending = Pending("t1", from: C01, to: C02, requestedBy: C02, At);
        var finished = pending with { State = final, AnsweredAt = At.AddDays(2) };
        await feed.ApplyAsync(Numbered(0, new TransferChanged(At, pending), new TransferChanged(At.AddDays(2), finished)), default);

        // Act
        await feed.ApplyAsync(Numbered(2, new TransferChanged(At.AddDays(3), pending)), default);

        // Assert
        Assert.Equal(finished, await transfers.GetAsync("t1", default));
    }

    [Fact]
    public async Task List_MatchesTheClinicOnEitherSide_NewestFirst_AndFiltersByState()
    {
        // Arrange
        var (feed, transfers) = await NewDistrictAsync();
        var outgoing = Pending("t1", from: C01, to: Elsewhere, requestedBy: Elsewhere, At);
        var incoming = Pending("t2", from: Elsewhere, to: C01, requestedBy: C01, At.AddHours(1));
        var neighbours = Pending("t3", from: C02, to: "500103C03", requestedBy: C02, At.AddHours(2));
        var rejected = outgoing with { State = TransferState.Rejected, RejectionReason = "居民未同意" };
        await feed.ApplyAsync(Numbered(0, new TransferChanged(At, outgoing), new TransferChanged(At, incoming),
            new TransferChanged(At, neighbours), new TransferChanged(At, rejected)), default);

        // Act
        var ofC01 = await transfers.ListAsync(C01, null, null, 10, default);
        var all = await transfers.ListAsync(null, null, null, 10, default);
        var rejectedOfC01 = await transfers.ListAsync(C01, TransferState.Rejected, null, 10, default);
        var pendingOfC01 = await transfers.ListAsync(C01, TransferState.Pending, null, 10, default);

        // Assert
        Assert.Equal(["t2", "t1"], ofC01.Select(t => t.TransferId));
        Assert.Equal(["t3", "t2", "t1"], all.Select(t => t.TransferId));
        Assert.Equal([rejected], rejectedOfC01);
        Assert.Equal([incoming], pendingOfC01);
    }

    [Fact]
    public async Task List_PagesByRequestTimeThenId_WithoutSkippingOrRepeating()
    {
        // Arrange: two requested at the same moment, so the id breaks the tie
        var (feed, transfers) = await NewDistrictAsync();
        var made = new[]
        {
            Pending("t1", C01, C02, C02, At), Pending("t2", C01, C02, C02, At.AddMinutes(1)),
            Pending("t3", C01, C02, C02, At.AddMinutes(1)), Pending("t4", C01, C02, C02, At.AddMinutes(2)),
        };
        await feed.ApplyAsync(Numbered(0, made.Select(t => (DistrictFeedEvent)new TransferChanged(At, t)).ToArray()), default);

        // Act
        var pages = new List<IReadOnlyList<Transfer>>();
        TimedPageKey? after = null;
        do
        {
            pages.Add(await transfers.ListAsync(C02, null, after, 2, default));
            after = pages[^1].Count == 0 ? null : new TimedPageKey(pages[^1][^1].RequestedAt.ToUnixTimeMilliseconds(), pages[^1][^1].TransferId);
        }
        while (after is not null);

        // Assert
        Assert.Equal([["t4", "t3"], ["t2", "t1"], []], pages.Select(p => p.Select(t => t.TransferId).ToArray()));
    }

    [Fact]
    public async Task Inbox_HoldsThePendingTransfersTheClinicMustAnswer_AndThoseItAskedFor_OldestDeadlineFirst()
    {
        // R-TR-2: the clinic that did not ask answers before the deadline; the asker waits
        // Arrange
        var (feed, transfers) = await NewDistrictAsync();
        var toAnswerLate = Pending("t1", from: C01, to: Elsewhere, requestedBy: Elsewhere, At.AddDays(2));
        var asked = Pending("t2", from: Elsewhere, to: C01, requestedBy: C01, At.AddDays(1));
        var toAnswerEarly = Pending("t3", from: C01, to: C02, requestedBy: C02, At);
        var answered = Pending("t4", from: C01, to: "500103C03", requestedBy: "500103C03", At) with { State = TransferState.Completed };
        var notMine = Pending("t5", from: C02, to: "500103C03", requestedBy: C02, At);
        await feed.ApplyAsync(Numbered(0, new[] { toAnswerLate, asked, toAnswerEarly, answered, notMine }
            .Select(t => (DistrictFeedEvent)new TransferChanged(At, t)).ToArray()), default);

        // Act
        var inbox = await transfers.InboxAsync(C01, null, 10, default);
        var first = await transfers.InboxAsync(C01, null, 2, default);
        var rest = await transfers.InboxAsync(C01, new TimedPageKey(first[^1].DueAt.ToUnixTimeMilliseconds(), first[^1].TransferId), 2, default);
        var ofC02 = await transfers.InboxAsync(C02, null, 10, default);

        // Assert
        Assert.Equal(["t3", "t2", "t1"], inbox.Select(t => t.TransferId));
        Assert.Equal(["t3", "t2"], first.Select(t => t.TransferId));
        Assert.Equal(["t1"], rest.Select(t => t.TransferId));
        Assert.Equal(["t3", "t5"], ofC02.Select(t => t.TransferId)); // C02 asked both; same deadline, so by id
    }

    private static Transfer Pending(string id, string from, string to, string requestedBy, DateTimeOffset requestedAt) => new(
        id, "50010300100100001", from, from[..6], to, to[..6], requestedBy, ConsentMethod.SignedOnSite, TransferReason.ChangeOfResidence,
        TransferState.Pending, requestedAt, requestedAt.AddDays(7), null, null, null, false);

    private async Task<(DistrictFeed Feed, DistrictTransfers Transfers)> NewDistrictAsync()
    {
        var database = await provider.CreateAsync();
        await SchemaMigrator.MigrateAsync(database, DistrictSchema.Name, DistrictSchema.Migrations);
        return (new DistrictFeed(database, TimeProvider.System), new DistrictTransfers(database));
    }
}

public sealed class SqliteDistrictTransfersTests(SqliteProvider provider) : DistrictTransfersContract(provider), IClassFixture<SqliteProvider>;

[Collection("postgres")]
public sealed class PostgresDistrictTransfersTests(PostgresProvider provider) : DistrictTransfersContract(provider);
