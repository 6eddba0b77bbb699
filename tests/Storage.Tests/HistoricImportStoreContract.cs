using System.Globalization;
using Dapper;
using HealthRecords.Grains.Identity;
using HealthRecords.Grains.Import;
using HealthRecords.Grains.Merging;
using HealthRecords.Grains.Records;
using HealthRecords.Grains.Topology;
using HealthRecords.Storage.City;
using HealthRecords.TestSupport;

namespace HealthRecords.Storage.Tests;

/// <summary>Historic imports (issue 8): records in, detection on the way, resumable; on SQLite and PostgreSQL alike.</summary>
public abstract class HistoricImportStoreContract(IDatabaseProvider provider)
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateOnly Today = new(2026, 12, 6);
    private static readonly DateOnly Born = new(1958, 4, 2);
    private static readonly CityTopology Topology = CityTopology.Load(RepoPaths.Topology);
    private const string Committee = "500103001001";

    [Fact]
    public async Task Import_SameIdentityAsEnrolled_IsHeldForReview()
    {
        // R-ID-1: no second live record; the imported one waits beside the enrolled one, the pair proposed as exact
        // Arrange
        var city = await NewCityAsync();
        var enrolled = await city.EnrollAsync(IdNumber(Born, Sex.Male, 1), "张伟");
        var import = await city.Imports.StartAsync("im-1", "500103", "it-zhang", Now, default);

        // Act
        var result = await city.CommitAsync(import, [Historic(1, IdNumber(Born, Sex.Male, 1), "张 伟", phone: "不详")]);

        // Assert
        var item = Assert.Single(result.Items);
        Assert.Equal(ImportItemOutcome.HeldForReview, item.Outcome);
        Assert.Equal(enrolled.Number.Value, item.RecordNumber);
        Assert.NotNull(item.HeldRecordNumber);
        Assert.Equal(new ImportCounts(0, 1, 0, 1, 0), result.Import.Counts);
        var queued = Assert.Single(await city.Reviews.ListAsync(null, null, "import:im-1", long.MinValue, "", 10, default));
        Assert.Equal(RecordPair.Of(enrolled.Number.Value, item.HeldRecordNumber!), queued.Review.Pair);
        Assert.Equal(DuplicateLikelihood.Exact, queued.Review.Match.Likelihood);
        Assert.Equal(enrolled.Number, (await city.Records.FindByIdentityAsync(enrolled.Identity, default))!.Number);
        await using var connection = await city.Database.OpenAsync();
        Assert.Equal(1L, await connection.ExecuteScalarAsync<long>("SELECT held_for_review FROM records WHERE record_number = @n", new { n = item.HeldRecordNumber }));
    }

    [Fact]
    public async Task Import_SameIdentityTwiceInOneBatch_HoldsTheSecondBesideTheFirst()
    {
        // R-ID-1
        // Arrange
        var city = await NewCityAsync();
        var import = await city.Imports.StartAsync("im-1", "500103", "it-zhang", Now, default);

        // Act
        var result = await city.CommitAsync(import, [Historic(1, IdNumber(Born, Sex.Female, 2), "李娜"), Historic(2, IdNumber(Born, Sex.Female, 2), "李娜")]);

        // Assert
        Assert.Equal([ImportItemOutcome.Imported, ImportItemOutcome.HeldForReview], result.Items.Select(i => i.Outcome));
        Assert.Equal(result.Items[0].RecordNumber, result.Items[1].RecordNumber);
        Assert.Equal(new ImportCounts(1, 1, 0, 1, 0), result.Import.Counts);
    }

    [Fact]
    public async Task Import_LookAlikeOfEnrolled_IsProposedAsProbable()
    {
        // R-ID-1: another identity key, the same name, birth date, sex and phone
        // Arrange
        var city = await NewCityAsync();
        var enrolled = await city.EnrollAsync(IdNumber(Born, Sex.Male, 3), "王强", phone: "13900001111");
        var import = await city.Imports.StartAsync("im-1", "500103", "it-zhang", Now, default);

        // Act
        var result = await city.CommitAsync(import, [
            Historic(1, null, "王强", phone: "139 0000 1111", certificate: "B100000001"),
            Historic(2, IdNumber(Born, Sex.Male, 4), "王强", phone: "13900002222", address: "重庆市渝中区别处1号")]); // a namesake

        // Assert
        Assert.All(result.Items, i => Assert.Equal(ImportItemOutcome.Imported, i.Outcome));
        Assert.Equal(new ImportCounts(2, 0, 0, 0, 1), result.Import.Counts);
        var queued = Assert.Single(await city.Reviews.ListAsync(null, null, "import:im-1", long.MinValue, "", 10, default));
        Assert.Equal(RecordPair.Of(enrolled.Number.Value, result.Items[0].RecordNumber!), queued.Review.Pair);
        Assert.Equal(DuplicateLikelihood.Probable, queued.Review.Match.Likelihood);
    }

    [Fact]
    public async Task Import_DismissedPair_IsNotProposedAgain()
    {
        // R-ID-1: "not a duplicate" sticks, also for a pair an import finds
        // Arrange
        var city = await NewCityAsync();
        var enrolled = await city.EnrollAsync(IdNumber(Born, Sex.Male, 5), "赵军", phone: "13900003333");
        var next = RecordNumber.Create(CommitteeCode.Parse(Committee), 2).Value; // R-ID-4: the import's record takes the next serial
        var pair = RecordPair.Of(enrolled.Number.Value, next);
        var probable = new DuplicateMatch(DuplicateLikelihood.Probable, MatchEvidence.Name | MatchEvidence.DateOfBirth | MatchEvidence.Sex | MatchEvidence.Phone);
        await city.Reviews.ProposeAsync([new(pair, probable)], "scan", Now.AddDays(-1), default);
        var queued = (await city.Reviews.GetAsync(pair, default))!;
        await using (var scope = await city.Database.BeginWriteAsync())
        {
            Assert.True(await city.Reviews.TryAppendAsync(scope, queued, DuplicateReviewDecider.Decide(queued.Review, new DismissDuplicate(pair, "ca-sun", "twins"), Now.AddHours(-1)), default));
            await scope.CommitAsync();
        }
        var import = await city.Imports.StartAsync("im-1", "500103", "it-zhang", Now, default);

        // Act
        var result = await city.CommitAsync(import, [Historic(1, null, "赵军", phone: "13900003333", certificate: "B100000002")]);

        // Assert
        Assert.Equal(next, Assert.Single(result.Items).RecordNumber);
        Assert.Equal(new ImportCounts(1, 0, 0, 0, 0), result.Import.Counts);
        Assert.Empty(await city.Reviews.ListAsync(null, null, "import:im-1", long.MinValue, "", 10, default));
        Assert.Equal(DuplicateReviewStatus.Dismissed, (await city.Reviews.GetAsync(pair, default))!.Review.Status);
    }

    [Fact]
    public async Task Import_Resumed_AnswersCommittedItemsAsBefore_AndImportsNothingTwice()
    {
        // A reconnecting client resends from the last committed sequence; nothing is imported twice
        // Arrange
        var city = await NewCityAsync();
        var import = await city.Imports.StartAsync("im-1", "500103", "it-zhang", Now, default);
        var records = Enumerable.Range(1, 5).Select(i => Historic(i, IdNumber(Born.AddDays(i), Sex.Female, i), "陈静" + i)).ToList();
        var first = await city.CommitAsync(import, records[..3]);

        // Act
        var resumed = await city.Imports.StartAsync("im-1", "500103", "it-zhang", Now.AddMinutes(5), default);
        var second = await city.CommitAsync(resumed, records[1..]);

        // Assert
        Assert.Equal(3, resumed.LastSequence);
        Assert.Equal(first.Items.Skip(1), second.Items.Take(2));
        Assert.Equal(5, second.Import.LastSequence);
        Assert.Equal(new ImportCounts(5, 0, 0, 0, 0), second.Import.Counts);
        await using var connection = await city.Database.OpenAsync();
        Assert.Equal(5L, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM records"));
        Assert.Equal(5L, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM record_events"));
        // R-CN-2: the district's log learns of each imported record once
        Assert.Equal(5, (await city.Logs.ReadAfterAsync("500103", 0, 100, default)).Count);
    }

    [Fact]
    public async Task Import_InvalidRecord_IsRejectedNamingTheField_AndTheRestOfTheBatchEnters()
    {
        // R-ID-2: field-level errors, per record
        // Arrange
        var city = await NewCityAsync();
        var import = await city.Imports.StartAsync("im-1", "500103", "it-zhang", Now, default);
        var badCheckDigit = IdNumber(Born, Sex.Male, 6)[..17] + (IdNumber(Born, Sex.Male, 6)[17] == '0' ? "1" : "0");

        // Act
        var result = await city.CommitAsync(import, [
            Historic(1, badCheckDigit, "孙磊"),
            Historic(2, IdNumber(Born, Sex.Male, 7), "孙磊") with { EnrolledOn = null },
            Historic(3, IdNumber(Born, Sex.Male, 8), "孙磊") with { InstitutionCode = "500105C01" }, // another district's clinic
            Historic(4, IdNumber(Born, Sex.Male, 9), "孙杰")]);
        var resent = await city.CommitAsync(result.Import, [Historic(1, badCheckDigit, "孙磊")]);

        // Assert
        Assert.Equal(new string?[] { IdentityFieldPaths.CitizenIdNumber, "enrolled_on", "enrolling_institution_code", null }, result.Items.Select(i => i.Field));
        Assert.Equal([ImportItemOutcome.Rejected, ImportItemOutcome.Rejected, ImportItemOutcome.Rejected, ImportItemOutcome.Imported], result.Items.Select(i => i.Outcome));
        Assert.Equal(new ImportCounts(1, 0, 3, 0, 0), resent.Import.Counts);
        Assert.Equal(result.Items[0], Assert.Single(resent.Items));
    }

    [Fact]
    public async Task Import_KeepsTheOriginalEnrollmentDate()
    {
        // R-MG-1 keeps the earliest enrollment date, so the imported record carries the historic one
        // Arrange
        var city = await NewCityAsync();
        var import = await city.Imports.StartAsync("im-1", "500103", "it-zhang", Now, default);

        // Act
        var result = await city.CommitAsync(import, [Historic(1, IdNumber(Born, Sex.Female, 10), "刘芳")]);

        // Assert
        var record = (await city.Records.GetAsync(RecordNumber.Parse(result.Items[0].RecordNumber!), default))!;
        Assert.Equal(new DateTimeOffset(2012, 3, 1, 0, 0, 0, TimeSpan.FromHours(8)), record.EnrolledAt);
        Assert.Equal("import:im-1:1", record.EnrollRequestId);
    }

    [Fact]
    public async Task Start_WithAnotherDistrictsImportId_IsRefused()
    {
        // Arrange
        var city = await NewCityAsync();
        await city.Imports.StartAsync("im-1", "500103", "it-zhang", Now, default);

        // Act
        var refused = await Assert.ThrowsAsync<Grains.Validation.DomainValidationException>(() => city.Imports.StartAsync("im-1", "500105", "it-li", Now, default));

        // Assert
        Assert.Equal("import_id", refused.Violations[0].Field);
    }

    private static HistoricRecordInput Historic(long sequence, string? idNumber, string name, string? phone = "13800001234",
        string? address = "重庆市渝中区七星岗街道1号", string? certificate = null) =>
        new(sequence, $"H-{sequence}", "500103C01", "王护士", Committee, new DateOnly(2012, 3, 1),
            new IdentityInput(idNumber, null, certificate, null),
            // A birth certificate encodes neither birth date nor sex; the record states them.
            new ResidentProfile(name, idNumber is null ? Sex.Male : Sex.Unspecified, idNumber is null ? Born : null, phone, address, null, null, null));

    private static string IdNumber(DateOnly born, Sex sex, int serial)
    {
        var sequence = (serial * 2) + (sex == Sex.Male ? 1 : 0);
        var first17 = "500103" + born.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + sequence.ToString("D3", CultureInfo.InvariantCulture);
        return first17 + CitizenIdNumber.ComputeCheckCharacter(first17);
    }

    private async Task<City> NewCityAsync()
    {
        var database = await provider.CreateAsync();
        await SchemaMigrator.MigrateAsync(database, CitySchema.Name, CitySchema.Migrations);
        var logs = new DistrictEventLog(database);
        var reviews = new DuplicateReviewStore(database);
        var imports = new HistoricImportStore(database, new ImportBatchWriter(database, logs, reviews, TestIdentityKeys.Protector));
        return new City(database, new SqlRecordStore(database, logs, TestIdentityKeys.Protector), imports, reviews, logs);
    }

    private sealed record City(Database Database, SqlRecordStore Records, HistoricImportStore Imports, DuplicateReviewStore Reviews, DistrictEventLog Logs)
    {
        public async Task<RecordState> EnrollAsync(string idNumber, string name, string phone = "13800001234") =>
            (await Records.TryInsertAsync(CommitteeCode.Parse(Committee), n => new ResidentEnrolled(Now.AddYears(-1), n.Value,
                IdentityKey.FromInput(new IdentityInput(idNumber, null, null, null)).Value, "500103C01", "500103", "王护士", "req-" + name,
                new ResidentProfile(name, Sex.Unspecified, null, phone, "重庆市渝中区七星岗街道1号", null, null, null)), default))!;

        public Task<ImportBatchResult> CommitAsync(HistoricImport import, IReadOnlyList<HistoricRecordInput> batch)
        {
            var (valid, rejected) = HistoricImportDecider.Validate(import, batch, Topology, Today);
            return Imports.CommitBatchAsync(import.ImportId, valid, rejected, Now, default);
        }
    }
}

public sealed class SqliteHistoricImportStoreTests(SqliteProvider provider) : HistoricImportStoreContract(provider), IClassFixture<SqliteProvider>;

[Collection("postgres")]
public sealed class PostgresHistoricImportStoreTests(PostgresProvider provider) : HistoricImportStoreContract(provider);
