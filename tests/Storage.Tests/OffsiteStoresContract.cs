using HealthRecords.Grains.Feed;
using HealthRecords.Grains.Identity;
using HealthRecords.Grains.Offsite;
using HealthRecords.Grains.Records;
using HealthRecords.Grains.Services;
using HealthRecords.Storage.Audit;
using HealthRecords.Storage.City;

namespace HealthRecords.Storage.Tests;

/// <summary>The city's off-site services, their notices, counts and the access audit log, on SQLite and PostgreSQL alike.</summary>
public abstract class OffsiteStoresContract(IDatabaseProvider provider)
{
    private static readonly DateTimeOffset At = new(2026, 11, 21, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task OffsiteService_IsStoredWithItsNotice_InTheOwnersDistrictLog_InTheSameCommit()
    {
        // R-OS-3 (notice to the owner's district), R-OS-5 (marked off-site, owner kept)
        // Arrange
        var (database, log, services, number) = await NewCityWithRecordAsync();
        var facts = (await services.LoadResidentsAsync([number], default))[number];
        var offsite = Service("o1", number, "500105C01", facts);
        var own = Service("s1", number, "500103C01", facts);

        // Act
        await services.SaveAsync([new(offsite, "500105", "f1"), new(own, "500103", "f2")], [], At, default);

        // Assert
        Assert.Equal(("500103C01", "500103"), (facts.OwnerInstitution, facts.OwnerDistrict));
        var events = await log.ReadAfterAsync("500103", 1, 10, default); // 1 = the enrollment
        var noticed = Assert.IsType<OffsiteServiceNoticed>(Assert.Single(events).Event);
        Assert.Equal(("o1", "500105C01", "500105", "500103C01"),
            (noticed.Notice.NoticeId, noticed.Notice.ServingInstitution, noticed.Notice.ServingDistrict, noticed.Notice.OwnerInstitution));
        Assert.Empty(await log.ReadAfterAsync("500105", 0, 10, default));
        var timeline = await services.ListForRecordAsync(number, null, 10, default);
        Assert.Equal([true, false], timeline.OrderBy(s => s.UploadId, StringComparer.Ordinal).Select(s => s.Offsite));
        Assert.Equal(offsite, timeline.Single(s => s.UploadId == "o1"));
        var counts = await new OffsiteServiceCounts(database).OfYearAsync(2026, null, default);
        Assert.Equal(
            [new("500103", "", 0, 1), new("500103", "500103C01", 0, 1), new("500105", "", 1, 0), new("500105", "500105C01", 1, 0)],
            counts.OrderBy(c => c.DistrictCode).ThenBy(c => c.InstitutionCode).ToList());
        Assert.Empty(await new OffsiteServiceCounts(database).OfYearAsync(2025, null, default));
        Assert.Equal(2, (await new OffsiteServiceCounts(database).OfYearAsync(2026, "500103", default)).Count);
    }

    [Fact]
    public async Task AccessAudit_AppendsInOrder_AndListsByRecordOrInstitution_Paged()
    {
        // Arrange
        var database = await provider.CreateAsync();
        await SchemaMigrator.MigrateAsync(database, CitySchema.Name, CitySchema.Migrations);
        var audit = new AccessAuditLog(database);
        AuditedAccess Entry(string institution, string? record, bool allowed) => new(0, At, institution[..6], institution, "赵医生", "offsite_summary",
            record, "体检", allowed, allowed ? "key_population" : "R-OS-2", allowed ? null : 1, allowed ? null : "授权书");

        // Act
        var first = await audit.AppendAsync(Entry("500105C01", "50010300100100001", allowed: false), default);
        var second = await audit.AppendAsync(Entry("500106C01", "50010300100100001", allowed: true), default);
        await audit.AppendAsync(Entry("500105C01", null, allowed: true), default);

        // Assert
        Assert.True(second > first);
        var ofRecord = await audit.ListAsync("50010300100100001", null, 0, 10, default);
        Assert.Equal([first, second], ofRecord.Select(e => e.AuditId));
        Assert.Equal(Entry("500105C01", "50010300100100001", false) with { AuditId = first }, ofRecord[0]);
        Assert.Equal(2, (await audit.ListAsync(null, "500105C01", 0, 10, default)).Count);
        Assert.Equal([second], (await audit.ListAsync("50010300100100001", null, first, 10, default)).Select(e => e.AuditId));
        Assert.Single(await audit.ListAsync(null, null, 0, 1, default));
    }

    private async Task<(Database, DistrictEventLog, ServiceRecordStore, string)> NewCityWithRecordAsync()
    {
        var database = await provider.CreateAsync();
        await SchemaMigrator.MigrateAsync(database, CitySchema.Name, CitySchema.Migrations);
        var log = new DistrictEventLog(database);
        var identity = IdentityKey.FromInput(new IdentityInput("440308199901101512", null, null, null));
        var record = await new SqlRecordStore(database, log).TryInsertAsync(CommitteeCode.Parse("500103001001"), n => new ResidentEnrolled(
            At, n.Value, identity.Value, "500103C01", "500103", "王护士", "r",
            new ResidentProfile("张伟", Sex.Male, new DateOnly(1950, 1, 10), null, null, null, null, null)), default);
        return (database, log, new ServiceRecordStore(database, log), record!.Number.Value);
    }

    private static ServiceRecord Service(string id, string number, string institution, ResidentFacts owner) => new(
        id, number, ServiceKind.HealthExamination, new DateOnly(2026, 11, 20), institution, "李医生", ["高血压"], 1500,
        new Dictionary<string, string> { ["annual_free_exam"] = "true" }, "体检", false, 1, At, owner.OwnerInstitution, owner.OwnerDistrict);
}

public sealed class SqliteOffsiteStoresTests(SqliteProvider provider) : OffsiteStoresContract(provider), IClassFixture<SqliteProvider>;

[Collection("postgres")]
public sealed class PostgresOffsiteStoresTests(PostgresProvider provider) : OffsiteStoresContract(provider);
