using HealthRecords.TestSupport;
using HealthRecords.Grains.Feed;
using HealthRecords.Grains.Identity;
using HealthRecords.Grains.Records;
using HealthRecords.Storage.City;

namespace HealthRecords.Storage.Tests;

/// <summary>The city's per-district event logs and the record store's reports to them, on SQLite and PostgreSQL alike.</summary>
public abstract class DistrictEventLogContract(IDatabaseProvider provider)
{
    private static readonly DateTimeOffset At = new(2026, 11, 21, 9, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task Appends_AreReadBackInOrder_PerDistrict_NumberedFromOne()
    {
        // Arrange
        var (database, log) = await NewLogAsync();
        var events = Enumerable.Range(1, 3).Select(i => Closed($"5001030010010000{i}")).ToList();

        // Act
        foreach (var e in events)
            await AppendCommittedAsync(database, log, "500103", e);
        await AppendCommittedAsync(database, log, "500105", Closed("50010500100100001"));

        // Assert
        var all = await log.ReadAfterAsync("500103", 0, 10, default);
        Assert.Equal([1L, 2L, 3L], all.Select(e => e.Sequence));
        Assert.Equal(events, all.Select(e => e.Event));
        Assert.Equal([2L], (await log.ReadAfterAsync("500103", 1, 1, default)).Select(e => e.Sequence));
        Assert.Equal((3L, 1L, 0L), (await log.HeadAsync("500103", default), await log.HeadAsync("500105", default), await log.HeadAsync("500106", default)));
    }

    [Fact]
    public async Task ConcurrentAppends_FromManyTasks_AreNumberedOneToN_WithoutGapsOrRepeats()
    {
        // R-CN-2: a district applies events strictly in sequence, so the sequence must have no holes.
        // Arrange
        var (database, log) = await NewLogAsync();
        const int tasks = 40, perTask = 5;

        // Act: each append in its own transaction, all at once
        await Task.WhenAll(Enumerable.Range(0, tasks).Select(t => Task.Run(async () =>
        {
            for (var i = 0; i < perTask; i++)
                await AppendCommittedAsync(database, log, "500103", Closed($"{t:D3}-{i}"));
        })));

        // Assert
        var all = await log.ReadAfterAsync("500103", 0, 1000, default);
        Assert.Equal(Enumerable.Range(1, tasks * perTask).Select(i => (long)i), all.Select(e => e.Sequence));
        Assert.Equal(tasks * perTask, all.Select(e => ((RecordClosed)e.Event).RecordNumber).Distinct().Count());
        Assert.Equal(tasks * perTask, await log.HeadAsync("500103", default));
    }

    [Fact]
    public async Task RolledBackAppend_HandsOutNoSequenceNumber()
    {
        var (database, log) = await NewLogAsync();
        await AppendCommittedAsync(database, log, "500103", Closed("first"));

        await using (var scope = await database.BeginWriteAsync())
            await log.AppendAsync(scope, "500103", Closed("rolled back")); // disposed without commit
        await AppendCommittedAsync(database, log, "500103", Closed("second"));

        var all = await log.ReadAfterAsync("500103", 0, 10, default);
        Assert.Equal([(1L, "first"), (2L, "second")], all.Select(e => (e.Sequence, ((RecordClosed)e.Event).RecordNumber)));
    }

    [Fact]
    public async Task Subscribers_AreWokenByACommittedAppend_NotByARolledBackOne()
    {
        var (database, log) = await NewLogAsync();
        var woken = log.AppendedAsync("500103");

        await using (var scope = await database.BeginWriteAsync())
            await log.AppendAsync(scope, "500103", Closed("rolled back"));
        var afterRollback = woken.IsCompleted;
        await AppendCommittedAsync(database, log, "500105", Closed("other district"));
        var afterOtherDistrict = woken.IsCompleted;
        await AppendCommittedAsync(database, log, "500103", Closed("committed"));

        Assert.Equal((false, false, true), (afterRollback, afterOtherDistrict, woken.IsCompleted));
    }

    [Fact]
    public async Task Enrollment_IsReportedToTheOwnersDistrict()
    {
        // R-CN-2: the district learns of every record the city enrolls for its clinics.
        var (database, log) = await NewLogAsync();
        var store = new SqlRecordStore(database, log, TestIdentityKeys.Protector);

        var state = await EnrollAsync(store);

        var entry = Assert.Single(await log.ReadAfterAsync("500103", 0, 10, default));
        Assert.Equal(new RecordIndexChanged(At, IndexEntry.Of(state)), entry.Event);
        Assert.Equal(0, await log.HeadAsync("500105", default));
    }

    [Fact]
    public async Task StatusChange_IsReportedOnce_ToTheOwnersDistrict()
    {
        // R-ST-6: every archive and reactivation reaches the district, or the counts disagree.
        var (database, log) = await NewLogAsync();
        var store = new SqlRecordStore(database, log, TestIdentityKeys.Protector);
        var state = await EnrollAsync(store);
        var deceased = state with { Status = RecordStatus.Deceased, Version = 2, UpdatedAt = At.AddDays(1) };

        Assert.True(await store.TryAppendAsync(deceased, expectedVersion: 1, [], default));

        var reported = (await log.ReadAfterAsync("500103", 1, 10, default)).Select(e => e.Event);
        Assert.Equal([new RecordIndexChanged(At.AddDays(1), IndexEntry.Of(deceased))], reported);
    }

    [Fact]
    public async Task OwnerMovedToAnotherDistrict_IsReportedToBothDistricts_AndClosesTheFormerCopy()
    {
        // R-CN-2: a move between clinics reaches both tiers of both districts. R-TR-6: the old copy is closed.
        // Arrange
        var (database, log) = await NewLogAsync();
        var store = new SqlRecordStore(database, log, TestIdentityKeys.Protector);
        var state = await EnrollAsync(store);
        var moved = state with { OwnerInstitution = "500105C01", OwnerDistrict = "500105", Version = 2, UpdatedAt = At.AddDays(1) };

        // Act
        var appended = await store.TryAppendAsync(moved, expectedVersion: 1, [], default);

        // Assert
        Assert.True(appended);
        var changed = new RecordIndexChanged(At.AddDays(1), IndexEntry.Of(moved));
        Assert.Equal([changed], (await log.ReadAfterAsync("500105", 0, 10, default)).Select(e => e.Event));
        Assert.Equal([changed, new RecordClosed(At.AddDays(1), state.Number.Value, "500103C01", "500105C01")],
            (await log.ReadAfterAsync("500103", 1, 10, default)).Select(e => e.Event));
    }

    [Fact]
    public async Task OwnerChangeWithinTheDistrict_ClosesTheFormerClinicsCopy()
    {
        // R-TR-3: a transfer inside a district is filed with the city too; R-TR-6.
        var (database, log) = await NewLogAsync();
        var store = new SqlRecordStore(database, log, TestIdentityKeys.Protector);
        var state = await EnrollAsync(store);
        var moved = state with { OwnerInstitution = "500103C02", Version = 2, UpdatedAt = At.AddDays(1) };

        await store.TryAppendAsync(moved, expectedVersion: 1, [], default);

        Assert.Equal([new RecordIndexChanged(At.AddDays(1), IndexEntry.Of(moved)), new RecordClosed(At.AddDays(1), state.Number.Value, "500103C01", "500103C02")],
            (await log.ReadAfterAsync("500103", 1, 10, default)).Select(e => e.Event));
    }

    [Fact]
    public async Task StaleAppend_ReportsNothing()
    {
        // A change that lost the optimistic check was not committed, so no district may hear of it.
        var (database, log) = await NewLogAsync();
        var store = new SqlRecordStore(database, log, TestIdentityKeys.Protector);
        var state = await EnrollAsync(store);

        var appended = await store.TryAppendAsync(state with { OwnerDistrict = "500105", Version = 3 }, expectedVersion: 2, [], default);

        Assert.False(appended);
        Assert.Equal((1L, 0L), (await log.HeadAsync("500103", default), await log.HeadAsync("500105", default)));
    }

    private async Task<(Database, DistrictEventLog)> NewLogAsync()
    {
        var database = await provider.CreateAsync();
        await SchemaMigrator.MigrateAsync(database, CitySchema.Name, CitySchema.Migrations);
        return (database, new DistrictEventLog(database));
    }

    private static async Task AppendCommittedAsync(Database database, DistrictEventLog log, string district, DistrictFeedEvent e)
    {
        await using var scope = await database.BeginWriteAsync();
        await log.AppendAsync(scope, district, e);
        await scope.CommitAsync();
    }

    private static async Task<RecordState> EnrollAsync(SqlRecordStore store)
    {
        var identity = IdentityKey.FromInput(new IdentityInput("440308199901101512", null, null, null));
        return (await store.TryInsertAsync(CommitteeCode.Parse("500103001001"), n => new ResidentEnrolled(
            At, n.Value, identity.Value, "500103C01", "500103", "王护士", "r",
            new ResidentProfile("张伟", Sex.Male, new DateOnly(1999, 1, 10), null, null, null, null, null)), default))!;
    }

    private static RecordClosed Closed(string recordNumber) => new(At, recordNumber, "500103C01", "500103C02");
}

public sealed class SqliteDistrictEventLogTests(SqliteProvider provider) : DistrictEventLogContract(provider), IClassFixture<SqliteProvider>;

[Collection("postgres")]
public sealed class PostgresDistrictEventLogTests(PostgresProvider provider) : DistrictEventLogContract(provider);
