using Google.Rpc;
using HealthRecords.Contracts.Types.V1;
using HealthRecords.Rpc;
using HealthRecords.TestSupport;
using City = HealthRecords.Contracts.City.V1;
using District = HealthRecords.Contracts.District.V1;

namespace HealthRecords.Integration.Tests;

/// <summary>Transfers and status changes through the district nodes (pass-through to the city), the districts' copies and inboxes, on real processes.</summary>
public sealed class DistrictTransferTests(FederationFixture fixture) : IClassFixture<FederationFixture>
{
    private Federation Federation => fixture.Federation;

    [Fact]
    public async Task R_TR_3_ACrossDistrictTransferAskedByTheProspectiveClinic_WaitsInTheOwnersInbox_AndItsConfirmationMovesTheRecordAtBothTiers()
    {
        // R-TR-3: requested by the prospective clinic, confirmed by the owner, recorded by the city, which changes the owner.
        // Arrange
        using var owner = fixture.Clinic("500103C01");
        using var prospective = fixture.Clinic("500105C01");
        var entry = await owner.EnrollAsync(Requests.Enroll(TestIdentities.CitizenId(970_001), "500103C01", "500103001001"));

        // Act
        var requested = await prospective.RequestTransferAsync(TransferCalls.Request(entry.RecordNumber, "500105C01"));
        var toAnswer = await TransferCalls.InInboxAsync(owner, requested.TransferId);
        var awaiting = await TransferCalls.InInboxAsync(prospective, requested.TransferId);
        var byRequester = await Assert.ThrowsAsync<RpcException>(() => prospective.AnswerTransferAsync(Guid.NewGuid().ToString("N"), requested.TransferId, true, ""));
        var confirmed = await owner.AnswerTransferAsync(Guid.NewGuid().ToString("N"), requested.TransferId, true, "");

        // Assert
        Assert.Equal((TransferState.Pending, "500103C01", "500105C01", "500105C01"),
            (requested.State, requested.FromInstitutionCode, requested.ToInstitutionCode, requested.RequestedByInstitutionCode));
        Assert.Equal(District.InboxItem.ItemOneofCase.TransferToAnswer, toAnswer.ItemCase);
        Assert.Equal(District.InboxItem.ItemOneofCase.TransferAwaitingAnswer, awaiting.ItemCase);
        Assert.Equal(StatusCode.FailedPrecondition, byRequester.StatusCode); // R-TR-2: the side that did not ask answers
        Assert.Equal((TransferState.Completed, "500103C01"), (confirmed.State, confirmed.AnsweredByInstitutionCode));
        using var city = TestChannel.For(Federation.City.Address);
        using var from = TestChannel.For(Federation.Districts["500103"].Address);
        using var to = TestChannel.For(Federation.Districts["500105"].Address);
        await Feeds.BothTiersAgreeAsync(city, from, "500103");
        await Feeds.BothTiersAgreeAsync(city, to, "500105");
        Assert.Contains(await Feeds.DistrictRecordsAsync(to, "500105"), e => e.RecordNumber == entry.RecordNumber && e.OwningInstitutionCode == "500105C01");
        Assert.DoesNotContain(await Feeds.DistrictRecordsAsync(from, "500103"), e => e.RecordNumber == entry.RecordNumber);
        await TransferCalls.ListedAsync(owner, requested.TransferId, TransferState.Completed);
        await TransferCalls.ListedAsync(prospective, requested.TransferId, TransferState.Completed);
        Assert.DoesNotContain((await owner.ListInboxAsync(0, "")).Items, i => i.TransferToAnswer?.TransferId == requested.TransferId);
    }

    [Fact]
    public async Task R_TR_2_ARefusalWithoutReason_IsInvalidArgumentRejectionReason_AndARefusalWithReasonLeavesTheOwner()
    {
        // R-TR-2: clinics may not refuse without cause; a rejected transfer leaves the owner unchanged.
        // Arrange
        using var owner = fixture.Clinic("500103C02");
        using var prospective = fixture.Clinic("500106C01");
        var entry = await owner.EnrollAsync(Requests.Enroll(TestIdentities.CitizenId(970_002), "500103C02", "500103002001"));
        var requested = await prospective.RequestTransferAsync(TransferCalls.Request(entry.RecordNumber, "500106C01"));

        // Act
        var withoutReason = await Assert.ThrowsAsync<RpcException>(() => owner.AnswerTransferAsync(Guid.NewGuid().ToString("N"), requested.TransferId, false, " "));
        var refused = await owner.AnswerTransferAsync(Guid.NewGuid().ToString("N"), requested.TransferId, false, "居民仍在本社区居住");

        // Assert
        Assert.Equal(StatusCode.InvalidArgument, withoutReason.StatusCode);
        Assert.Contains(withoutReason.GetDetail<BadRequest>()!.FieldViolations, v => v.Field == "rejection_reason");
        Assert.Equal((TransferState.Rejected, "居民仍在本社区居住"), (refused.State, refused.RejectionReason));
        Assert.Equal("居民仍在本社区居住", (await TransferCalls.ListedAsync(prospective, requested.TransferId, TransferState.Rejected)).RejectionReason);
        Assert.Equal("500103C02", (await owner.GetEntryAsync(entry.RecordNumber)).OwningInstitutionCode);
    }

    [Fact]
    public async Task R_TR_2_ATransferUnansweredPastItsDeadline_Expires_LeavesBothInboxes_AndTheOwnerStays()
    {
        // R-TR-2: the other side must confirm within 7 calendar days (Chongqing); an unconfirmed transfer leaves the owner unchanged.
        // Arrange
        using var owner = fixture.Clinic("500105C02");
        using var prospective = fixture.Clinic("500106C03");
        var entry = await owner.EnrollAsync(Requests.Enroll(TestIdentities.CitizenId(970_004), "500105C02", "500105002001"));
        var requested = await prospective.RequestTransferAsync(TransferCalls.Request(entry.RecordNumber, "500106C03"));
        await TransferCalls.InInboxAsync(owner, requested.TransferId);

        // Act
        Federation.AdvanceClock(TimeSpan.FromDays(8));
        var expired = await TransferCalls.ListedAsync(owner, requested.TransferId, TransferState.Expired);
        var late = await Assert.ThrowsAsync<RpcException>(() => owner.AnswerTransferAsync(Guid.NewGuid().ToString("N"), requested.TransferId, true, ""));

        // Assert
        Assert.Equal(TransferState.Expired, (await TransferCalls.ListedAsync(prospective, requested.TransferId, TransferState.Expired)).State);
        Assert.Equal("", expired.AnsweredByInstitutionCode);
        Assert.DoesNotContain((await owner.ListInboxAsync(0, "")).Items, i => i.TransferToAnswer?.TransferId == requested.TransferId);
        Assert.DoesNotContain((await prospective.ListInboxAsync(0, "")).Items, i => i.TransferAwaitingAnswer?.TransferId == requested.TransferId);
        Assert.Equal(StatusCode.FailedPrecondition, late.StatusCode);
        Assert.Equal("500105C02", (await owner.GetEntryAsync(entry.RecordNumber)).OwningInstitutionCode);
    }

    [Fact]
    public async Task R_TR_2_AClinicAnsweringOrAskingForAnotherClinic_IsPermissionDenied_NotOwnInstitution()
    {
        // A clinic acts for itself; district IT for its own district's clinics only.
        using var district = TestChannel.For(Federation.Districts["500103"].Address);
        var answer = new District.AnswerTransferRequest { RequestId = "r1", TransferId = "t-any", AnsweringInstitutionCode = "500103C01", Confirm = true };

        var asOtherClinic = await Assert.ThrowsAsync<RpcException>(() => TransferCalls.TransferService(district, "institution:500103C03")
            .UnaryAsync<District.AnswerTransferRequest, TransferRequest>("AnswerTransfer", answer));
        var itForAnotherDistrict = await Assert.ThrowsAsync<RpcException>(() => TransferCalls.TransferService(district, "district:500103")
            .UnaryAsync<District.AnswerTransferRequest, TransferRequest>("AnswerTransfer", new District.AnswerTransferRequest(answer) { AnsweringInstitutionCode = "500105C01" }));
        var askingForAnother = await Assert.ThrowsAsync<RpcException>(() => TransferCalls.TransferService(district, "institution:500103C03")
            .UnaryAsync<District.RequestTransferRequest, TransferRequest>("RequestTransfer",
                new District.RequestTransferRequest(TransferCalls.Request("50010300100100001", "500103C02")) { RequestedByInstitutionCode = "500103C02" }));

        foreach (var e in new[] { asOtherClinic, itForAnotherDistrict, askingForAnother })
        {
            Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
            Assert.Equal("NOT_OWN_INSTITUTION", e.GetDetail<ErrorInfo>()!.Reason);
        }
    }

    [Fact]
    public async Task R_ST_3_ADeathFiledThroughTheDistrict_ArchivesTheRecordAtBothTiers_AndItsHistoryIsTheOwnersToRead()
    {
        // R-ST-3, R-ST-6: filed with the city at once; the record leaves the managed count at both tiers. R-ST-7: history with date and reason.
        // Arrange
        using var clinic = fixture.Clinic("500106C02");
        var entry = await clinic.EnrollAsync(Requests.Enroll(TestIdentities.CitizenId(970_003), "500106C02", "500106101001"));
        var today = Uploads.Today;

        // Act
        var archived = await clinic.RecordDeathAsync(new City.RecordDeathRequest
        {
            RequestId = Guid.NewGuid().ToString("N"), RecordNumber = entry.RecordNumber, RecordedBy = "赵医生", Cause = "心力衰竭",
            DateOfDeath = new CalendarDate { Year = today.Year, Month = today.Month, Day = today.Day },
            NoticeDate = new CalendarDate { Year = today.Year, Month = today.Month, Day = today.Day },
        });
        var history = await clinic.ListRecordHistoryAsync(entry.RecordNumber, 0, "");
        using var district = TestChannel.For(Federation.Districts["500106"].Address);
        var byNeighbour = await Assert.ThrowsAsync<RpcException>(() => TransferCalls.LifecycleService(district, "institution:500106C01")
            .UnaryAsync<City.ListRecordHistoryRequest, City.ListRecordHistoryResponse>("ListRecordHistory", new City.ListRecordHistoryRequest { RecordNumber = entry.RecordNumber }));
        var deathForNeighbour = await Assert.ThrowsAsync<RpcException>(() => TransferCalls.LifecycleService(district, "institution:500106C01")
            .UnaryAsync<City.RecordDeathRequest, MasterIndexEntry>("RecordDeath", new City.RecordDeathRequest { RequestId = "r", RecordNumber = entry.RecordNumber, InstitutionCode = "500106C02" }));

        // Assert
        Assert.Equal(RecordStatus.Deceased, archived.Status);
        using var city = TestChannel.For(Federation.City.Address);
        await Feeds.BothTiersAgreeAsync(city, district, "500106");
        Assert.Contains(await Feeds.DistrictRecordsAsync(district, "500106"), e => e.RecordNumber == entry.RecordNumber && e.Status == RecordStatus.Deceased);
        Assert.Equal(["enrolled", "death_recorded"], history.Entries.Select(h => h.Change));
        Assert.Equal(StatusCode.PermissionDenied, byNeighbour.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, deathForNeighbour.StatusCode);
    }

    [Fact]
    public async Task ListInbox_ByDistrictIt_NeedsAClinic()
    {
        using var district = TestChannel.For(Federation.Districts["500105"].Address);
        var inbox = Feeds.DistrictService(district, "district:500105", District.InboxReflection.Descriptor, "ClinicInboxService");

        var e = await Assert.ThrowsAsync<RpcException>(() => inbox.UnaryAsync<District.ListInboxRequest, District.ListInboxResponse>("ListInbox", new()));
        var ofClinic = await inbox.UnaryAsync<District.ListInboxRequest, District.ListInboxResponse>("ListInbox", new() { InstitutionCode = "500105C03" });

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Empty(ofClinic.Items);
    }
}
