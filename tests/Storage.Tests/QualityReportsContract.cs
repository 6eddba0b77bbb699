using System.Text.Json;
using Dapper;
using HealthRecords.Grains.Identity;
using HealthRecords.Grains.Policy;
using HealthRecords.Grains.Quality;
using HealthRecords.Grains.Records;
using HealthRecords.Grains.Services;
using HealthRecords.Storage.City;
using HealthRecords.TestSupport;

namespace HealthRecords.Storage.Tests;

/// <summary>
/// R-CN-4 reports and findings over a small city with one planted fault per record, run against SQLite
/// and PostgreSQL alike (the subclasses at the bottom choose the database).
/// </summary>
public abstract class QualityReportsContract(IDatabaseProvider provider)
{
    private const string Yuzhong = "500103";
    private const string Dadukou = "500104";
    private const string C01 = "500103C01";
    private const string C02 = "500103C02";
    private const string D01 = "500104C01";
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateOnly Today = new(2026, 11, 21);
    private int _nextIdentity;

    [Fact]
    public async Task Report_CountsEachPlantedFault_PerClinicDistrictAndCity_AndKeepsItAsTheLast()
    {
        // R-CN-4, R-MG-3 (the merged record counts nowhere), R-RC-4 (late uploads against the serving clinic)
        var city = await PlantAsync();

        var report = await city.Reports().ComputeAsync(QualityScope.City, default);

        var c01 = Clinic(report, C01);
        Assert.Equal(6, c01.RecordsOwned); // the merged record is retired
        Assert.Equal(1, c01.Count(QualityFindingKind.MissingField));
        Assert.Equal(2, c01.Count(QualityFindingKind.LogicError)); // service before birth; ID number's birth date
        Assert.Equal(1, c01.Count(QualityFindingKind.Stale));
        Assert.Equal(1, c01.Count(QualityFindingKind.OpenDuplicate)); // the dismissed pair does not count
        Assert.Equal(0, c01.Count(QualityFindingKind.LateUpload)); // its late upload was on the merged record
        Assert.Equal(37.5m, c01.Score); // penalty 0.25 + 1 + 1 + 0.5 + 1 over 6
        var c02 = Clinic(report, C02);
        Assert.Equal(2, c02.RecordsOwned);
        Assert.Equal(1, c02.Count(QualityFindingKind.LogicError)); // service after death
        Assert.Equal(1, c02.Count(QualityFindingKind.LateUpload)); // on a record of Dadukou
        Assert.Equal(45.0m, c02.Score);
        var d01 = Clinic(report, D01);
        Assert.Equal(2, d01.RecordsOwned);
        Assert.Equal(0, d01.Count(QualityFindingKind.LateUpload));
        Assert.Equal(50.0m, d01.Score);
        Assert.Equal(39.4m, report.Districts.Single(d => d.DistrictCode == Yuzhong).Figures.Score); // 4.85 over 8
        Assert.Equal(10, report.Total.RecordsOwned);
        Assert.Equal(41.5m, report.Total.Score); // 5.85 over 10
        Assert.Equal(2, report.Total.Count(QualityFindingKind.OpenDuplicate));
        var kept = await city.Store.LastAsync(QualityScope.City, default);
        Assert.Equal(report.Total.Findings, kept!.Total.Findings);
        Assert.Equal(report.Clinics.Select(c => (c.InstitutionCode, c.Figures.Score)), kept.Clinics.Select(c => (c.InstitutionCode, c.Figures.Score)));
        Assert.Equal(Now, kept.ComputedAt);
    }

    [Fact]
    public async Task Report_OfAClinic_HoldsItsLateUploadOnAnotherDistrictsRecord()
    {
        // R-CN-4, R-RC-4: the serving clinic answers for the late upload; the owner's figures are its own
        var city = await PlantAsync();

        var report = await city.Reports().ComputeAsync(QualityScope.Clinic(Yuzhong, C02), default);

        var c02 = Assert.Single(report.Clinics);
        Assert.Equal(C02, c02.InstitutionCode);
        Assert.Equal(2, c02.Figures.RecordsOwned);
        Assert.Equal(1, c02.Figures.Count(QualityFindingKind.LateUpload));
        Assert.Equal(45.0m, report.Total.Score);
        Assert.Null(await city.Store.LastAsync(QualityScope.City, default));
    }

    [Fact]
    public async Task Findings_PagedAcrossPages_ReturnEveryFindingOnce_InKeyOrder()
    {
        // R-CN-4: 8 findings in pages of 3, 3 and 2, as a caller walks them
        var city = await PlantAsync();

        var walked = new List<QualityFinding>();
        QualityFindingKey? after = null;
        for (var page = 0; page < 10; page++)
        {
            var items = await city.Reports().ListFindingsAsync(QualityScope.City, null, after, 3, default);
            walked.AddRange(items);
            if (items.Count < 3)
                break;
            after = QualityFindingKey.Of(items[^1]);
        }

        var all = await city.Reports().ListFindingsAsync(QualityScope.City, null, null, 100, default);
        Assert.Equal(8, all.Count);
        Assert.Equal(all, walked);
        Assert.Equal(all.Count, all.Select(QualityFindingKey.Of).Distinct().Count());
        Assert.Equal(all.Select(QualityFindingKey.Of).Order(), all.Select(QualityFindingKey.Of));
        Assert.DoesNotContain(all, f => f.RecordNumber == city.Merged);
    }

    [Fact]
    public async Task Findings_FilteredByKindAndScope()
    {
        // R-CN-4: open duplicates are the two records of the proposed pair; a district's listing holds
        // its clinic's late upload on another district's record and not that district's own findings
        var city = await PlantAsync();

        var duplicates = await city.Reports().ListFindingsAsync(QualityScope.City, QualityFindingKind.OpenDuplicate, null, 100, default);
        var yuzhong = await city.Reports().ListFindingsAsync(QualityScope.District(Yuzhong), null, null, 100, default);

        Assert.Equal([city.DuplicateFirst, city.DuplicateSecond], duplicates.Select(f => f.RecordNumber));
        Assert.Equal(7, yuzhong.Count);
        Assert.Contains(yuzhong, f => f.Kind == QualityFindingKind.LateUpload && f.RecordNumber == city.LateUploaded && f.InstitutionCode == C02);
        Assert.DoesNotContain(yuzhong, f => f.InstitutionCode == D01);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData(Yuzhong, null)]
    [InlineData(Yuzhong, C02)]
    [InlineData(Dadukou, D01)]
    public async Task ReportAndFindings_AreTheSame_WhateverTheRecordsPerPage(string? district, string? clinic)
    {
        // R-CN-4: streaming two records at a time (owned and served-late records interleaved across pages)
        // gives what one page gives
        var city = await PlantAsync();
        var scope = new QualityScope(district, clinic);
        var twoAtATime = city.Reports(2);

        var whole = await city.Reports().ComputeAsync(scope, default);
        var paged = await twoAtATime.ComputeAsync(scope, default);

        Assert.Equal(whole.Clinics.Select(c => (c.InstitutionCode, c.Figures.RecordsOwned, c.Figures.Score)),
            paged.Clinics.Select(c => (c.InstitutionCode, c.Figures.RecordsOwned, c.Figures.Score)));
        Assert.Equal(whole.Total.Findings, paged.Total.Findings);
        Assert.Equal(await city.Reports().ListFindingsAsync(scope, null, null, 100, default), await twoAtATime.ListFindingsAsync(scope, null, null, 100, default));
    }

    [Fact]
    public void FindingKey_ReadsBackWhatItWrote_AndRefusesOtherText()
    {
        // R-CN-4: the listing's page token carries this key
        var key = new QualityFindingKey("50010300100100001", QualityFindingKind.LogicError, "up-1", "service on 1939-12-31 before | the date");

        Assert.Equal(key, QualityFindingKey.Parse(key.ToString()));
        Assert.Null(QualityFindingKey.Parse("50010300100100001"));
        Assert.Null(QualityFindingKey.Parse(string.Join('\u001f', "5001", "9", "f", "d")));
    }

    private static QualityFigures Clinic(QualityReport report, string code) => report.Clinics.Single(c => c.InstitutionCode == code).Figures;

    // Yuzhong C01: good, missing phone, service before birth, ID birth date contradicted, stale, open duplicate (first),
    //              dismissed pair with the good one, merged (with a missing phone and a late upload: nothing counts);
    // Yuzhong C02: service after death, good; C02 also uploaded late to a Dadukou record.
    // Dadukou D01: that record, open duplicate (second).
    private async Task<PlantedCity> PlantAsync()
    {
        var database = await provider.CreateAsync();
        await SchemaMigrator.MigrateAsync(database, CitySchema.Name, CitySchema.Migrations);
        var records = new SqlRecordStore(database, new DistrictEventLog(database), TestIdentityKeys.Protector);
        var services = new ServiceRecordStore(database, new DistrictEventLog(database));
        var recent = Now.AddMonths(-1);

        var good = await EnrollAsync(records, C01, recent);
        var missingPhone = await EnrollAsync(records, C01, recent, p => p with { Phone = null });
        var bornLater = await EnrollAsync(records, C01, recent);
        var idContradicted = await EnrollAsync(records, C01, recent, p => p with { DateOfBirth = p.DateOfBirth!.Value.AddDays(1) });
        var stale = await EnrollAsync(records, C01, Now.AddMonths(-13));
        var duplicateFirst = await EnrollAsync(records, C01, recent);
        var merged = await EnrollAsync(records, C01, recent, p => p with { Phone = null });
        var died = await EnrollAsync(records, C02, recent);
        await EnrollAsync(records, C02, recent);
        var lateUploaded = await EnrollAsync(records, D01, recent);
        var duplicateSecond = await EnrollAsync(records, D01, recent);

        var born = (await records.GetAsync(RecordNumber.Parse(bornLater), default))!.Profile.DateOfBirth!.Value;
        await services.SaveAsync(
        [
            Service("s-good", good, C01, Today.AddDays(-3)),
            Service("s-before-birth", bornLater, C01, born.AddDays(-1)),
            Service("s-after-death", died, C02, Today.AddDays(-5)),
            Service("s-late", lateUploaded, C02, Today.AddDays(-40), late: true),
            Service("s-merged-late", merged, C01, Today.AddDays(-40), late: true),
        ], [], Now, default);
        await using (var connection = await database.OpenAsync())
        {
            var deceased = JsonSerializer.Serialize(RecordLifecycle.Initial with { DateOfDeath = Today.AddDays(-10) }, new JsonSerializerOptions(JsonSerializerDefaults.Web));
            await connection.ExecuteAsync("UPDATE records SET status = @status, lifecycle = @deceased WHERE record_number = @died",
                new { status = (int)RecordStatus.Deceased, deceased, died });
            await connection.ExecuteAsync("UPDATE records SET status = @status WHERE record_number = @merged", new { status = (int)RecordStatus.Merged, merged });
            await InsertPairAsync(connection, duplicateFirst, duplicateSecond, status: 1);
            await InsertPairAsync(connection, good, missingPhone, status: 3);
        }
        var store = new QualityReportStore(database);
        return new PlantedCity(perPage => new QualityReports(database, TestIdentityKeys.Protector, PolicyProfiles.Chongqing, store, new SetClock(Now), perPage),
            store, merged, duplicateFirst, duplicateSecond, lateUploaded);
    }

    private async Task<string> EnrollAsync(SqlRecordStore records, string clinic, DateTimeOffset at, Func<ResidentProfile, ResidentProfile>? fault = null)
    {
        var district = clinic[..6];
        var identity = IdentityKey.FromInput(new IdentityInput(TestIdentities.CitizenId(Interlocked.Increment(ref _nextIdentity) * 1000, district), null, null, null));
        var profile = new ResidentProfile("张伟", identity.Sex, identity.BirthDate, "13800000000", "重庆市某路1号", "重庆市某路1号", null, "李医生");
        var record = await records.TryInsertAsync(CommitteeCode.Parse($"{district}001001"), n => new ResidentEnrolled(
            at, n.Value, identity.Value, clinic, district, "王护士", $"r-{_nextIdentity}", fault?.Invoke(profile) ?? profile), default);
        return record!.Number.Value;
    }

    private static AcceptedService Service(string uploadId, string recordNumber, string clinic, DateOnly date, bool late = false) => new(
        new ServiceRecord(uploadId, recordNumber, ServiceKind.Consultation, date, clinic, "李医生", [], 0, new Dictionary<string, string>(), null,
            late, Today.DayNumber - date.DayNumber, Now), clinic[..6], $"fp-{uploadId}");

    private static Task InsertPairAsync(System.Data.Common.DbConnection connection, string first, string second, int status) =>
        connection.ExecuteAsync("""
            INSERT INTO duplicate_reviews (pair_key, first_number, second_number, status, likelihood, evidence, source, proposed_at_ms, version)
            VALUES (@key, @first, @second, @status, 90, 1, 'test', @at, 1)
            """, new { key = $"{first}:{second}", first, second, status, at = Now.AddDays(-2).ToUnixTimeMilliseconds() });

    private sealed record PlantedCity(Func<int, QualityReports> ReportsOf, QualityReportStore Store, string Merged, string DuplicateFirst, string DuplicateSecond, string LateUploaded)
    {
        public QualityReports Reports(int recordsPerPage = QualityReports.RecordsPerPage) => ReportsOf(recordsPerPage);
    }
}

public sealed class SqliteQualityReportsTests(SqliteProvider provider) : QualityReportsContract(provider), IClassFixture<SqliteProvider>;

[Collection("postgres")]
public sealed class PostgresQualityReportsTests(PostgresProvider provider) : QualityReportsContract(provider);
