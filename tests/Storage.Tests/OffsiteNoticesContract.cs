using HealthRecords.Grains.Feed;
using HealthRecords.Grains.Offsite;
using HealthRecords.Grains.Services;
using HealthRecords.Storage.District;
using static HealthRecords.Storage.Tests.DistrictFeeds;

namespace HealthRecords.Storage.Tests;

/// <summary>R-OS-3: the district's off-site service notices, from the city's events, on SQLite and PostgreSQL alike.</summary>
public abstract class OffsiteNoticesContract(IDatabaseProvider provider)
{
    private const string C01 = "500103C01";
    private const string C02 = "500103C02";

    [Fact]
    public async Task R_OS_3_ANoticeAppliedTwice_IsStoredOnce_AsFirstReceived_AndTheOwnerWatchesIt()
    {
        // R-OS-3: each notice reaches the owning clinic once, even if the city sends its event again
        // Arrange
        var district = await NewDistrictAsync();
        var notice = Notice("u-1");

        // Act
        await district.Feed.ApplyAsync(Numbered(0, Noticed(notice)), default);
        var receivedAt = district.Clock.Now;
        district.Clock.Now += TimeSpan.FromMinutes(5);
        await district.Feed.ApplyAsync(Numbered(1, Noticed(notice with { Staff = "另一位医生" })), default);

        // Assert
        var stored = Assert.Single(await district.Notices.ListAsync(C01, unreadOnly: false, null, 10, default));
        Assert.Equal(new StoredNotice(notice, receivedAt, null, null), stored with { Notice = notice });
        Assert.Equal(notice.Staff, stored.Notice.Staff);
        Assert.Equal(notice.MainProblems, stored.Notice.MainProblems);
        Assert.Equal(2, await district.Feed.PositionAsync(default));
        Assert.Equal([1L, 2L], (await district.Feed.ReadAfterAsync(C01, 0, 10, default)).Select(e => e.Sequence));
        Assert.Empty(await district.Feed.ReadAfterAsync(C02, 0, 10, default));
    }

    [Fact]
    public async Task List_IsTheClinicsOwn_NewestFirst_OptionallyUnreadOnly_AndPagesWithoutSkippingOrRepeating()
    {
        // Arrange: u-2 and u-3 arrive in one batch, so the id breaks the tie
        var district = await NewDistrictAsync();
        await ReceiveAsync(district, Notice("u-1"));
        await ReceiveAsync(district, Notice("u-2"), Notice("u-3"), Notice("u-other", owner: C02));
        await ReceiveAsync(district, Notice("u-4"));
        await district.Notices.MarkReadAsync(C01, "u-3", "王医生", At, default);

        // Act
        var all = await district.Notices.ListAsync(C01, unreadOnly: false, null, 10, default);
        var unread = await district.Notices.ListAsync(C01, unreadOnly: true, null, 10, default);
        var pages = new List<IReadOnlyList<StoredNotice>>();
        TimedPageKey? after = null;
        do
        {
            pages.Add(await district.Notices.ListAsync(C01, unreadOnly: false, after, 3, default));
            after = pages[^1].Count == 0 ? null : Key(pages[^1][^1]);
        }
        while (after is not null);

        // Assert
        Assert.Equal(["u-4", "u-3", "u-2", "u-1"], all.Select(n => n.Notice.NoticeId));
        Assert.Equal(["u-4", "u-2", "u-1"], unread.Select(n => n.Notice.NoticeId));
        Assert.Equal([["u-4", "u-3", "u-2"], ["u-1"], []], pages.Select(p => p.Select(n => n.Notice.NoticeId).ToArray()));
        Assert.Equal(["u-other"], (await district.Notices.ListAsync(C02, unreadOnly: false, null, 10, default)).Select(n => n.Notice.NoticeId));
    }

    [Fact]
    public async Task R_OS_3_Unread_IsTheInboxsPart_OldestFirst_AndPages()
    {
        // Arrange
        var district = await NewDistrictAsync();
        await ReceiveAsync(district, Notice("u-1"));
        await ReceiveAsync(district, Notice("u-3"), Notice("u-2"));
        await ReceiveAsync(district, Notice("u-4"));
        await district.Notices.MarkReadAsync(C01, "u-2", "王医生", At, default);

        // Act
        var unread = await district.Notices.UnreadAsync(C01, null, 10, default);
        var first = await district.Notices.UnreadAsync(C01, null, 2, default);
        var rest = await district.Notices.UnreadAsync(C01, Key(first[^1]), 2, default);

        // Assert
        Assert.Equal(["u-1", "u-3", "u-4"], unread.Select(n => n.Notice.NoticeId));
        Assert.Equal(["u-1", "u-3"], first.Select(n => n.Notice.NoticeId));
        Assert.Equal(["u-4"], rest.Select(n => n.Notice.NoticeId));
        Assert.Empty(await district.Notices.UnreadAsync(C02, null, 10, default));
    }

    [Fact]
    public async Task R_OS_3_MarkRead_FirstReaderWins_AndMarkingAgainReturnsItUnchanged()
    {
        // Arrange
        var district = await NewDistrictAsync();
        await ReceiveAsync(district, Notice("u-1"));
        var (first, later) = (At.AddHours(1), At.AddHours(2));

        // Act
        var read = await district.Notices.MarkReadAsync(C01, "u-1", "王医生", first, default);
        var again = await district.Notices.MarkReadAsync(C01, "u-1", "李护士", later, default);

        // Assert
        Assert.Equal((first, "王医生"), (read!.ReadAt, read.ReadBy));
        Assert.Equal(Shown(read), Shown(again!));
        Assert.Empty(await district.Notices.UnreadAsync(C01, null, 10, default));
        Assert.Equal([Shown(read)], (await district.Notices.ListAsync(C01, unreadOnly: false, null, 10, default)).Select(Shown));
    }

    [Fact]
    public async Task MarkRead_OfAnotherClinicsNotice_OrAnUnknownOne_IsNotFound_AndChangesNothing()
    {
        // A clinic reads only its own residents' notices
        // Arrange
        var district = await NewDistrictAsync();
        await ReceiveAsync(district, Notice("u-1"));

        // Act
        var byOtherClinic = await district.Notices.MarkReadAsync(C02, "u-1", "赵医生", At, default);
        var unknown = await district.Notices.MarkReadAsync(C01, "u-unknown", "王医生", At, default);

        // Assert
        Assert.Null(byOtherClinic);
        Assert.Null(unknown);
        Assert.Equal(["u-1"], (await district.Notices.UnreadAsync(C01, null, 10, default)).Select(n => n.Notice.NoticeId));
    }

    [Fact]
    public async Task R_OS_3_Notices_AndWhoReadThem_SurviveReopeningTheDatabase()
    {
        // Arrange
        var district = await NewDistrictAsync();
        await ReceiveAsync(district, Notice("u-1"), Notice("u-2"));
        var read = await district.Notices.MarkReadAsync(C01, "u-1", "王医生", At.AddHours(1), default);
        var before = await district.Notices.ListAsync(C01, unreadOnly: false, null, 10, default);

        // Act
        var reopened = new OffsiteNotices(await provider.ReopenAsync(district.Database));

        // Assert
        Assert.Equal(before.Select(Shown), (await reopened.ListAsync(C01, unreadOnly: false, null, 10, default)).Select(Shown));
        Assert.Equal(["u-2"], (await reopened.UnreadAsync(C01, null, 10, default)).Select(n => n.Notice.NoticeId));
        Assert.Equal(Shown(read!), Shown((await reopened.MarkReadAsync(C01, "u-1", "李护士", At.AddHours(2), default))!));
    }

    private static OffsiteServiceNotice Notice(string id, string owner = C01) => new(
        id, "50010300100100001", owner, owner[..6], "500105C01", "500105", ServiceKind.HypertensionFollowUp, new DateOnly(2026, 11, 20),
        "李医生", ["高血压", "头晕"], "血压控制尚可", At);

    private static OffsiteServiceNoticed Noticed(OffsiteServiceNotice notice) => new(notice.AcceptedAt, notice);

    /// <summary>All of a stored notice, its lists included, to compare by value.</summary>
    private static string Shown(StoredNotice n) => System.Text.Json.JsonSerializer.Serialize(n);

    private static TimedPageKey Key(StoredNotice n) => new(n.ReceivedAt.ToUnixTimeMilliseconds(), n.Notice.NoticeId);

    /// <summary>The notices arrive in one batch of events, a minute after the previous batch.</summary>
    private static async Task ReceiveAsync(NoticeDistrict district, params OffsiteServiceNotice[] notices)
    {
        district.Clock.Now += TimeSpan.FromMinutes(1);
        await district.Feed.ApplyAsync(Numbered(await district.Feed.PositionAsync(default),
            notices.Select(n => (DistrictFeedEvent)Noticed(n)).ToArray()), default);
    }

    private async Task<NoticeDistrict> NewDistrictAsync()
    {
        var database = await provider.CreateAsync();
        await SchemaMigrator.MigrateAsync(database, DistrictSchema.Name, DistrictSchema.Migrations);
        var clock = new SetClock(At.AddDays(1));
        return new NoticeDistrict(database, clock, new DistrictFeed(database, clock), new OffsiteNotices(database));
    }

    private sealed record NoticeDistrict(Database Database, SetClock Clock, DistrictFeed Feed, OffsiteNotices Notices);
}

public sealed class SqliteOffsiteNoticesTests(SqliteProvider provider) : OffsiteNoticesContract(provider), IClassFixture<SqliteProvider>;

[Collection("postgres")]
public sealed class PostgresOffsiteNoticesTests(PostgresProvider provider) : OffsiteNoticesContract(provider);
