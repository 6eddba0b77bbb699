using Dapper;
using HealthRecords.Storage.Audit;
using HealthRecords.Storage.City;
using HealthRecords.Storage.District;

namespace HealthRecords.Storage.Tests;

/// <summary>R-AC-5: the hash-chained access audit log of both tiers, on SQLite and PostgreSQL alike.</summary>
public abstract class AccessAuditChainContract(IDatabaseProvider provider)
{
    private static readonly DateTimeOffset At = new(2026, 12, 6, 3, 0, 0, TimeSpan.Zero);

    private static AuditedAccess Entry(string user, string institution, string? record, bool allowed = true, string action = "read_homepage") =>
        new(0, At, "500103", institution, user, action, record, "management", allowed, allowed ? "OwningInstitution" : "R-AC-2 RESIDENT_AUTHORIZATION_REQUIRED",
            null, null, user, "clinician", allowed ? 0 : 7, allowed ? null : "RESIDENT_AUTHORIZATION_REQUIRED");

    private async Task<(Database, AccessAuditLog)> NewLogAsync(bool district = false)
    {
        var database = await provider.CreateAsync();
        if (district)
            await SchemaMigrator.MigrateAsync(database, DistrictSchema.Name, DistrictSchema.Migrations);
        else
            await SchemaMigrator.MigrateAsync(database, CitySchema.Name, CitySchema.Migrations);
        return (database, new AccessAuditLog(database));
    }

    private static async Task<List<long>> AppendThreeAsync(AccessAuditLog log) =>
    [
        await log.AppendAsync(Entry("dr-a", "500103C01", "50010300100100001"), default),
        await log.AppendAsync(Entry("dr-b", "500105C01", "50010300100100001", allowed: false), default),
        await log.AppendAsync(Entry("dr-a", "500103C01", "50010300100100002"), default),
    ];

    private static async Task ExecuteAsync(Database database, string sql)
    {
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync(sql);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Append_ListsByRecordUserInstitutionAndAction_Paged_AndTheChainVerifies(bool district)
    {
        // R-AC-5: every entry kept with its user, role and outcome; the city and district logs are the same code
        // Arrange
        var (_, log) = await NewLogAsync(district);

        // Act
        var ids = await AppendThreeAsync(log);
        var verification = await log.VerifyAsync(default);

        // Assert
        Assert.Equal([1L, 2L, 3L], ids);
        Assert.True(verification.Intact, verification.ToString());
        Assert.Equal(3, verification.EntriesChecked);
        Assert.Equal(Entry("dr-b", "500105C01", "50010300100100001", allowed: false) with { AuditId = 2 },
            Assert.Single(await log.ListAsync(new AuditQuery(UserId: "dr-b"), 0, 10, default)));
        Assert.Equal([1L, 2L], (await log.ListAsync(new AuditQuery(RecordNumber: "50010300100100001"), 0, 10, default)).Select(e => e.AuditId));
        Assert.Equal([1L, 3L], (await log.ListAsync(new AuditQuery(InstitutionCode: "500103C01", UserId: "dr-a"), 0, 10, default)).Select(e => e.AuditId));
        Assert.Equal([3L], (await log.ListAsync(new AuditQuery(UserId: "dr-a"), 1, 10, default)).Select(e => e.AuditId));
        Assert.Single(await log.ListAsync(new AuditQuery(), 0, 1, default));
        Assert.Empty(await log.ListAsync(new AuditQuery(Action: "offsite_summary"), 0, 10, default));
    }

    [Fact]
    public async Task Verify_EditedAuditRow_IsDetected()
    {
        // R-AC-5: a row changed behind the node's back no longer matches its hash
        var (database, log) = await NewLogAsync();
        await AppendThreeAsync(log);

        await ExecuteAsync(database, "UPDATE access_audit SET user_id = 'someone-else' WHERE audit_id = 2");
        var verification = await log.VerifyAsync(default);

        Assert.False(verification.Intact);
        Assert.Equal(2, verification.BrokenAuditId);
        Assert.Contains("edited", verification.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_DeletedAuditRow_IsDetected()
    {
        // R-AC-5: the entry after a deleted one no longer links to its predecessor
        var (database, log) = await NewLogAsync();
        await AppendThreeAsync(log);

        await ExecuteAsync(database, "DELETE FROM access_audit WHERE audit_id = 2");
        var verification = await log.VerifyAsync(default);

        Assert.False(verification.Intact);
        Assert.Equal(3, verification.BrokenAuditId);
    }

    [Fact]
    public async Task Verify_DeletedLastAuditRow_IsDetected()
    {
        // R-AC-5: the head remembers the last entry, so cutting the end off is seen too
        var (database, log) = await NewLogAsync();
        await AppendThreeAsync(log);

        await ExecuteAsync(database, "DELETE FROM access_audit WHERE audit_id = 3");
        var verification = await log.VerifyAsync(default);

        Assert.False(verification.Intact);
        Assert.Equal(3, verification.BrokenAuditId);
    }

    [Fact]
    public async Task Verify_ReorderedAuditRows_AreDetected()
    {
        // R-AC-5: swapping two entries' contents (hashes included) breaks the links
        var (database, log) = await NewLogAsync();
        await AppendThreeAsync(log);

        await ExecuteAsync(database, """
            UPDATE access_audit SET audit_id = 100 WHERE audit_id = 1;
            UPDATE access_audit SET audit_id = 1 WHERE audit_id = 2;
            UPDATE access_audit SET audit_id = 2 WHERE audit_id = 100;
            """);
        var verification = await log.VerifyAsync(default);

        Assert.False(verification.Intact);
        Assert.Equal(1, verification.BrokenAuditId);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Verify_RowInsertedBehindTheNodesBack_IsDetected(bool copyingAHash)
    {
        // R-AC-5: a row the node did not append is either unchained or does not fit the chain
        var (database, log) = await NewLogAsync();
        await AppendThreeAsync(log);
        var hashes = copyingAHash ? "prev_hash, entry_hash" : "NULL, NULL";

        await ExecuteAsync(database, $"""
            INSERT INTO access_audit (audit_id, at_ms, caller_district, institution_code, staff, action, record_number, purpose, allowed, basis,
                user_id, role, outcome_code, prev_hash, entry_hash)
            SELECT 4, at_ms, caller_district, institution_code, 'intruder', action, record_number, purpose, allowed, basis, 'intruder', role, 0, {hashes}
            FROM access_audit WHERE audit_id = 3
            """);
        var verification = await log.VerifyAsync(default);

        Assert.False(verification.Intact);
        Assert.Equal(4, verification.BrokenAuditId);
    }

    [Fact]
    public async Task Append_FromManyWritersAtOnce_StaysOneLinearChain()
    {
        // R-AC-5: appends are serialised on the head row, here by two stores (as two city processes) on one database
        var (database, log) = await NewLogAsync();
        var second = new AccessAuditLog(database);

        var ids = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            (i % 2 == 0 ? log : second).AppendAsync(Entry($"dr-{i}", "500103C01", "50010300100100001"), default)));
        var verification = await log.VerifyAsync(default);

        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), ids.Order());
        Assert.True(verification.Intact, verification.ToString());
    }

    [Fact]
    public async Task Append_OfManyConcurrentReads_CommitsEachInOrderOfItsId_AndTheChainVerifies()
    {
        // R-AC-5: concurrent appends of one process are committed in groups; each waits for its own commit
        // Arrange
        var (_, log) = await NewLogAsync();

        // Act
        var ids = await Task.WhenAll(Enumerable.Range(0, 600).Select(i =>
            Task.Run(() => log.AppendAsync(Entry($"dr-{i}", "500103C01", $"5001030010010{i:D4}"), default))));
        var listed = await log.ListAsync(new AuditQuery(), 0, 1000, default);
        var verification = await log.VerifyAsync(default);

        // Assert: every entry is in the log under the id its append returned, and the chain is one line
        Assert.Equal(Enumerable.Range(1, 600).Select(i => (long)i), ids.Order());
        Assert.Equal(600, listed.Count);
        Assert.All(Enumerable.Range(0, 600), i => Assert.Equal($"dr-{i}", listed.Single(e => e.AuditId == ids[i]).Staff));
        Assert.True(verification.Intact, verification.ToString());
    }

    [Fact]
    public async Task EntriesFromBeforeTheChain_AreChainedOnce_AndThenVerify()
    {
        // R-AC-5: the off-site lookups logged before city migration 10 join the chain at start-up
        // Arrange: the schema up to migration 9 and two entries written the old way
        var database = await provider.CreateAsync();
        await SchemaMigrator.MigrateAsync(database, CitySchema.Name, CitySchema.Migrations.Where(m => m.Version < 10).ToList());
        await ExecuteAsync(database, """
            INSERT INTO access_audit (at_ms, caller_district, institution_code, staff, action, record_number, purpose, allowed, basis)
            VALUES (1, '500106', '500106C01', '赵医生', 'offsite_summary', '50010300100100001', '体检', 1, 'key_population');
            INSERT INTO access_audit (at_ms, caller_district, institution_code, staff, action, record_number, purpose, allowed, basis)
            VALUES (2, '500106', '500106C01', '赵医生', 'offsite_summary', '50010300100100001', '门诊', 0, 'R-OS-2');
            """);
        await SchemaMigrator.MigrateAsync(database, CitySchema.Name, CitySchema.Migrations);
        var log = new AccessAuditLog(database);

        // Act
        await log.ChainLegacyEntriesAsync(default);
        await log.ChainLegacyEntriesAsync(default);
        var next = await log.AppendAsync(Entry("dr-a", "500103C01", "50010300100100001"), default);
        var verification = await log.VerifyAsync(default);

        // Assert
        Assert.Equal(3, next);
        Assert.True(verification.Intact, verification.ToString());
        Assert.Equal(["体检", "门诊", "management"], (await log.ListAsync(new AuditQuery(), 0, 10, default)).Select(e => e.Purpose));
    }
}

public sealed class SqliteAccessAuditChainTests(SqliteProvider provider) : AccessAuditChainContract(provider), IClassFixture<SqliteProvider>;

[Collection("postgres")]
public sealed class PostgresAccessAuditChainTests(PostgresProvider provider) : AccessAuditChainContract(provider);
