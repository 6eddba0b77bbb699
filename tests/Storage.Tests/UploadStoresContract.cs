using HealthRecords.TestSupport;
using HealthRecords.Grains.Identity;
using HealthRecords.Grains.Records;
using HealthRecords.Grains.Services;
using HealthRecords.Storage.City;
using HealthRecords.Storage.District;

namespace HealthRecords.Storage.Tests;

/// <summary>The district's upload log and the city's service timeline, on SQLite and PostgreSQL alike.</summary>
public abstract class UploadStoresContract(IDatabaseProvider provider)
{
    private static readonly DateTimeOffset At = new(2026, 11, 21, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task UploadLog_KeepsTheFirstCopy_AndReportsStoredFingerprints()
    {
        // Arrange
        var log = await NewLogAsync();
        await log.AppendAsync([new("u1", "500103C01", "fp-1", [1, 2]), new("u2", "500103C01", "fp-2", [3])], At, default);

        // Act: a repeat of u1, a reuse of u2 with other content, and a new one
        var stored = await log.AppendAsync([new("u1", "500103C01", "fp-1", [1, 2]), new("u2", "500103C01", "fp-X", [9]), new("u3", "500103C02", "fp-3", [4])], At, default);

        // Assert
        Assert.Equal(new Dictionary<string, string> { ["u1"] = "fp-1", ["u2"] = "fp-2", ["u3"] = "fp-3" }, stored);
        var pending = await log.PendingAfterAsync(0, 10, default);
        Assert.Equal(["u1", "u2", "u3"], pending.Select(p => p.UploadId));
        Assert.Equal([3], (await log.GetAsync("u2", default))!.Payload);
    }

    [Fact]
    public async Task UploadLog_AnsweredUploads_AreNoLongerPending_AndRejectedAreListed()
    {
        var log = await NewLogAsync();
        await log.AppendAsync([new("u1", "500103C01", "a", [1]), new("u2", "500103C01", "b", [2]), new("u3", "500103C02", "c", [3])], At, default);

        await log.MarkAnsweredAsync([("u1", RelayState.AcceptedByCity, [7]), ("u2", RelayState.RejectedByCity, [8])], default);

        Assert.Equal(["u3"], (await log.PendingAfterAsync(0, 10, default)).Select(p => p.UploadId));
        Assert.Equal(["u2"], (await log.ListAsync("500103C01", rejectedOnly: true, 0, 10, default)).Select(p => p.UploadId));
        Assert.Equal(2, (await log.ListAsync("500103C01", rejectedOnly: false, 0, 10, default)).Count);
        Assert.Equal(1, await log.CountAsync(RelayState.Pending, default));
        Assert.Equal([8], (await log.GetAsync("u2", default))!.CityAck);
    }

    [Fact]
    public async Task Timeline_StoresOnce_RemembersRejections_AndMovesTheLastServiceDateForward()
    {
        // R-RC-1 (timeline), R-RC-4 (lateness per institution)
        // Arrange
        var (database, services, number) = await NewCityWithRecordAsync();
        var early = Service("s1", number, new DateOnly(2026, 11, 1), late: true);
        var later = Service("s2", number, new DateOnly(2026, 11, 20), late: false);

        // Act
        await services.SaveAsync([new(later, "500103", "f2"), new(early, "500103", "f1")], [new("bad", "fb", "service_date", "in the future")], At, default);
        await services.SaveAsync([new(early, "500103", "f1")], [], At, default); // a repeat

        // Assert
        Assert.Equal(2, await services.CountAsync(default));
        var timeline = await services.ListForRecordAsync(number, null, 10, default);
        Assert.Equal([early, later], timeline);
        var afterFirst = await services.ListForRecordAsync(number, ServiceRecordStore.PageKey(early), 10, default);
        Assert.Equal([later], afterFirst);
        var prior = await services.FindPriorOutcomesAsync(["s1", "bad", "unknown"], default);
        Assert.Equal(new PriorOutcome.Accepted("f1", true), prior["s1"]);
        Assert.Equal(new PriorOutcome.Rejected("fb", "service_date", "in the future"), prior["bad"]);
        Assert.False(prior.ContainsKey("unknown"));
        Assert.Equal([("500103C01", 2L, 1L)], await services.LatenessAsync("500103", null, 10, default));
        var residents = await services.LoadResidentsAsync([number], default);
        Assert.Equal(RecordStatus.Active, residents[number].Status);
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT last_service_date FROM records WHERE record_number = '{number}'";
        Assert.Equal("2026-11-20", await command.ExecuteScalarAsync());
    }

    private async Task<UploadLog> NewLogAsync()
    {
        var database = await provider.CreateAsync();
        await SchemaMigrator.MigrateAsync(database, DistrictSchema.Name, DistrictSchema.Migrations);
        return new UploadLog(database);
    }

    private async Task<(Database, ServiceRecordStore, string)> NewCityWithRecordAsync()
    {
        var database = await provider.CreateAsync();
        await SchemaMigrator.MigrateAsync(database, CitySchema.Name, CitySchema.Migrations);
        var identity = IdentityKey.FromInput(new IdentityInput("440308199901101512", null, null, null));
        var record = await new SqlRecordStore(database, new DistrictEventLog(database), TestIdentityKeys.Protector).TryInsertAsync(CommitteeCode.Parse("500103001001"), n => new ResidentEnrolled(
            At, n.Value, identity.Value, "500103C01", "500103", "王护士", "r",
            new ResidentProfile("张伟", Sex.Male, new DateOnly(1999, 1, 10), null, null, null, null, null)), default);
        return (database, new ServiceRecordStore(database, new DistrictEventLog(database)), record!.Number.Value);
    }

    private static ServiceRecord Service(string id, string number, DateOnly date, bool late) => new(
        id, number, ServiceKind.HypertensionFollowUp, date, "500103C01", "李医生", ["高血压"], 1500,
        new Dictionary<string, string> { ["systolic_mmhg"] = "150" }, "稳定", late, late ? 20 : 1, At);
}

public sealed class SqliteUploadStoresTests(SqliteProvider provider) : UploadStoresContract(provider), IClassFixture<SqliteProvider>;

[Collection("postgres")]
public sealed class PostgresUploadStoresTests(PostgresProvider provider) : UploadStoresContract(provider);
