using HealthRecords.Contracts.Types.V1;
using HealthRecords.Rpc;
using HealthRecords.TestSupport;
using City = HealthRecords.Contracts.City.V1;

namespace HealthRecords.Integration.Tests;

/// <summary>
/// Status changes on real processes (R-ST-1..7), with the federation's clock moved a year on for
/// lost-to-follow-up; this class has its own federation.
/// </summary>
public sealed class RecordLifecycleTests(FederationFixture fixture) : IClassFixture<FederationFixture>
{
    private static int _next;
    private Federation Federation => fixture.Federation;

    private DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.Add(Federation.ClockOffset).AddHours(8));

    private async Task<MasterIndexEntry> EnrollAsync(GrpcChannel city, string institution = "500106C01", string committee = "500106001001") =>
        await Feeds.EnrollAtCityAsync(city, TestIdentities.CitizenId(730_000 + Interlocked.Increment(ref _next)), institution, committee);

    private static ServiceClient Lifecycle(GrpcChannel city, string district = "500106") => CityTransfers.Lifecycle(city, district);

    [Fact]
    public async Task LostToFollowUp_IsProposedAfterAYearWithoutService_ConfirmedByAPerson_ThenTransfersOnTheCitysAuthority_AndAServiceReactivatesIt()
    {
        // R-ST-2 (proposed, confirmed by a person), R-ST-1 (archived, not managed), R-TR-4 (moves on the
        // city's authority), R-ST-5 (served again → active), R-ST-7 (history with dates and reasons).
        // Arrange
        using var city = TestChannel.For(Federation.City.Address);
        var record = await EnrollAsync(city);
        var notYet = await Lifecycle(city).UnaryAsync<City.ListLostToFollowUpCandidatesRequest, City.ListLostToFollowUpCandidatesResponse>(
            "ListLostToFollowUpCandidates", new() { InstitutionCode = "500106C01", PageSize = 1000 });
        var tooEarly = await Assert.ThrowsAsync<RpcException>(() => MarkLostAsync(city, record.RecordNumber));
        Federation.AdvanceClock(TimeSpan.FromDays(367));

        // Act
        var candidates = await Lifecycle(city).UnaryAsync<City.ListLostToFollowUpCandidatesRequest, City.ListLostToFollowUpCandidatesResponse>(
            "ListLostToFollowUpCandidates", new() { InstitutionCode = "500106C01", PageSize = 1000 });
        var lost = await MarkLostAsync(city, record.RecordNumber);
        var contactEdit = await Assert.ThrowsAsync<RpcException>(() => Feeds.CityService(city, "500106", City.MasterIndexReflection.Descriptor, "MasterIndexService")
            .UnaryAsync<City.UpdateContactDetailsRequest, MasterIndexEntry>("UpdateContactDetails", new()
            {
                RequestId = "c1", RecordNumber = record.RecordNumber, InstitutionCode = "500106C01", UpdatedBy = "x", Phone = "13900000000",
            }));
        var moved = await CityTransfers.RequestAsync(city, record.RecordNumber, to: "500103C02", requestedBy: "500103C02");
        using (var clinic = TestChannel.Clinic(Federation.Districts["500103"].Address, "500103C02"))
        using (var queue = Uploads.NewQueue())
        {
            queue.Enqueue([Uploads.Service("lc-visit-1", record.RecordNumber, "500103C02", Today)]);
            await Uploads.SyncAsync(clinic, queue);
        }
        var reactivated = await EventuallyActiveAsync(city, record.RecordNumber, "500103");
        var history = await Lifecycle(city, "500103").UnaryAsync<City.ListRecordHistoryRequest, City.ListRecordHistoryResponse>(
            "ListRecordHistory", new() { RecordNumber = record.RecordNumber });

        // Assert
        Assert.DoesNotContain(notYet.Candidates, c => c.Entry.RecordNumber == record.RecordNumber);
        Assert.Equal("R-ST-2", CityTransfers.Rule(tooEarly));
        Assert.Contains(candidates.Candidates, c => c.Entry.RecordNumber == record.RecordNumber);
        Assert.Equal(RecordStatus.LostToFollowUp, lost.Status);
        Assert.Equal("三次电话未接通，住址无人", lost.StatusReason);
        Assert.NotNull(lost.StatusChangedAt);
        Assert.Equal("R-ST-1", CityTransfers.Rule(contactEdit));
        Assert.Equal(TransferState.Completed, moved.State);
        Assert.True(moved.CityAuthority);
        Assert.Equal("500103C02", reactivated.OwningInstitutionCode);
        Assert.Equal(["enrolled", "marked_lost_to_follow_up", "transfer_requested", "transfer_completed", "reactivated"],
            history.Entries.Select(h => h.Change));
        Assert.Equal(RecordStatus.LostToFollowUp, history.Entries[1].Status);
        Assert.Equal("500103C02", history.Entries[^1].InstitutionCode);
        using var district = TestChannel.For(Federation.Districts["500103"].Address);
        await Feeds.BothTiersAgreeAsync(city, district, "500103");
    }

    [Fact]
    public async Task Death_ArchivesTheRecord_AtBothTiers_AndItNeverReactivates()
    {
        // R-ST-3, R-ST-1 (archived: not managed), R-CN-2.
        // Arrange
        using var city = TestChannel.For(Federation.City.Address);
        var record = await EnrollAsync(city, "500106C02", "500106101001");
        var before = (await Feeds.CityCountsAsync(city, "500106")).Single(c => c.InstitutionCode == "500106C02");

        // Act
        var deceased = await CityTransfers.DeathAsync(city, record.RecordNumber, "500106C02", Today.AddDays(-3), Today.AddDays(-1));
        var reactivate = await Assert.ThrowsAsync<RpcException>(() => Lifecycle(city).UnaryAsync<City.ReactivateRecordRequest, MasterIndexEntry>(
            "ReactivateRecord", new() { RequestId = "r1", RecordNumber = record.RecordNumber, InstitutionCode = "500106C02", Cause = "复诊" }));

        // Assert
        Assert.Equal(RecordStatus.Deceased, deceased.Status);
        Assert.Equal(CityTransfers.Date(Today.AddDays(-3)), deceased.DateOfDeath);
        Assert.DoesNotContain("心肌梗死", deceased.ToString()); // the cause of death is not index data
        Assert.Equal("R-ST-3", CityTransfers.Rule(reactivate));
        var after = (await Feeds.CityCountsAsync(city, "500106")).Single(c => c.InstitutionCode == "500106C02");
        Assert.Equal((before.Managed - 1, before.Archived + 1), (after.Managed, after.Archived));
        using var district = TestChannel.For(Federation.Districts["500106"].Address);
        await Feeds.BothTiersAgreeAsync(city, district, "500106");
    }

    [Fact]
    public async Task StatusChange_ByAClinicThatIsNotTheOwner_IsRefused()
    {
        // R-ST-6: the owning clinic files its records' status changes.
        using var city = TestChannel.For(Federation.City.Address);
        var record = await EnrollAsync(city);

        var e = await Assert.ThrowsAsync<RpcException>(() => CityTransfers.DeathAsync(city, record.RecordNumber, "500106C03", Today.AddDays(-1), Today));

        Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode);
        Assert.Equal("R-ST-3", CityTransfers.Rule(e)); // the death rule names the owner requirement
    }

    [Fact]
    public async Task MoveOut_NeedsMoreThanAYearAway_AndADestination()
    {
        // R-ST-4.
        using var city = TestChannel.For(Federation.City.Address);
        var record = await EnrollAsync(city);
        City.RecordMoveOutRequest Request(DateOnly leftOn) => new()
        {
            RequestId = Guid.NewGuid().ToString("N"), RecordNumber = record.RecordNumber, InstitutionCode = "500106C01", RecordedBy = "李医生",
            LeftOn = CityTransfers.Date(leftOn), Destination = "四川省成都市", Handover = "纸质档案交居民本人",
        };

        var recent = await Assert.ThrowsAsync<RpcException>(() => Lifecycle(city).UnaryAsync<City.RecordMoveOutRequest, MasterIndexEntry>("RecordMoveOut", Request(Today.AddMonths(-6))));
        var movedOut = await Lifecycle(city).UnaryAsync<City.RecordMoveOutRequest, MasterIndexEntry>("RecordMoveOut", Request(Today.AddMonths(-14)));

        Assert.Equal("R-ST-4", CityTransfers.Rule(recent));
        Assert.Equal(RecordStatus.MovedOut, movedOut.Status);
        Assert.Equal("四川省成都市", movedOut.Destination);
    }

    [Fact]
    public async Task YearWorkload_CountsServicesOfResidentsWhoDiedSince()
    {
        // R-CN-3: a deceased resident's services of the year stay in the clinic's workload.
        // Arrange
        using var city = TestChannel.For(Federation.City.Address);
        var record = await EnrollAsync(city, "500106C03", "500106101201");
        var serviceDay = Today.AddDays(-2);
        using (var clinic = TestChannel.Clinic(Federation.Districts["500106"].Address, "500106C03"))
        using (var queue = Uploads.NewQueue())
        {
            queue.Enqueue([Uploads.Service($"wl-{record.RecordNumber}", record.RecordNumber, "500106C03", serviceDay)]);
            await Uploads.SyncAsync(clinic, queue);
        }
        await Uploads.EventuallyAsync(async () => (await WorkloadAsync(city, serviceDay.Year)).Services >= 1, Feeds.Timeout, "the service at the city");
        var before = await WorkloadAsync(city, serviceDay.Year);

        // Act
        await CityTransfers.DeathAsync(city, record.RecordNumber, "500106C03", Today.AddDays(-1), Today);
        var after = await WorkloadAsync(city, serviceDay.Year);

        // Assert
        Assert.Equal(before.Services, after.Services);
        Assert.Equal(before.ServicesToDeceased + 1, after.ServicesToDeceased);
    }

    private static async Task<YearWorkload> WorkloadAsync(GrpcChannel city, int year)
    {
        var page = await Feeds.CityService(city, "500106", City.CountsReflection.Descriptor, "CountService")
            .UnaryAsync<City.ListYearWorkloadsRequest, City.ListYearWorkloadsResponse>("ListYearWorkloads", new() { Year = year, DistrictCode = "500106", PageSize = 100 });
        return page.Workloads.Single(w => w.InstitutionCode == "500106C03");
    }

    private static Task<MasterIndexEntry> MarkLostAsync(GrpcChannel city, string recordNumber) =>
        Lifecycle(city).UnaryAsync<City.MarkLostToFollowUpRequest, MasterIndexEntry>("MarkLostToFollowUp", new()
        {
            RequestId = Guid.NewGuid().ToString("N"), RecordNumber = recordNumber, InstitutionCode = "500106C01",
            ConfirmedBy = "赵主任", Reason = "三次电话未接通，住址无人",
        });

    private static async Task<MasterIndexEntry> EventuallyActiveAsync(GrpcChannel city, string recordNumber, string district)
    {
        MasterIndexEntry? entry = null;
        await Uploads.EventuallyAsync(async () =>
        {
            entry = (await Feeds.CityRecordsAsync(city, district)).SingleOrDefault(e => e.RecordNumber == recordNumber);
            return entry?.Status == RecordStatus.Active;
        }, Feeds.Timeout, $"record {recordNumber} active again");
        return entry!;
    }
}
