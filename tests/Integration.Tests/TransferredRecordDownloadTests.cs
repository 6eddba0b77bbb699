using HealthRecords.Contracts.Types.V1;
using HealthRecords.Rpc;
using HealthRecords.TestSupport;
using City = HealthRecords.Contracts.City.V1;
using District = HealthRecords.Contracts.District.V1;

namespace HealthRecords.Integration.Tests;

/// <summary>R-TR-6 on real processes: after a transfer the new owner reads the record with its service history; the former owner's copy is closed.</summary>
public sealed class TransferredRecordDownloadTests(FederationFixture fixture) : IClassFixture<FederationFixture>
{
    private Federation Federation => fixture.Federation;

    [Fact]
    public async Task AfterATransfer_TheNewOwnerDownloadsTheServiceHistory_AndTheFormerOwnerCannot()
    {
        // R-TR-6
        // Arrange: a record with one service at 500103C01, moved to 500105C01
        using var owner = fixture.Clinic("500103C01");
        using var prospective = fixture.Clinic("500105C01");
        var entry = await owner.EnrollAsync(Requests.Enroll(TestIdentities.CitizenId(975_001), "500103C01", "500103001001"));
        using (var queue = Uploads.NewQueue())
        {
            queue.Enqueue([Uploads.Service("dl-visit-1", entry.RecordNumber, "500103C01", Uploads.Today.AddDays(-1), ServiceKind.HypertensionFollowUp,
                ("systolic_mmhg", "150"), ("diastolic_mmhg", "95"))]);
            await Uploads.SyncAsync(owner, queue);
        }
        using var newDistrict = TestChannel.For(Federation.Districts["500105"].Address);
        using var oldDistrict = TestChannel.For(Federation.Districts["500103"].Address);
        var formerView = Timeline(oldDistrict, "institution:500103C01");
        await Uploads.EventuallyAsync(async () => (await ServicesAsync(formerView, entry.RecordNumber)).Count == 1, Feeds.Timeout, "the service at the city");
        var requested = await prospective.RequestTransferAsync(TransferCalls.Request(entry.RecordNumber, "500105C01"));
        await owner.AnswerTransferAsync(Guid.NewGuid().ToString("N"), requested.TransferId, true, "");
        using var city = TestChannel.For(Federation.City.Address);
        await Feeds.BothTiersAgreeAsync(city, newDistrict, "500105");
        await Feeds.BothTiersAgreeAsync(city, oldDistrict, "500103");

        // Act
        var newView = Timeline(newDistrict, "institution:500105C01");
        var services = await ServicesAsync(newView, entry.RecordNumber);
        var homepage = await newView.UnaryAsync<City.GetRecordHomepageRequest, City.RecordHomepage>("GetRecordHomepage", new() { RecordNumber = entry.RecordNumber });
        var former = await Assert.ThrowsAsync<RpcException>(() => ServicesAsync(formerView, entry.RecordNumber));
        var otherClinic = await Assert.ThrowsAsync<RpcException>(() => ServicesAsync(Timeline(newDistrict, "institution:500105C02"), entry.RecordNumber));

        // Assert
        Assert.Equal(["dl-visit-1"], services.Select(s => s.UploadId));
        Assert.Contains(City.HealthTag.ChronicDisease, homepage.Tags);
        Assert.Equal(StatusCode.PermissionDenied, former.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, otherClinic.StatusCode);
    }

    private static ServiceClient Timeline(GrpcChannel district, string caller) =>
        Feeds.DistrictService(district, caller, District.RecordTimelineReflection.Descriptor, "ClinicRecordTimelineService");

    private static async Task<List<ServiceRecord>> ServicesAsync(ServiceClient timeline, string recordNumber) =>
        [.. (await timeline.UnaryAsync<City.ListServiceRecordsRequest, City.ListServiceRecordsResponse>("ListServiceRecords",
            new() { RecordNumber = recordNumber, PageSize = 100 })).Records];
}
