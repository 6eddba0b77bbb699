using HealthRecords.Contracts.Types.V1;
using HealthRecords.Rpc;
using HealthRecords.TestSupport;
using City = HealthRecords.Contracts.City.V1;

namespace HealthRecords.Integration.Tests;

/// <summary>
/// Transfers through the city on real processes (R-TR-1..5). The federation's clock is moved
/// forward by tests here (deadlines, the protection period), so this class has its own federation.
/// </summary>
public sealed class TransferTests(FederationFixture fixture) : IClassFixture<FederationFixture>
{
    private static int _next;
    private Federation Federation => fixture.Federation;

    private async Task<MasterIndexEntry> EnrollAsync(GrpcChannel city, string institution = "500103C01", string committee = "500103001001") =>
        await Feeds.EnrollAtCityAsync(city, TestIdentities.CitizenId(710_000 + Interlocked.Increment(ref _next)), institution, committee);

    [Fact]
    public async Task CrossDistrictTransfer_ConfirmedByTheOwner_MovesTheRecord_AndBothDistrictsFollow()
    {
        // R-TR-3: the prospective clinic asks, the owner confirms, the city changes the owner; R-CN-2.
        // Arrange
        using var city = TestChannel.For(Federation.City.Address);
        var record = await EnrollAsync(city);

        // Act
        var requested = await CityTransfers.RequestAsync(city, record.RecordNumber, to: "500105C02", requestedBy: "500105C02");
        var pendingEntry = await Feeds.CityRecordsAsync(city, "500103");
        var confirmed = await CityTransfers.AnswerAsync(city, requested.TransferId, "500103C01", confirm: true);

        // Assert
        Assert.Equal(TransferState.Pending, requested.State);
        Assert.Equal("500103C01", requested.FromInstitutionCode);
        Assert.Equal(requested.TransferId, pendingEntry.Single(e => e.RecordNumber == record.RecordNumber).PendingTransferId);
        Assert.Equal(TransferState.Completed, confirmed.State);
        Assert.Equal("500103C01", confirmed.AnsweredByInstitutionCode);
        var moved = (await Feeds.CityRecordsAsync(city, "500105")).Single(e => e.RecordNumber == record.RecordNumber);
        Assert.Equal("500105C02", moved.OwningInstitutionCode);
        Assert.Equal("", moved.PendingTransferId);
        Assert.NotNull(moved.LastCrossDistrictTransferAt);
        foreach (var code in new[] { "500103", "500105" })
        {
            using var district = TestChannel.For(Federation.Districts[code].Address);
            await Feeds.BothTiersAgreeAsync(city, district, code);
            var events = await Feeds.DistrictEventsAsync(district, $"district:{code}");
            Assert.Contains(events, e => e.TransferChanged?.TransferId == requested.TransferId && e.TransferChanged.State == TransferState.Completed);
        }
    }

    [Fact]
    public async Task Transfer_WithoutConsentOrReason_IsInvalid()
    {
        // R-TR-1: the resident's consent and its method, and one of the seven reasons.
        using var city = TestChannel.For(Federation.City.Address);
        var record = await EnrollAsync(city);

        var e = await Assert.ThrowsAsync<RpcException>(() => CityTransfers.Transfers(city, "500103")
            .UnaryAsync<City.RequestTransferRequest, TransferRequest>("RequestTransfer", new()
            {
                RequestId = Guid.NewGuid().ToString("N"), RecordNumber = record.RecordNumber, ToInstitutionCode = "500103C02",
                RequestedByInstitutionCode = "500103C01",
            }));

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        var fields = e.GetDetail<Google.Rpc.BadRequest>()!.FieldViolations.Select(v => v.Field).ToList();
        Assert.Contains("consent_method", fields);
        Assert.Contains("reason", fields);
    }

    [Fact]
    public async Task Transfer_RequestedByAThirdClinic_IsRefused()
    {
        // R-TR-2: only the owner or the prospective clinic asks.
        using var city = TestChannel.For(Federation.City.Address);
        var record = await EnrollAsync(city);

        var e = await Assert.ThrowsAsync<RpcException>(() => CityTransfers.RequestAsync(city, record.RecordNumber, to: "500103C02", requestedBy: "500106C01"));

        Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode);
        Assert.Equal("R-TR-2", CityTransfers.Rule(e));
    }

    [Fact]
    public async Task Transfer_Refused_NeedsAReason_AndLeavesTheOwner()
    {
        // R-TR-2: clinics may not refuse without cause; a refusal is reported per institution.
        using var city = TestChannel.For(Federation.City.Address);
        var record = await EnrollAsync(city, "500106C01", "500106001001");
        var requested = await CityTransfers.RequestAsync(city, record.RecordNumber, to: "500106C02", requestedBy: "500106C02");

        var withoutReason = await Assert.ThrowsAsync<RpcException>(() => CityTransfers.AnswerAsync(city, requested.TransferId, "500106C01", confirm: false));
        var refused = await CityTransfers.AnswerAsync(city, requested.TransferId, "500106C01", confirm: false, "居民仍在本辖区居住");
        var outcomes = await CityTransfers.Transfers(city, "500106").UnaryAsync<City.ListTransferOutcomesRequest, City.ListTransferOutcomesResponse>(
            "ListTransferOutcomes", new());

        Assert.Equal(StatusCode.InvalidArgument, withoutReason.StatusCode);
        Assert.Equal("rejection_reason", withoutReason.GetDetail<Google.Rpc.BadRequest>()!.FieldViolations[0].Field);
        Assert.Equal(TransferState.Rejected, refused.State);
        Assert.Equal("居民仍在本辖区居住", refused.RejectionReason);
        Assert.Equal("500106C01", (await Feeds.CityRecordsAsync(city, "500106")).Single(e => e.RecordNumber == record.RecordNumber).OwningInstitutionCode);
        Assert.True(outcomes.Outcomes.Single(o => o.InstitutionCode == "500106C01").Refused >= 1);
        Assert.Equal(["500106C01", "500106C02", "500106C03"], outcomes.Outcomes.Select(o => o.InstitutionCode));
    }

    [Fact]
    public async Task Transfer_AnsweredByTheClinicThatAsked_IsRefused()
    {
        // R-TR-2: the other side answers.
        using var city = TestChannel.For(Federation.City.Address);
        var record = await EnrollAsync(city);
        var requested = await CityTransfers.RequestAsync(city, record.RecordNumber, to: "500103C03", requestedBy: "500103C03");

        var e = await Assert.ThrowsAsync<RpcException>(() => CityTransfers.AnswerAsync(city, requested.TransferId, "500103C03", confirm: true));

        Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode);
        Assert.Equal("R-TR-2", CityTransfers.Rule(e));
    }

    [Fact]
    public async Task RequestTransfer_RetriedWithTheSameRequestId_ReturnsTheSameTransfer()
    {
        using var city = TestChannel.For(Federation.City.Address);
        var record = await EnrollAsync(city);
        var requestId = Guid.NewGuid().ToString("N");

        var first = await CityTransfers.RequestAsync(city, record.RecordNumber, "500103C02", "500103C01", requestId);
        var again = await CityTransfers.RequestAsync(city, record.RecordNumber, "500103C02", "500103C01", requestId);
        var differentTarget = await Assert.ThrowsAsync<RpcException>(() => CityTransfers.RequestAsync(city, record.RecordNumber, "500103C03", "500103C01", requestId));

        Assert.Equal(first, again);
        Assert.Equal(StatusCode.InvalidArgument, differentTarget.StatusCode);
    }

    [Fact]
    public async Task DeceasedRecord_NeverTransfers()
    {
        // R-TR-4.
        using var city = TestChannel.For(Federation.City.Address);
        var record = await EnrollAsync(city);
        var today = DateOnly.FromDateTime(DateTime.UtcNow.Add(Federation.ClockOffset).AddHours(8));
        await CityTransfers.DeathAsync(city, record.RecordNumber, "500103C01", today.AddDays(-2), today.AddDays(-1));

        var e = await Assert.ThrowsAsync<RpcException>(() => CityTransfers.RequestAsync(city, record.RecordNumber, "500105C01", "500105C01"));

        Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode);
        Assert.Equal("R-TR-4", CityTransfers.Rule(e));
    }

    [Fact]
    public async Task Transfer_WithinProtectionPeriod_IsRefused_AndAllowedAfterIt()
    {
        // R-TR-5: 180 days after a cross-district transfer (policy chongqing).
        // Arrange: moved from 500103 to 500105
        using var city = TestChannel.For(Federation.City.Address);
        var record = await EnrollAsync(city);
        var moved = await CityTransfers.RequestAsync(city, record.RecordNumber, "500105C01", "500103C01");
        await CityTransfers.AnswerAsync(city, moved.TransferId, "500105C01", confirm: true);

        // Act
        var within = await Assert.ThrowsAsync<RpcException>(() => CityTransfers.RequestAsync(city, record.RecordNumber, "500106C01", "500106C01"));
        Federation.AdvanceClock(TimeSpan.FromDays(181));
        var after = await CityTransfers.RequestAsync(city, record.RecordNumber, "500106C01", "500106C01");

        // Assert
        Assert.Equal(StatusCode.FailedPrecondition, within.StatusCode);
        Assert.Equal("R-TR-5", CityTransfers.Rule(within));
        Assert.Equal(TransferState.Pending, after.State);
        Assert.Equal("500105C01", after.FromInstitutionCode);
    }

    [Fact]
    public async Task UnansweredTransfer_ExpiresAfterTheDeadline_OwnerUnchanged_AndIsReportedOverdue()
    {
        // R-TR-2: 7 calendar days (chongqing); an expired request leaves the owner and is counted overdue.
        // Arrange
        using var city = TestChannel.For(Federation.City.Address);
        var record = await EnrollAsync(city, "500105C03", "500105101001");
        var requested = await CityTransfers.RequestAsync(city, record.RecordNumber, "500105C01", "500105C01");
        Assert.Equal(7, (requested.DueAt.ToDateTimeOffset() - requested.RequestedAt.ToDateTimeOffset()).TotalDays, 0.01);

        // Act: eight days later the sweeper has expired it, and a late answer is refused
        Federation.AdvanceClock(TimeSpan.FromDays(8));
        var expired = await EventuallyAsync(async () =>
        {
            var t = await CityTransfers.GetAsync(city, requested.TransferId, "500105");
            return t.State == TransferState.Expired ? t : null;
        });
        var late = await Assert.ThrowsAsync<RpcException>(() => CityTransfers.AnswerAsync(city, requested.TransferId, "500105C03", confirm: true));
        var outcomes = await CityTransfers.Transfers(city, "500105").UnaryAsync<City.ListTransferOutcomesRequest, City.ListTransferOutcomesResponse>(
            "ListTransferOutcomes", new() { DistrictCode = "500105" });

        // Assert
        Assert.Equal(TransferState.Expired, expired.State);
        Assert.Equal(StatusCode.FailedPrecondition, late.StatusCode);
        Assert.Equal("R-TR-2", CityTransfers.Rule(late));
        var entry = (await Feeds.CityRecordsAsync(city, "500105")).Single(e => e.RecordNumber == record.RecordNumber);
        Assert.Equal("500105C03", entry.OwningInstitutionCode);
        Assert.Equal("", entry.PendingTransferId);
        Assert.True(outcomes.Outcomes.Single(o => o.InstitutionCode == "500105C03").Overdue >= 1);
    }

    [Fact]
    public async Task OneTransferAtATime()
    {
        // R-TR-2: while a request waits for its answer, no second one.
        using var city = TestChannel.For(Federation.City.Address);
        var record = await EnrollAsync(city);
        await CityTransfers.RequestAsync(city, record.RecordNumber, "500103C02", "500103C02");

        var e = await Assert.ThrowsAsync<RpcException>(() => CityTransfers.RequestAsync(city, record.RecordNumber, "500103C03", "500103C03"));

        Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode);
        Assert.Equal("R-TR-2", CityTransfers.Rule(e));
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe) where T : class
    {
        T? found = null;
        await Uploads.EventuallyAsync(async () => (found = await probe()) is not null, Feeds.Timeout, "the condition");
        return found!;
    }
}
