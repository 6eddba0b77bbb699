using HealthRecords.ClinicAgent;
using HealthRecords.Contracts.Types.V1;
using HealthRecords.Grains.Feed;
using HealthRecords.Rpc;
using HealthRecords.Storage;
using HealthRecords.Storage.City;
using HealthRecords.TestSupport;
using Domain = HealthRecords.Grains.Records;
using Transfers = HealthRecords.Grains.Transfers;

namespace HealthRecords.Integration.Tests;

/// <summary>
/// The feed across crashes and outages: a district that was down, a city killed while streaming,
/// and owner and status changes committed at the city, each reaching the districts exactly once.
/// </summary>
public sealed class FeedRecoveryTests
{
    [Fact]
    public async Task DistrictDownWhileTheCityChanges_CatchesUp_WithEveryRecordOnce_AndNoGaps()
    {
        // R-CN-2: after a restart the district resumes from its persisted position.
        // Arrange
        await using var federation = new Federation();
        await federation.StartCityAsync();
        var node = await federation.StartDistrictAsync("500103");
        using var city = TestChannel.For(federation.City.Address);
        using (var clinic = TestChannel.Clinic(node.Address, "500103C01"))
            for (var i = 0; i < 10; i++)
                await clinic.EnrollAsync(Requests.Enroll(TestIdentities.CitizenId(993_000 + i), "500103C01", "500103001001"));
        using (var district = TestChannel.For(node.Address))
            await Feeds.BothTiersAgreeAsync(city, district, "500103");

        // Act: SIGKILL the district; its clinics' enrollments go on at the city; then it restarts.
        await node.KillAsync();
        for (var i = 0; i < 40; i++)
            await Feeds.EnrollAtCityAsync(city, TestIdentities.CitizenId(993_100 + i), i % 2 == 0 ? "500103C02" : "500103C03", i % 2 == 0 ? "500103002001" : "500103003001");
        await node.StartAsync();

        // Assert
        using var restarted = TestChannel.For(node.Address);
        await Feeds.BothTiersAgreeAsync(city, restarted, "500103");
        var records = await Feeds.DistrictRecordsAsync(restarted, "500103");
        Assert.Equal(50, records.Select(r => r.RecordNumber).Distinct().Count());
        await AppliedExactlyTheCitysLogAsync(federation, restarted, "500103", 50);
    }

    [Fact]
    public async Task CityKilledWhileTheDistrictFollows_DistrictResumes_AndAppliesEveryEventOnce()
    {
        // R-CN-2. Arrange: a backlog for the district to catch up on.
        await using var federation = new Federation();
        await federation.StartCityAsync();
        var node = await federation.StartDistrictAsync("500103");
        await node.KillAsync();
        using (var city = TestChannel.For(federation.City.Address))
            await Parallel.ForEachAsync(Enumerable.Range(0, 600), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
                await Feeds.EnrollAtCityAsync(city, TestIdentities.CitizenId(994_000 + i), "500103C01", $"500103001{i % 3 + 1:D3}"));

        // Act: the district starts following (catching up or already tailing); the city is SIGKILLed and restarted.
        await node.StartAsync();
        await federation.City.KillAsync();
        await Task.Delay(500);
        await federation.City.StartAsync();
        using var clinic = TestChannel.Clinic(node.Address, "500103C02");
        for (var i = 0; i < 5; i++)
            await clinic.EnrollAsync(Requests.Enroll(TestIdentities.CitizenId(994_900 + i), "500103C02", "500103002001"));

        // Assert
        using var restartedCity = TestChannel.For(federation.City.Address);
        using var district = TestChannel.For(node.Address);
        await Feeds.BothTiersAgreeAsync(restartedCity, district, "500103");
        await AppliedExactlyTheCitysLogAsync(federation, district, "500103", 605);
    }

    [Fact]
    public async Task OwnerAndStatusChangedAtTheCity_ReachBothDistricts_AndCloseTheFormerClinicsCopy()
    {
        // R-CN-2 (both tiers, both districts), R-ST-6 (archiving reaches the district), R-TR-6 (old copy closed).
        // Arrange
        await using var federation = new Federation();
        await federation.StartCityAsync();
        var yuzhong = await federation.StartDistrictAsync("500103");
        var jiangbei = await federation.StartDistrictAsync("500105");
        using var clinic = TestChannel.Clinic(yuzhong.Address, "500103C01");
        var moving = await clinic.EnrollAsync(Requests.Enroll(TestIdentities.CitizenId(995_001), "500103C01", "500103001001"));
        var dying = await clinic.EnrollAsync(Requests.Enroll(TestIdentities.CitizenId(995_002), "500103C01", "500103001001"));
        await clinic.EnrollAsync(Requests.Enroll(TestIdentities.CitizenId(995_003), "500103C01", "500103001001"));

        // Act: commit a completed transfer to 江北 and a death at the city's store, as the transfer and
        // lifecycle decisions will, from this process on the city's file (the city's poll picks them up).
        await using (var cityDatabase = new SqliteDatabase(Path.Combine(federation.DataRoot, "city0", "city.db")))
        {
            var log = new DistrictEventLog(cityDatabase);
            var store = new SqlRecordStore(cityDatabase, log, TestIdentityKeys.Protector);
            await using (var scope = await cityDatabase.BeginWriteAsync())
            {
                var transfer = new TransferChanged(DateTimeOffset.UtcNow, Transfer(moving.RecordNumber));
                await log.AppendAllAsync(scope, [new("500103", transfer), new("500105", transfer)]);
                await scope.CommitAsync();
            }
            await ChangeAsync(store, moving.RecordNumber, s => s with { OwnerInstitution = "500105C01", OwnerDistrict = "500105" });
            await ChangeAsync(store, dying.RecordNumber, s => s with { Status = Domain.RecordStatus.Deceased });
        }

        // Assert
        using var city = TestChannel.For(federation.City.Address);
        using var yuzhongChannel = TestChannel.For(yuzhong.Address);
        using var jiangbeiChannel = TestChannel.For(jiangbei.Address);
        await Feeds.BothTiersAgreeAsync(city, yuzhongChannel, "500103");
        await Feeds.BothTiersAgreeAsync(city, jiangbeiChannel, "500105");
        var yuzhongCounts = await Feeds.DistrictCountsAsync(yuzhongChannel, "district:500103");
        var jiangbeiCounts = await Feeds.DistrictCountsAsync(jiangbeiChannel, "district:500105");
        Assert.Contains(new ManagedCount { DistrictCode = "500103", InstitutionCode = "500103C01", Managed = 1, Archived = 1 }, yuzhongCounts);
        Assert.Contains(new ManagedCount { DistrictCode = "500105", InstitutionCode = "500105C01", Managed = 1 }, jiangbeiCounts);
        var formerOwnersEvents = await Feeds.DistrictEventsAsync(yuzhongChannel, "institution:500103C01");
        var newOwnersEvents = await Feeds.DistrictEventsAsync(jiangbeiChannel, "institution:500105C01");
        Assert.Contains(formerOwnersEvents, e => e.RecordClosed?.RecordNumber == moving.RecordNumber && e.RecordClosed.NewOwnerInstitutionCode == "500105C01");
        Assert.All([formerOwnersEvents, newOwnersEvents], events => Assert.Contains(events, e =>
            e.TransferChanged is { TransferId: "t-1", State: TransferState.Completed, FromDistrictCode: "500103", ToDistrictCode: "500105" }));
        Assert.Equal([DistrictEvent.EventOneofCase.TransferChanged, DistrictEvent.EventOneofCase.RecordChanged], newOwnersEvents.Select(e => e.EventCase));
        var refused = await Assert.ThrowsAsync<RpcException>(() => clinic.UpdateContactAsync(new()
        {
            RequestId = "after-transfer", RecordNumber = moving.RecordNumber, InstitutionCode = "500103C01", UpdatedBy = "王护士", Phone = "13900000000",
        }));
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Equal("R-TR-6", refused.GetDetail<Google.Rpc.PreconditionFailure>()!.Violations[0].Type);
    }

    /// <summary>The district applied its log 1..head exactly once each, and the head is what the city holds.</summary>
    private static async Task AppliedExactlyTheCitysLogAsync(Federation federation, GrpcChannel district, string code, long expectedHead)
    {
        var head = await Feeds.CityHeadAsync(federation, code);
        var applied = await Feeds.DistrictEventsAsync(district, $"district:{code}");
        Assert.Equal(expectedHead, head);
        Assert.Equal(Enumerable.Range(1, (int)head).Select(i => (long)i), applied.Select(e => e.Sequence));
    }

    private static Transfers.Transfer Transfer(string recordNumber)
    {
        var at = DateTimeOffset.UtcNow;
        return new Transfers.Transfer("t-1", recordNumber, "500103C01", "500103", "500105C01", "500105", "500105C01", Transfers.ConsentMethod.SignedOnSite,
            Transfers.TransferReason.ChangeOfResidence, Transfers.TransferState.Completed, at.AddDays(-1), at.AddDays(6), at, "500103C01", null, CityAuthority: false);
    }

    private static async Task ChangeAsync(SqlRecordStore store, string recordNumber, Func<Domain.RecordState, Domain.RecordState> change)
    {
        var state = (await store.GetAsync(Grains.Identity.RecordNumber.Parse(recordNumber), default))!;
        var now = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()); // storage keeps milliseconds
        var next = change(state) with { Version = state.Version + 1, UpdatedAt = now };
        Assert.True(await store.TryAppendAsync(next, state.Version, [], default));
    }
}
