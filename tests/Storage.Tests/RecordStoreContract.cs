using HealthRecords.TestSupport;
using Dapper;
using HealthRecords.Grains.Identity;
using HealthRecords.Grains.Records;
using HealthRecords.Grains.Transfers;
using HealthRecords.Storage.City;

namespace HealthRecords.Storage.Tests;

/// <summary>
/// What the city's record store must do, run against SQLite and against PostgreSQL alike
/// (the subclasses at the bottom choose the database).
/// </summary>
public abstract class RecordStoreContract(IDatabaseProvider provider)
{
    private static readonly CommitteeCode Committee = CommitteeCode.Parse("500103001001");
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 9, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task Enrollment_IsStoredAndFoundByIdentityAndNumber()
    {
        // Arrange
        var (_, store) = await NewStoreAsync();
        var identity = Id("11010519491231002X");

        // Act
        var created = await store.TryInsertAsync(Committee, n => Enrolled(n, identity, "req-1"), default);

        // Assert
        Assert.NotNull(created);
        Assert.Equal("50010300100100001", created.Number.Value); // R-ID-4: committee code + 5-digit serial
        var byIdentity = await store.FindByIdentityAsync(identity, default);
        var byNumber = await store.GetAsync(created.Number, default);
        Assert.Equal(created.Number, byIdentity!.Number);
        Assert.Equal("张三", byNumber!.Profile.Name);
        Assert.Equal(1, byNumber.Version);
        Assert.Equal(RecordStatus.Active, byNumber.Status);
        Assert.Equal(Now, byNumber.EnrolledAt);
    }

    [Fact]
    public async Task SecondEnrollmentOfSameIdentity_IsRefusedByTheUniqueKey_AndConsumesNoSerial()
    {
        // R-ID-1: the database's unique key on the identity decides.
        // Arrange
        var (_, store) = await NewStoreAsync();
        var identity = Id("440524188001010014");
        await store.TryInsertAsync(Committee, n => Enrolled(n, identity, "a"), default);

        // Act
        var second = await store.TryInsertAsync(Committee, n => Enrolled(n, identity, "b"), default);
        var other = await store.TryInsertAsync(Committee, n => Enrolled(n, Id("440308199901101512"), "c"), default);

        // Assert
        Assert.Null(second);
        Assert.Equal(2, other!.Number.Serial); // R-ID-4: serials stay dense, the refused one handed out nothing
    }

    [Fact]
    public async Task ConcurrentEnrollmentsOfOneIdentity_LeaveExactlyOneRecord()
    {
        // R-ID-1 under concurrency, below the grain's in-process lock: only the database decides here.
        // Arrange
        var (database, store) = await NewStoreAsync();
        var identity = Id("810000199408230021");

        // Act
        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() =>
            store.TryInsertAsync(CommitteeCode.Parse($"5001030010{i % 9 + 1:D2}"), n => Enrolled(n, identity, $"r{i}"), default))));

        // Assert
        Assert.Single(results, r => r is not null);
        await using var connection = await database.OpenAsync();
        Assert.Equal(1L, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM records"));
    }

    [Fact]
    public async Task Serials_AreAllocatedPerCommittee()
    {
        // R-ID-4
        var (_, store) = await NewStoreAsync();
        var other = CommitteeCode.Parse("500105001001");

        var a1 = await store.TryInsertAsync(Committee, n => Enrolled(n, Id("11010519491231002X"), ""), default);
        var b1 = await store.TryInsertAsync(other, n => Enrolled(n, Id("440524188001010014"), ""), default);
        var a2 = await store.TryInsertAsync(Committee, n => Enrolled(n, Id("440308199901101512"), ""), default);

        Assert.Equal([1, 1, 2], new[] { a1!.Number.Serial, b1!.Number.Serial, a2!.Number.Serial });
        Assert.Equal("50010500100100001", b1.Number.Value);
    }

    [Fact]
    public async Task ExhaustedCommittee_IsReported_NotWrappedAround()
    {
        // R-ID-4: a record number is never reused, so serial 99999 is the last one.
        var (database, store) = await NewStoreAsync();
        await using (var connection = await database.OpenAsync())
            await connection.ExecuteAsync("INSERT INTO committee_serials (committee_code, last_serial) VALUES (@c, 99998)", new { c = Committee.Value });

        var last = await store.TryInsertAsync(Committee, n => Enrolled(n, Id("11010519491231002X"), ""), default);
        var error = await Assert.ThrowsAsync<SerialsExhaustedException>(() =>
            store.TryInsertAsync(Committee, n => Enrolled(n, Id("440524188001010014"), ""), default));

        Assert.Equal(99999, last!.Number.Serial);
        Assert.Equal(Committee, error.Committee);
        Assert.Null(await store.FindByIdentityAsync(Id("440524188001010014"), default));
    }

    [Fact]
    public async Task Append_WithStaleVersion_IsRejected_AndWritesNothing()
    {
        // The record grain's optimistic check: two writers cannot both apply on the same version.
        var (_, store) = await NewStoreAsync();
        var state = (await store.TryInsertAsync(Committee, n => Enrolled(n, Id("11010519491231002X"), "e"), default))!;
        var update = new ContactDetailsUpdated(Now.AddDays(1), "500103C01", "李医生", "u1", "13800000000", null, null);
        var next = state.Apply(update);

        var first = await store.TryAppendAsync(next, expectedVersion: 1, [update], default);
        var stale = await store.TryAppendAsync(next with { Profile = next.Profile with { Phone = "0" } }, expectedVersion: 1, [update], default);

        Assert.True(first);
        Assert.False(stale);
        var stored = (await store.GetAsync(state.Number, default))!;
        Assert.Equal(2, stored.Version);
        Assert.Equal("13800000000", stored.Profile.Phone);
        Assert.Equal(["e", "u1"], stored.AppliedRequestIds);
        var journal = await ((SqlRecordStore)store).ReadEventsAsync(state.Number, default);
        Assert.Collection(journal, e => Assert.IsType<ResidentEnrolled>(e), e => Assert.Equal(update, e));
    }

    [Fact]
    public async Task Append_BasicInformationCorrected_KeepsTheCorrectionAndTheFormerValuesInTheJournal()
    {
        // R-ID-6: the journal holds what a correction changed and who consented; the record holds the corrected profile
        var (_, store) = await NewStoreAsync();
        var state = (await store.TryInsertAsync(Committee, n => Enrolled(n, Id("11010519491231002X"), "e"), default))!;
        var correction = new CorrectBasicInformation("b1", state.OwnerInstitution, "李医生", "resident, signed form on site", "王五", null, null);
        var events = BasicInformationDecider.Decide(state, correction, Now.AddDays(1));

        Assert.True(await store.TryAppendAsync(state.ApplyAll(events), expectedVersion: 1, events, default));

        Assert.Equal("王五", (await store.GetAsync(state.Number, default))!.Profile.Name);
        var journal = await ((SqlRecordStore)store).ReadEventsAsync(state.Number, default);
        var stored = Assert.IsType<BasicInformationCorrected>(journal[^1]);
        Assert.Equal(Assert.Single(events), stored);
        Assert.Equal(state.Profile.Name, stored.FormerName);
        Assert.True(await store.WasAppliedAsync(state.Number, "b1", default));
    }

    [Fact]
    public async Task ListByOwner_PagesInRecordNumberOrder()
    {
        var (_, store) = await NewStoreAsync();
        foreach (var id in new[] { "11010519491231002X", "440524188001010014", "440308199901101512" })
            await store.TryInsertAsync(Committee, n => Enrolled(n, Id(id), ""), default);

        var first = await store.ListByOwnerAsync("500103", "500103C01", null, 2, default);
        var rest = await store.ListByOwnerAsync("500103", "500103C01", first[^1].Number.Value, 2, default);
        var otherClinic = await store.ListByOwnerAsync("500103", "500103C02", null, 10, default);

        Assert.Equal([1, 2], first.Select(r => r.Number.Serial));
        Assert.Equal([3], rest.Select(r => r.Number.Serial));
        Assert.Empty(otherClinic);
    }

    [Fact]
    public async Task TransferSteps_KeepTheLifecycle_AndTheTransferRow_WithTheRecord()
    {
        // R-TR-2, R-TR-3, R-TR-5: the pending transfer, then the move and its date, survive a reload;
        // the transfers table follows each step in the same transaction.
        // Arrange
        var (database, store) = await NewStoreAsync();
        var state = (await store.TryInsertAsync(Committee, n => Enrolled(n, Id("11010519491231002X"), "e"), default))!;
        var transfer = new Transfer("t-1", state.Number.Value, "500103C01", "500103", "500105C01", "500105", "500105C01",
            ConsentMethod.Video, TransferReason.Marriage, TransferState.Pending, Now.AddDays(1), Now.AddDays(8), null, null, null, false);
        var requested = new TransferRequested(Now.AddDays(1), transfer);
        var completed = new TransferCompleted(Now.AddDays(2), transfer with
        {
            State = TransferState.Completed, AnsweredAt = Now.AddDays(2), AnsweredByInstitution = "500103C01",
        });
        var transfers = new TransferStore(database);

        // Act
        var pending = state.Apply(requested);
        Assert.True(await store.TryAppendAsync(pending, 1, [requested], default));
        var storedPending = (await store.GetAsync(state.Number, default))!;
        var dueNow = await transfers.PastDueAsync(Now.AddDays(9), 10, default);
        var done = pending.Apply(completed);
        Assert.True(await store.TryAppendAsync(done, 2, [completed], default));
        var storedDone = (await store.GetAsync(state.Number, default))!;

        // Assert
        Assert.Equal("t-1", storedPending.Lifecycle.PendingTransferId);
        Assert.Equal(["t-1"], dueNow.Select(t => t.TransferId));
        Assert.Null(storedDone.Lifecycle.PendingTransferId);
        Assert.Equal(Now.AddDays(2), storedDone.Lifecycle.LastCrossDistrictTransferAt);
        Assert.Equal(("500105C01", "500105"), (storedDone.OwnerInstitution, storedDone.OwnerDistrict));
        Assert.Equal(completed.Transfer, await transfers.GetAsync("t-1", default));
        Assert.Empty(await transfers.PastDueAsync(Now.AddDays(9), 10, default));
        Assert.Equal(["t-1"], (await transfers.ListAsync("500105C01", "500105", TransferState.Completed, null, 10, default)).Select(t => t.TransferId));
        Assert.Empty(await transfers.ListAsync("500103C02", "500103", null, null, 10, default));
        var outcomes = await transfers.OutcomesAsync(["500103C01", "500103C02"], default);
        Assert.Equal([new TransferOutcomes("500103C01", 0, 1, 0, 0), new TransferOutcomes("500103C02", 0, 0, 0, 0)], outcomes);
        var log = new DistrictEventLog(database);
        var toNew = await log.ReadAfterAsync("500105", 0, 100, default);
        Assert.Contains(toNew, e => e.Event is Grains.Feed.TransferChanged { Transfer.State: TransferState.Completed });
    }

    [Fact]
    public async Task StatusChange_KeepsItsDateAndReason()
    {
        // R-ST-7, R-ST-3: date and reason of the change, the date of death, kept across a reload.
        var (_, store) = await NewStoreAsync();
        var state = (await store.TryInsertAsync(Committee, n => Enrolled(n, Id("440524188001010014"), "e"), default))!;
        var died = new DeathRecorded(Now.AddDays(3), "500103C01", "李医生", "d1", new DateOnly(2026, 11, 22), "肺癌", new DateOnly(2026, 11, 23), false);

        Assert.True(await store.TryAppendAsync(state.Apply(died), 1, [died], default));
        var stored = (await store.GetAsync(state.Number, default))!;

        Assert.Equal(RecordStatus.Deceased, stored.Status);
        Assert.Equal(Now.AddDays(3), stored.Lifecycle.StatusChangedAt);
        Assert.Equal(new DateOnly(2026, 11, 22), stored.Lifecycle.DateOfDeath);
        Assert.Equal("肺癌", stored.Lifecycle.CauseOfDeath);
    }

    [Fact]
    public async Task Migration_RunTwice_IsHarmless()
    {
        var (database, store) = await NewStoreAsync();
        await store.TryInsertAsync(Committee, n => Enrolled(n, Id("11010519491231002X"), ""), default);

        await SchemaMigrator.MigrateAsync(database, CitySchema.Name, CitySchema.Migrations);

        Assert.NotNull(await store.FindByIdentityAsync(Id("11010519491231002X"), default));
    }

    private async Task<(Database, IRecordStore)> NewStoreAsync()
    {
        var database = await provider.CreateAsync();
        await SchemaMigrator.MigrateAsync(database, CitySchema.Name, CitySchema.Migrations);
        return (database, new SqlRecordStore(database, new DistrictEventLog(database), TestIdentityKeys.Protector));
    }

    private static IdentityKey Id(string number) => IdentityKey.FromInput(number[..2] is "81" or "82" or "83"
        ? new IdentityInput(null, number, null, null)
        : new IdentityInput(number, null, null, null));

    private static ResidentEnrolled Enrolled(RecordNumber number, IdentityKey identity, string requestId) => new(
        Now, number.Value, identity.Value, "500103C01", "500103", "王护士", requestId,
        new ResidentProfile("张三", Sex.Female, new DateOnly(1949, 12, 31), "023-6000000", "重庆市渝中区七星岗", null, null, null));
}

public sealed class SqliteRecordStoreTests(SqliteProvider provider) : RecordStoreContract(provider), IClassFixture<SqliteProvider>;

[Collection("postgres")]
public sealed class PostgresRecordStoreTests(PostgresProvider provider) : RecordStoreContract(provider);
