using System.Text;
using Google.Rpc;
using HealthRecords.Contracts.Types.V1;
using HealthRecords.Rpc;
using HealthRecords.TestSupport;
using City = HealthRecords.Contracts.City.V1;
using District = HealthRecords.Contracts.District.V1;
using ItemCase = HealthRecords.Contracts.District.V1.InboxItem.ItemOneofCase;

namespace HealthRecords.Integration.Tests;

/// <summary>
/// The district's side of off-site service on real processes (R-OS-3): the owning clinic's inbox and
/// notices, marking read, the event watch; and what ClinicOffsiteService passes on to the city.
/// Each test owns its clinics' inboxes: no other test here serves their residents.
/// </summary>
public sealed class OffsiteNoticeTests(FederationFixture fixture) : IClassFixture<FederationFixture>
{
    private Federation Federation => fixture.Federation;

    [Fact]
    public async Task R_OS_3_TheInbox_ShowsTransfersFirst_ThenTheUnreadNotice_OnOneTokenSequence_AndMarkNoticeReadTakesItOut()
    {
        // R-TR-2 then R-OS-3: a transfer to answer, then a resident served in another district, until read
        // Arrange
        using var owner = fixture.Clinic("500103C01");
        using var prospective = fixture.Clinic("500106C01");
        var moving = await owner.EnrollAsync(Requests.Enroll(TestIdentities.CitizenId(1_200_001), "500103C01", "500103001001"));
        var served = await owner.EnrollAsync(Requests.Enroll(TestIdentities.CitizenId(1_200_002), "500103C01", "500103001001"));
        var transfer = await prospective.RequestTransferAsync(TransferCalls.Request(moving.RecordNumber, "500106C01"));
        await TransferCalls.InInboxAsync(owner, transfer.TransferId);
        var service = await NoticeCalls.ServeElsewhereAsync(Federation, served.RecordNumber, "500105C01", "ons-inbox-1");
        await NoticeCalls.NoticedAsync(owner, service.UploadId);

        // Act
        var whole = await owner.ListInboxAsync(0, "");
        var first = await owner.ListInboxAsync(1, "");
        var second = await owner.ListInboxAsync(1, first.NextPageToken);
        var read = await owner.MarkNoticeReadAsync(service.UploadId, "王医生");
        var after = await owner.ListInboxAsync(0, "");
        var all = await owner.ListOffsiteServiceNoticesAsync(unreadOnly: false, 0, "");
        var unread = await owner.ListOffsiteServiceNoticesAsync(unreadOnly: true, 0, "");
        var foreignToken = Convert.ToBase64String(Encoding.UTF8.GetBytes("after:elsewhere:1:x"));
        var badToken = await Assert.ThrowsAsync<RpcException>(() => owner.ListInboxAsync(1, foreignToken));

        // Assert
        Assert.Equal([ItemCase.TransferToAnswer, ItemCase.OffsiteServiceNotice], whole.Items.Select(i => i.ItemCase));
        var notice = whole.Items[1].OffsiteServiceNotice;
        Assert.Equal((service.UploadId, served.RecordNumber, "500103C01", "500105C01", "500105", ServiceKind.HypertensionFollowUp),
            (notice.NoticeId, notice.RecordNumber, notice.OwningInstitutionCode, notice.ServingInstitutionCode, notice.ServingDistrictCode, notice.Kind));
        Assert.NotNull(notice.ReceivedAt);
        Assert.Null(notice.ReadAt);
        Assert.Equal("", notice.ReadBy);
        Assert.Equal(transfer.TransferId, Assert.Single(first.Items).TransferToAnswer.TransferId);
        Assert.Equal(service.UploadId, Assert.Single(second.Items).OffsiteServiceNotice.NoticeId);
        Assert.Equal("", second.NextPageToken);
        Assert.Equal(("王医生", notice.ReceivedAt), (read.ReadBy, read.ReceivedAt));
        Assert.NotNull(read.ReadAt);
        Assert.Equal([ItemCase.TransferToAnswer], after.Items.Select(i => i.ItemCase));
        Assert.Equal(read, Assert.Single(all.Notices));
        Assert.Empty(unread.Notices);
        Assert.Equal(StatusCode.InvalidArgument, badToken.StatusCode);
        Assert.Equal("page_token", Assert.Single(badToken.GetDetail<BadRequest>()!.FieldViolations).Field);
    }

    [Fact]
    public async Task R_OS_3_MarkNoticeRead_NeedsReadBy_KeepsTheFirstReader_AndAnotherClinicCannotMarkIt()
    {
        // Arrange
        using var owner = fixture.Clinic("500103C02");
        using var neighbour = fixture.Clinic("500103C03");
        using var district = TestChannel.For(Federation.Districts["500103"].Address);
        var served = await owner.EnrollAsync(Requests.Enroll(TestIdentities.CitizenId(1_200_003), "500103C02", "500103002001"));
        var service = await NoticeCalls.ServeElsewhereAsync(Federation, served.RecordNumber, "500105C02", "ons-read-1");
        await NoticeCalls.NoticedAsync(owner, service.UploadId);

        // Act
        var noReader = await Assert.ThrowsAsync<RpcException>(() => owner.MarkNoticeReadAsync(service.UploadId, " "));
        var asItself = await Assert.ThrowsAsync<RpcException>(() => neighbour.MarkNoticeReadAsync(service.UploadId, "孙医生"));
        var asTheOwner = await Assert.ThrowsAsync<RpcException>(() => OffsiteCalls.Inbox(district, "500103C03")
            .UnaryAsync<District.MarkNoticeReadRequest, OffsiteServiceNotice>("MarkNoticeRead",
                new() { InstitutionCode = "500103C02", NoticeId = service.UploadId, ReadBy = "孙医生" }));
        var unknown = await Assert.ThrowsAsync<RpcException>(() => owner.MarkNoticeReadAsync("ons-unknown", "王医生"));
        var first = await owner.MarkNoticeReadAsync(service.UploadId, "王医生");
        var again = await owner.MarkNoticeReadAsync(service.UploadId, "李护士");

        // Assert
        Assert.Equal(StatusCode.InvalidArgument, noReader.StatusCode);
        Assert.Equal("read_by", Assert.Single(noReader.GetDetail<BadRequest>()!.FieldViolations).Field);
        // NOT_FOUND, not PERMISSION_DENIED: acting for itself the neighbour may call, and among its own
        // notices there is none such; it does not learn whether another clinic has a notice of that id.
        Assert.Equal(StatusCode.NotFound, asItself.StatusCode);
        // Naming the owner is acting for another clinic: refused before anything is looked up.
        Assert.Equal(StatusCode.PermissionDenied, asTheOwner.StatusCode);
        Assert.Equal("NOT_OWN_INSTITUTION", asTheOwner.GetDetail<ErrorInfo>()!.Reason);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("王医生", first.ReadBy);
        Assert.Equal(first, again);
        Assert.Empty((await neighbour.ListOffsiteServiceNoticesAsync(unreadOnly: false, 0, "")).Notices);
    }

    [Fact]
    public async Task R_OS_3_DistrictIT_AndTheOwningClinic_WatchTheNotice_AndOtherClinicsDoNot()
    {
        // R-OS-3: the district prompts the owning clinic's staff; district IT watches every event it applies
        // Arrange
        using var district = TestChannel.For(Federation.Districts["500105"].Address);
        using var itWatch = Feeds.Watch(district, "district:500105");
        using var ownerWatch = Feeds.Watch(district, "institution:500105C03");
        using var owner = fixture.Clinic("500105C03");
        var served = await owner.EnrollAsync(Requests.Enroll(TestIdentities.CitizenId(1_200_004), "500105C03", "500105101001"));

        // Act
        var service = await NoticeCalls.ServeElsewhereAsync(Federation, served.RecordNumber, "500103C03", "ons-watch-1");
        var itSaw = await Feeds.ReadUntilAsync(itWatch, e => e.OffsiteServiceNotice?.NoticeId == service.UploadId);
        var ownerSaw = await Feeds.ReadUntilAsync(ownerWatch, e => e.OffsiteServiceNotice?.NoticeId == service.UploadId);
        var neighbourSaw = await Feeds.DistrictEventsAsync(district, "institution:500105C01");

        // Assert
        Assert.Equal(itSaw[^1], ownerSaw[^1]); // the city's sequence number and message, as applied
        Assert.Equal((served.RecordNumber, "500103C03", "500103"),
            (itSaw[^1].OffsiteServiceNotice.RecordNumber, itSaw[^1].OffsiteServiceNotice.ServingInstitutionCode, itSaw[^1].OffsiteServiceNotice.ServingDistrictCode));
        Assert.DoesNotContain(neighbourSaw, e => e.OffsiteServiceNotice?.NoticeId == service.UploadId);
    }

    [Fact]
    public async Task ClinicOffsiteService_PassesOnOnlyWhatTheCallerMayAskFor()
    {
        // R-AC-5: the lookups of a clinic's own, or of records it owns; R-OS-5: this district's counts
        // Arrange
        using var district = TestChannel.For(Federation.Districts["500106"].Address);
        using var owner = fixture.Clinic("500106C02");
        using var neighbour = fixture.Clinic("500106C03");
        var record = await owner.EnrollAsync(Requests.Enroll(TestIdentities.CitizenId(1_200_005), "500106C02", "500106101001"));
        await Uploads.EventuallyAsync(async () => (await owner.ListRecordsAsync(1000, "")).Entries.Any(e => e.RecordNumber == record.RecordNumber),
            Feeds.Timeout, "the record in the district's index");
        var asIt = Feeds.DistrictService(district, "district:500106", District.OffsiteServicesReflection.Descriptor, "ClinicOffsiteService");

        // Act
        var ownRecord = await owner.ListAccessAuditAsync(record.RecordNumber, "", 0, "");
        var itsClinic = await asIt.UnaryAsync<City.ListAccessAuditRequest, City.ListAccessAuditResponse>("ListAccessAudit", new() { InstitutionCode = "500106C02" });
        var othersRecord = await Assert.ThrowsAsync<RpcException>(() => neighbour.ListAccessAuditAsync(record.RecordNumber, "", 0, ""));
        var othersLookups = await Assert.ThrowsAsync<RpcException>(() => neighbour.ListAccessAuditAsync("", "500106C02", 0, ""));
        var neither = await Assert.ThrowsAsync<RpcException>(() => neighbour.ListAccessAuditAsync("", "", 0, ""));
        var counts = await owner.ListOffsiteServiceCountsAsync(Uploads.Today.Year, 0, "");
        var otherDistrict = await Assert.ThrowsAsync<RpcException>(() => OffsiteCalls.Offsite(district, "500106C02")
            .UnaryAsync<City.ListOffsiteServiceCountsRequest, City.ListOffsiteServiceCountsResponse>("ListOffsiteServiceCounts",
                new() { Year = Uploads.Today.Year, DistrictCode = "500103" }));

        // Assert
        Assert.Empty(ownRecord.Entries);
        Assert.Empty(itsClinic.Entries);
        Assert.Equal((StatusCode.PermissionDenied, "NOT_OWN_INSTITUTION"), (othersRecord.StatusCode, othersRecord.GetDetail<ErrorInfo>()!.Reason));
        Assert.Equal((StatusCode.PermissionDenied, "NOT_OWN_INSTITUTION"), (othersLookups.StatusCode, othersLookups.GetDetail<ErrorInfo>()!.Reason));
        Assert.Equal(StatusCode.InvalidArgument, neither.StatusCode);
        Assert.NotEmpty(counts.Counts);
        Assert.All(counts.Counts, c => Assert.Equal("500106", c.DistrictCode));
        Assert.Equal((StatusCode.PermissionDenied, "NOT_OWN_DISTRICT"), (otherDistrict.StatusCode, otherDistrict.GetDetail<ErrorInfo>()!.Reason));
    }
}
