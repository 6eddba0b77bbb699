using HealthRecords.ClinicAgent;
using HealthRecords.TestSupport;

namespace HealthRecords.Integration.Tests;

/// <summary>R-OS-3: a notice reaches the owning clinic whenever its district runs, and neither it nor its reader is lost to a crash.</summary>
public sealed class OffsiteNoticeRecoveryTests
{
    [Fact]
    public async Task R_OS_3_ANoticeSentWhileTheOwnersDistrictIsDown_ArrivesOnRestart_AndItAndItsReaderSurviveSigkill()
    {
        // Arrange
        await using var federation = new Federation();
        await federation.StartCityAsync();
        var ownerDistrict = await federation.StartDistrictAsync("500103");
        await federation.StartDistrictAsync("500105");
        using var owner = TestChannel.Clinic(ownerDistrict.Address, "500103C01");
        var entry = await owner.EnrollAsync(Requests.Enroll(TestIdentities.CitizenId(1_200_010), "500103C01", "500103001001"));

        // Act: served elsewhere while the owner's district is killed; then SIGKILL it once unread, once read
        await ownerDistrict.KillAsync();
        var service = await NoticeCalls.ServeElsewhereAsync(federation, entry.RecordNumber, "500105C01", "ons-crash-1");
        await Uploads.EventuallyAsync(async () => await Uploads.CityScalarAsync(federation,
            "SELECT COUNT(*) FROM service_records WHERE upload_id = 'ons-crash-1'") == 1, Feeds.Timeout, "the service at the city");
        await ownerDistrict.StartAsync();
        var arrived = await NoticeCalls.NoticedAsync(owner, service.UploadId);
        await ownerDistrict.KillAsync();
        await ownerDistrict.StartAsync();
        var unreadAfterCrash = (await owner.ListInboxAsync(0, "")).Items.Select(i => i.OffsiteServiceNotice).ToList();
        var read = await owner.MarkNoticeReadAsync(service.UploadId, "王医生");
        await ownerDistrict.KillAsync();
        await ownerDistrict.StartAsync();
        var kept = await owner.ListOffsiteServiceNoticesAsync(unreadOnly: false, 0, "");
        var inbox = await owner.ListInboxAsync(0, "");

        // Assert
        Assert.Equal(arrived, Assert.Single(unreadAfterCrash));
        Assert.Equal(read, Assert.Single(kept.Notices));
        Assert.Equal(("王医生", arrived.ReceivedAt), (read.ReadBy, read.ReceivedAt));
        Assert.Empty(inbox.Items);
    }
}
