using System.Text.Json;
using Dapper;
using HealthRecords.Grains.Feed;
using HealthRecords.Grains.Reconciliation;
using HealthRecords.Grains.Records;
using HealthRecords.Storage.City;
using HealthRecords.Storage.Digests;
using HealthRecords.Storage.District;
using HealthRecords.TestSupport;
using static HealthRecords.Storage.Tests.DistrictFeeds;

namespace HealthRecords.Storage.Tests;

/// <summary>
/// R-CN-2: the digests the triggers keep equal, after any change, what a full recomputation from the
/// rows gives, on SQLite and PostgreSQL alike, at both tiers; and the district applies repairs.
/// </summary>
public abstract class IndexDigestsContract(IDatabaseProvider provider)
{
    private static readonly string[] Clinics = ["500103C01", "500103C02", "500103C03"];

    [Fact]
    public async Task DistrictDigests_FollowEveryChange_EvenStatementsThatBypassTheNode()
    {
        // R-CN-2
        // Arrange: 40 entries over three clinics, some of them changed again by newer versions.
        var database = await provider.CreateAsync();
        await SchemaMigrator.MigrateAsync(database, DistrictSchema.Name, DistrictSchema.Migrations);
        var feed = new DistrictFeed(database, TimeProvider.System);
        var entries = Enumerable.Range(1, 40).Select(i => Entry($"5001030010010{i:D4}", Clinics[i % 3], 1)).ToList();
        await feed.ApplyAsync(Numbered(0, entries.Select(e => (DistrictFeedEvent)Changed(e)).ToArray()), default);

        // Act: a transfer between clinics, a death, a move to another district, and SQL behind the node's back.
        await feed.ApplyAsync(Numbered(40,
            Changed(entries[0] with { Version = 2, OwnerInstitution = "500103C02" }),
            Changed(entries[1] with { Version = 2, Status = RecordStatus.Deceased }),
            Changed(entries[2] with { Version = 2, OwnerInstitution = "500105C01", OwnerDistrict = "500105" })), default);
        await using (var connection = await database.OpenAsync())
        {
            await connection.ExecuteAsync("DELETE FROM district_records WHERE record_number = @n", new { n = entries[3].RecordNumber });
            await connection.ExecuteAsync("UPDATE district_records SET status = 4, version = 9 WHERE record_number = @n", new { n = entries[4].RecordNumber });
        }

        // Assert: every clinic's figures and every bucket equal the recomputation from the rows.
        var digests = IndexDigests.OfDistrict(database);
        var rows = await RowsAsync(database, "district_records");
        Assert.Equal(Clinics.Select(c => Recomputed(c, rows)), await digests.ClinicsAsync(Clinics, default));
        Assert.Equal(38, (await digests.ClinicsAsync(Clinics, default)).Sum(c => c.RecordCount));
        var lastDigit = await digests.ChildrenAsync([new DigestBucket("500103C01", "")], default);
        Assert.Equal(10, lastDigit.Count);
        Assert.All(lastDigit, b => Assert.Equal(RecomputedBucket(b.Bucket, rows), b));
        var leaves = await digests.ChildrenAsync([new DigestBucket("500103C02", "1")], default);
        var deeper = await digests.ChildrenAsync([new DigestBucket("500103C02", "01")], default);
        Assert.All(leaves.Concat(deeper), b => Assert.Equal(RecomputedBucket(b.Bucket, rows), b));
        Assert.All(deeper, b => Assert.True(b.Bucket.IsLeaf));
        var inLeaf = await digests.FactsInAsync([new DigestBucket("500103C02", "001")], ownerDistrict: null, default);
        Assert.Equal(rows.Where(r => r.OwnerInstitution == "500103C02" && r.RecordNumber.EndsWith("001", StringComparison.Ordinal)), inLeaf);
        Assert.Equal([entries[2].RecordNumber], (await digests.FactsOfAsync([entries[2].RecordNumber, entries[3].RecordNumber], default)).Select(f => f.RecordNumber));
    }

    [Fact]
    public async Task DistrictRepair_ReplacesTheEntryWhateverItsVersion_AndRemovesOneTheCityLacks()
    {
        // R-CN-2: the city is the authority; a corrupted version must not shield a wrong entry.
        var database = await provider.CreateAsync();
        await SchemaMigrator.MigrateAsync(database, DistrictSchema.Name, DistrictSchema.Migrations);
        var (feed, index) = (new DistrictFeed(database, TimeProvider.System), new DistrictIndex(database, "500103"));
        var kept = Entry("50010300100100001", "500103C01", 7, RecordStatus.Deceased);
        var stray = Entry("50010300100100002", "500103C02", 1);
        await feed.ApplyAsync(Numbered(0, Changed(kept), Changed(stray)), default);
        var cityFacts = kept with { Version = 3, Status = RecordStatus.Active };

        await feed.ApplyAsync(Numbered(2,
            new RecordIndexRepaired(At, "r1", kept.RecordNumber, cityFacts),
            new RecordIndexRepaired(At, "r2", stray.RecordNumber, null)), default);

        Assert.Equal(cityFacts, await index.GetAsync(kept.RecordNumber, default));
        Assert.Null(await index.GetAsync(stray.RecordNumber, default));
        var figures = await IndexDigests.OfDistrict(database).ClinicsAsync(["500103C01", "500103C02"], default);
        Assert.Equal([new ClinicDigest("500103C01", 1, 1, 0, IndexDigest.Hash(IndexFacts.Of(cityFacts))), ClinicDigest.Empty("500103C02")], figures);
    }

    [Fact]
    public async Task CityMigration_FillsTheDigestsOfRecordsEnrolledBeforeIt_AndTheTriggersTakeOver()
    {
        // R-CN-2: a city upgraded with records in it starts from digests equal to its rows.
        var database = await provider.CreateAsync();
        await SchemaMigrator.MigrateAsync(database, CitySchema.Name, CitySchema.Migrations.Where(m => m.Version < 8).ToList());
        await InsertCityRecordsAsync(database, 1, 25);

        await SchemaMigrator.MigrateAsync(database, CitySchema.Name, CitySchema.Migrations);
        await InsertCityRecordsAsync(database, 26, 30);
        await using (var connection = await database.OpenAsync())
            await connection.ExecuteAsync("UPDATE records SET owner_institution = '500103C02', version = version + 1 WHERE record_number LIKE '%7'");

        var rows = await RowsAsync(database, "records");
        Assert.Equal(Clinics.Select(c => Recomputed(c, rows)), await IndexDigests.OfCity(database).ClinicsAsync(Clinics, default));
        Assert.Equal(30, rows.Count);
        // The city lists a leaf's records within the clinics' district (its owner index leads with the district).
        var leaf = new DigestBucket("500103C02", "007");
        Assert.Equal(rows.Where(r => r.OwnerInstitution == "500103C02" && r.RecordNumber.EndsWith("007", StringComparison.Ordinal)),
            await IndexDigests.OfCity(database).FactsInAsync([leaf], "500103", default));
        Assert.Empty(await IndexDigests.OfCity(database).FactsInAsync([leaf], "500105", default));
    }

    [Fact]
    public async Task DatabaseHash_IsTheDomainHash()
    {
        // R-CN-2: a city on PostgreSQL and a district on SQLite must hash alike, or nothing would ever match.
        var database = await provider.CreateAsync();
        await SchemaMigrator.MigrateAsync(database, DistrictSchema.Name, DistrictSchema.Migrations);
        await using var connection = await database.OpenAsync();

        var hashes = new List<(long Database, long Domain)>();
        foreach (var (number, owner, status, version) in new[] { ("50010300100100001", "500103C01", 1, 1L), ("50010500100199999", "500105C03", 4, 123456789012L), ("50010600100100042", "500106C02", 3, 2L) })
            hashes.Add((await connection.ExecuteScalarAsync<long>("SELECT hr_index_hash(@number, @owner, @status, @version)", new { number, owner, status, version }),
                IndexDigest.Hash(number, owner, status, version)));

        Assert.All(hashes, h => Assert.Equal(h.Domain, h.Database));
        Assert.All(hashes, h => Assert.InRange(h.Domain, 0, (1L << 60) - 1));
    }

    [Fact]
    public async Task RepairLog_AppendsTheCitysFactsToTheDistrictLog_OnceAndLogsIt()
    {
        // R-CN-2: a repair goes through the district's event log and is logged; a repeat changes nothing.
        var database = await provider.CreateAsync();
        await SchemaMigrator.MigrateAsync(database, CitySchema.Name, CitySchema.Migrations);
        await InsertCityRecordsAsync(database, 1, 2);
        var (runs, logs) = (new Reconciliation.ReconciliationLog(database), new DistrictEventLog(database));
        var repairs = new Reconciliation.IndexRepairLog(database, logs, TestSupport.TestIdentityKeys.Protector);
        var cityFacts = new IndexFacts(CityNumber(1), "500103C02", "500103", RecordStatus.Active, 1);
        var findings = new List<RecordFinding>
        {
            new("500103", CityNumber(1), FindingKind.FactsDiffer, [RecordFinding.Fields.Owner], cityFacts, cityFacts with { OwnerInstitution = "500103C03" }),
            new("500103", "50010300100199999", FindingKind.UnknownToCity, [], null, cityFacts with { RecordNumber = "50010300100199999" }),
        };
        var run = new ReconciliationRun("run-1", ReconciliationTrigger.OnDemand, "admin", At, At.AddSeconds(1),
            [new DistrictReconciliation("500103", ReconciliationOutcome.DifferencesFound, "", 5, 5, 5, [], 2)]);
        await runs.SaveAsync(run, findings, "req-1", default);
        var stored = await runs.FindingsAsync("run-1", null, null, 10, default);

        var first = new List<IndexRepair>();
        foreach (var finding in stored)
            first.Add(await repairs.RepairAsync(finding, "repair-req", "admin", "test", At, default));
        var again = await repairs.RepairAsync(stored[0], "repair-req-2", "admin", "test", At, default);

        var events = await logs.ReadAfterAsync("500103", 0, 10, default);
        Assert.Equal(2, events.Count);
        var sent = events.Select(e => (RecordIndexRepaired)e.Event).ToList();
        Assert.Equal(("500103C02", 1L), (sent[0].Entry!.OwnerInstitution, sent[0].Entry!.Version));
        Assert.Null(sent[1].Entry);
        Assert.Equal(first[0], again);
        Assert.Equal([1L, 2L], first.Select(r => r.DistrictSequence));
        Assert.All(await runs.FindingsAsync("run-1", null, null, 10, default), f => Assert.NotNull(f.RepairId));
        Assert.Equal(2, (await repairs.ListAsync("run-1", null, 10, default)).Count);
        Assert.Equal(run.Id, (await runs.FindByRequestAsync("req-1", default))!.Id);
        Assert.Equal(ReconciliationOutcome.DifferencesFound, (await runs.GetAsync("run-1", default))!.Outcome);
    }

    private static string CityNumber(int i) => $"5001030010010{i:D4}";

    private static async Task InsertCityRecordsAsync(Database database, int from, int to)
    {
        var profile = JsonSerializer.Serialize(new { name = "测试居民", sex = 1 });
        await using var connection = await database.OpenAsync();
        for (var i = from; i <= to; i++)
            await connection.ExecuteAsync($"INSERT INTO records ({CitySchema.RecordColumns}) VALUES (@n, @k, @owner, '500103', @status, 1, '500103C01', 't', 0, 0, '', '[]', @profile)",
                new { n = CityNumber(i), k = "id:" + TestIdentities.CitizenId(i), owner = Clinics[i % 3], status = i % 5 == 0 ? 3 : 1, profile });
    }

    private static async Task<List<IndexFacts>> RowsAsync(Database database, string table)
    {
        await using var connection = await database.OpenAsync();
        var rows = await connection.QueryAsync<(string, string, string, long, long)>(
            $"SELECT record_number, owner_institution, owner_district, status, version FROM {table} ORDER BY record_number");
        return rows.Select(r => new IndexFacts(r.Item1, r.Item2, r.Item3, (RecordStatus)r.Item4, r.Item5)).ToList();
    }

    private static ClinicDigest Recomputed(string clinic, IReadOnlyList<IndexFacts> rows)
    {
        var own = rows.Where(r => r.OwnerInstitution == clinic).ToList();
        return new ClinicDigest(clinic, own.Count, own.Count(r => r.Status == RecordStatus.Active),
            own.Count(r => IndexDigest.IsArchivedForCounts(r.Status)), IndexDigest.Sum(own.Select(IndexDigest.Hash)));
    }

    private static BucketDigest RecomputedBucket(DigestBucket bucket, IReadOnlyList<IndexFacts> rows)
    {
        var own = rows.Where(r => r.OwnerInstitution == bucket.InstitutionCode && r.RecordNumber.EndsWith(bucket.Suffix, StringComparison.Ordinal)).ToList();
        return new BucketDigest(bucket, own.Count, IndexDigest.Sum(own.Select(IndexDigest.Hash)));
    }
}

public sealed class SqliteIndexDigestsTests(SqliteProvider provider) : IndexDigestsContract(provider), IClassFixture<SqliteProvider>;

[Collection("postgres")]
public sealed class PostgresIndexDigestsTests(PostgresProvider provider) : IndexDigestsContract(provider);
