using Dapper;
using HealthRecords.Grains.Feed;
using HealthRecords.Grains.Identity;
using HealthRecords.Grains.Merging;
using HealthRecords.Grains.Records;
using HealthRecords.Grains.Services;
using HealthRecords.Storage.City;
using HealthRecords.TestSupport;

namespace HealthRecords.Storage.Tests;

/// <summary>The city's merge transaction (R-MG-1..3, R-ID-1, R-CN-2) and the detection at enrollment that feeds it, on SQLite and PostgreSQL alike.</summary>
public abstract class RecordMergeStoreContract(IDatabaseProvider provider)
{
    private static readonly DateTimeOffset Enrolled = new(2026, 3, 1, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 10, 0, 0, TimeSpan.FromHours(8));
    private static readonly IdentityKey Certificate = IdentityKey.FromInput(new IdentityInput(null, null, "A123456789", null));
    private static readonly IdentityKey CitizenId = IdentityKey.FromInput(new IdentityInput("110105202601010027", null, null, null));

    [Fact]
    public async Task Merge_RetiresOne_MovesItsServicesInTimeOrder_AndTellsBothDistricts()
    {
        // R-MG-1, R-MG-3, R-CN-2
        // Arrange
        var city = await NewCityAsync();
        var survivor = await EnrollAsync(city, "500103001001", "500103C01", "500103", Certificate, Enrolled);
        var away = await EnrollAsync(city, "500105001001", "500105C01", "500105", CitizenId, Enrolled.AddDays(30));
        await UploadAsync(city, ("s-1", survivor, new DateOnly(2026, 4, 1)), ("a-1", away, new DateOnly(2026, 3, 20)), ("a-2", away, new DateOnly(2026, 5, 2)));
        var write = await DecideAsync(city, survivor, away, "req-merge-1");

        // Act
        var merge = await city.Merges.TryMergeAsync(write, default);

        // Assert
        Assert.NotNull(merge);
        Assert.Equal((survivor.Number.Value, away.Number.Value, 2), (merge.SurvivorNumber, merge.MergedAwayNumber, merge.ServicesMoved));
        var retired = (await city.Records.GetAsync(away.Number, default))!;
        Assert.Equal(RecordStatus.Merged, retired.Status);
        Assert.Equal(survivor.Number.Value, retired.Lifecycle.MergedInto);
        var kept = (await city.Records.GetAsync(survivor.Number, default))!;
        Assert.Equal(CitizenId, kept.Identity); // R-ID-3: the stronger key; the retired record left its uniqueness first
        Assert.Equal(survivor.Number, (await city.Records.FindByIdentityAsync(CitizenId, default))!.Number);
        var timeline = await city.Services.ListForRecordAsync(survivor.Number.Value, null, 10, default);
        Assert.Equal(["a-1", "s-1", "a-2"], timeline.Select(s => s.UploadId)); // R-MG-3: time order
        await using var connection = await city.Database.OpenAsync();
        Assert.Equal([away.Number.Value, "", away.Number.Value], (await connection.QueryAsync<string?>(
            "SELECT merged_from_record FROM service_records ORDER BY service_date")).Select(m => m ?? ""));
        Assert.Equal("2026-05-02", await connection.ExecuteScalarAsync<string>(
            "SELECT last_service_date FROM records WHERE record_number = @n", new { n = survivor.Number.Value }));
        var stored = (await city.Merges.FindByMergedAwayAsync(away.Number.Value, default))!;
        Assert.Equal(merge, stored with { Sources = merge.Sources });
        Assert.Equal(merge.Sources, stored.Sources);
        Assert.DoesNotContain(CitizenId.IdNumber!.Value, await connection.ExecuteScalarAsync<string>("SELECT plan FROM record_merges")); // R-AC-6
        Assert.Equal(DuplicateReviewStatus.Merged, (await city.Reviews.GetAsync(write.Review.Review.Pair, default))!.Review.Status);
        Assert.Contains(await city.Logs.ReadAfterAsync("500105", 1, 10, default),
            e => e.Event is RecordIndexChanged { Entry.Status: RecordStatus.Merged } c && c.Entry.RecordNumber == away.Number.Value);
        Assert.Contains(await city.Logs.ReadAfterAsync("500103", 1, 10, default),
            e => e.Event is RecordIndexChanged c && c.Entry.RecordNumber == survivor.Number.Value && c.Entry.Version == kept.Version);
        foreach (var district in new[] { "500103", "500105" })
            Assert.Single(await city.Logs.ReadAfterAsync(district, 1, 10, default),
                e => e.Event is RecordsMerged m && m.SurvivorNumber == survivor.Number.Value && m.MergedAway.Status == RecordStatus.Merged);
    }

    [Fact]
    public async Task Merge_WithAStaleRecordVersion_ChangesNothing()
    {
        // R-MG-3: a record changed since the decision was read; the decision is made again on what it is now
        // Arrange
        var city = await NewCityAsync();
        var survivor = await EnrollAsync(city, "500103001001", "500103C01", "500103", Certificate, Enrolled);
        var away = await EnrollAsync(city, "500105001001", "500105C01", "500105", CitizenId, Enrolled.AddDays(30));
        await UploadAsync(city, ("a-1", away, new DateOnly(2026, 3, 20)));
        var write = await DecideAsync(city, survivor, away, "req-merge-1");
        var update = new ContactDetailsUpdated(Now, "500103C01", "李医生", "u-1", "13900000000", null, null);
        Assert.True(await city.Records.TryAppendAsync(survivor.Apply(update), survivor.Version, [update], default));
        var heads = (await city.Logs.HeadAsync("500103", default), await city.Logs.HeadAsync("500105", default));

        // Act
        var merge = await city.Merges.TryMergeAsync(write, default);

        // Assert
        Assert.Null(merge);
        Assert.Equal(RecordStatus.Active, (await city.Records.GetAsync(away.Number, default))!.Status);
        Assert.Single(await city.Services.ListForRecordAsync(away.Number.Value, null, 10, default));
        Assert.Null(await city.Merges.FindByPairAsync(write.Review.Review.Pair, default));
        Assert.Equal(DuplicateReviewStatus.Proposed, (await city.Reviews.GetAsync(write.Review.Review.Pair, default))!.Review.Status);
        Assert.Equal(heads, (await city.Logs.HeadAsync("500103", default), await city.Logs.HeadAsync("500105", default)));
        Assert.Equal(away.Number, (await city.Records.FindByIdentityAsync(CitizenId, default))!.Number);
    }

    [Fact]
    public async Task Merge_OfAnEarlierRecordHeldForReview_MakesItTheLiveHolderOfTheIdentity()
    {
        // R-ID-1, R-MG-1: an imported record held beside the enrolled one (same identity) is the earlier: it survives and takes the identity's uniqueness
        // Arrange
        var city = await NewCityAsync();
        var held = await EnrollAsync(city, "500103001001", "500103C01", "500103", Certificate, Enrolled);
        var live = await EnrollAsync(city, "500105001001", "500105C01", "500105", CitizenId, Enrolled.AddDays(30));
        await using (var connection = await city.Database.OpenAsync())
            await connection.ExecuteAsync("UPDATE records SET held_for_review = 1, identity_hash = @hash, identity_cipher = @cipher WHERE record_number = @n",
                new { hash = TestIdentityKeys.Protector.Hash(CitizenId), cipher = TestIdentityKeys.Protector.Encrypt(CitizenId, held.Number.Value), n = held.Number.Value });
        held = (await city.Records.GetAsync(held.Number, default))!;
        Assert.Equal(live.Number, (await city.Records.FindByIdentityAsync(CitizenId, default))!.Number); // the live one answers while the other is held
        var write = await DecideAsync(city, held, live, "req-merge-held");

        // Act
        var merge = await city.Merges.TryMergeAsync(write, default);

        // Assert
        Assert.Equal((held.Number.Value, live.Number.Value), (merge!.SurvivorNumber, merge.MergedAwayNumber));
        Assert.Equal(held.Number, (await city.Records.FindByIdentityAsync(CitizenId, default))!.Number);
        await using var check = await city.Database.OpenAsync();
        Assert.Equal(0L, await check.ExecuteScalarAsync<long>("SELECT held_for_review FROM records WHERE record_number = @n", new { n = held.Number.Value }));
        var again = await city.Records.TryInsertAsync(CommitteeCode.Parse("500105001001"), n => new ResidentEnrolled(
            Now, n.Value, CitizenId.Value, "500105C01", "500105", "王护士", "enroll-again",
            new ResidentProfile("张小宝", Sex.Female, new DateOnly(2026, 1, 1), null, null, null, null, null)), default);
        Assert.Null(again); // R-ID-1: the survivor now holds the identity's uniqueness
    }

    [Fact]
    public async Task Enrollment_ProposesTheLookAlikesOfItsBlock_InItsTransaction_AndADismissalSticks()
    {
        // R-ID-1: detection at enrollment; "not a duplicate" is not asked again
        // Arrange
        var city = await NewCityAsync();
        var first = await EnrollAsync(city, "500103001001", "500103C01", "500103", Certificate, Enrolled);
        var second = await EnrollAsync(city, "500105001001", "500105C01", "500105", CitizenId, Enrolled.AddDays(1));
        var firstPair = RecordPair.Of(first.Number.Value, second.Number.Value);
        var queued = (await city.Reviews.GetAsync(firstPair, default))!;
        await city.Reviews.TryAppendAsync(queued, DuplicateReviewDecider.Decide(queued.Review, new DismissDuplicate(firstPair, "ca-sun", "twins"), Now), default);
        var other = IdentityKey.FromInput(new IdentityInput("110105202601010035", null, null, null));

        // Act
        var third = await EnrollAsync(city, "500103001001", "500103C02", "500103", other, Enrolled.AddDays(2));

        // Assert
        Assert.Equal(("enrollment", DuplicateLikelihood.Probable), (queued.Source, queued.Review.Match.Likelihood));
        var proposed = await city.Reviews.ListAsync(null, third.Number.Value, null, long.MinValue, "", 10, default);
        Assert.Equal([RecordPair.Of(first.Number.Value, third.Number.Value), RecordPair.Of(second.Number.Value, third.Number.Value)],
            proposed.Select(q => q.Review.Pair).OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal(DuplicateReviewStatus.Dismissed, (await city.Reviews.GetAsync(firstPair, default))!.Review.Status);
    }

    private static async Task<MergeWrite> DecideAsync(City city, RecordState survivor, RecordState away, string requestId)
    {
        var pair = RecordPair.Of(survivor.Number.Value, away.Number.Value);
        var match = new DuplicateMatch(DuplicateLikelihood.Probable, MatchEvidence.Name | MatchEvidence.DateOfBirth | MatchEvidence.Sex | MatchEvidence.Phone);
        await city.Reviews.ProposeAsync([new DuplicateCandidate(pair, match)], "enrollment", Now, default); // already there from the enrollment
        var queued = (await city.Reviews.GetAsync(pair, default))!;
        var a = new MergeSide(survivor, await city.Services.ListForRecordAsync(survivor.Number.Value, null, 100, default));
        var b = new MergeSide(away, await city.Services.ListForRecordAsync(away.Number.Value, null, 100, default));
        var merge = Assert.IsType<MergeDecision.Merge>(MergeDecider.Decide(a, b, new MergeRecords(requestId, "ca-sun"), Now));
        var events = DuplicateReviewDecider.Decide(queued.Review, new ConfirmDuplicate(pair, "ca-sun"), merge, Now);
        return new MergeWrite(queued, events, merge, survivor, away, "mg-1");
    }

    private static async Task<RecordState> EnrollAsync(City city, string committee, string clinic, string district, IdentityKey identity, DateTimeOffset at) =>
        (await city.Records.TryInsertAsync(CommitteeCode.Parse(committee), n => new ResidentEnrolled(
            at, n.Value, identity.Value, clinic, district, "王护士", $"enroll-{n.Value}",
            new ResidentProfile("张小宝", Sex.Female, new DateOnly(2026, 1, 1), "13800000000", "重庆市渝中区七星岗", null, null, null)), default))!;

    private static Task UploadAsync(City city, params (string UploadId, RecordState Record, DateOnly Date)[] uploads) =>
        city.Services.SaveAsync([.. uploads.Select(u => new AcceptedService(new ServiceRecord(u.UploadId, u.Record.Number.Value,
            ServiceKind.ChildFollowUp, u.Date, u.Record.OwnerInstitution, "李医生", [], 0, new Dictionary<string, string>(), null,
            false, 0, Enrolled, u.Record.OwnerInstitution, u.Record.OwnerDistrict), u.Record.OwnerDistrict, $"fp-{u.UploadId}"))],
            [], Enrolled, default);

    private async Task<City> NewCityAsync()
    {
        var database = await provider.CreateAsync();
        await SchemaMigrator.MigrateAsync(database, CitySchema.Name, CitySchema.Migrations);
        var logs = new DistrictEventLog(database);
        var records = new SqlRecordStore(database, logs, TestIdentityKeys.Protector);
        var reviews = new DuplicateReviewStore(database);
        return new City(database, records, new ServiceRecordStore(database, logs), reviews, new RecordMergeStore(database, records, reviews, logs), logs);
    }

    private sealed record City(Database Database, SqlRecordStore Records, ServiceRecordStore Services, DuplicateReviewStore Reviews, RecordMergeStore Merges, DistrictEventLog Logs);
}

public sealed class SqliteRecordMergeStoreTests(SqliteProvider provider) : RecordMergeStoreContract(provider), IClassFixture<SqliteProvider>;

[Collection("postgres")]
public sealed class PostgresRecordMergeStoreTests(PostgresProvider provider) : RecordMergeStoreContract(provider);
