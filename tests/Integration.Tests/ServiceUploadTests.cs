using HealthRecords.Contracts.City.V1;
using HealthRecords.Contracts.Types.V1;
using HealthRecords.Rpc;
using HealthRecords.TestSupport;

namespace HealthRecords.Integration.Tests;

/// <summary>Service uploads clinic → district → city through real processes.</summary>
public sealed class ServiceUploadTests(FederationFixture fixture) : IClassFixture<FederationFixture>
{
    private async Task<MasterIndexEntry> EnrollAsync(string institution, string committee, long identity, string? birthDate = null)
    {
        using var clinic = fixture.Clinic(institution);
        var request = Requests.Enroll(TestIdentities.CitizenId(identity), institution, committee);
        return await clinic.EnrollAsync(request);
    }

    [Fact]
    public async Task QueuedServices_ReachTheCityTimeline_AndTheHomepageDerivesTags()
    {
        // R-RC-1 (kinds, typed core + payload), R-RC-2 (homepage derived from services)
        // Arrange
        var entry = await EnrollAsync("500103C01", "500103001001", 970_001);
        using var clinic = fixture.Clinic("500103C01");
        using var queue = Uploads.NewQueue();
        var today = Uploads.Today;
        queue.Enqueue([
            Uploads.Service("u-bp-1", entry.RecordNumber, "500103C01", today.AddDays(-2), ServiceKind.HypertensionFollowUp, ("systolic_mmhg", "150"), ("diastolic_mmhg", "95")),
            Uploads.Service("u-exam-1", entry.RecordNumber, "500103C01", today.AddDays(-1), ServiceKind.HealthExamination, ("height_cm", "170"), ("weight_kg", "80"), ("blood_type", "A")),
        ]);

        // Act
        var result = await Uploads.SyncAsync(clinic, queue);
        using var city = TestChannel.For(fixture.Federation.City.Address);
        var timeline = Uploads.CityTimeline(city, "500103");
        await Uploads.EventuallyAsync(async () => (await timeline.UnaryAsync<ListServiceRecordsRequest, ListServiceRecordsResponse>(
            "ListServiceRecords", new() { RecordNumber = entry.RecordNumber })).Records.Count == 2, TimeSpan.FromSeconds(30), "two services at the city");
        var homepage = await timeline.UnaryAsync<GetRecordHomepageRequest, RecordHomepage>("GetRecordHomepage", new() { RecordNumber = entry.RecordNumber });

        // Assert
        Assert.Equal(2, result.Acknowledged);
        Assert.Equal(0, queue.Count());
        Assert.Contains(HealthTag.ChronicDisease, homepage.Tags);
        Assert.Contains(HealthTag.Overweight, homepage.Tags); // BMI 27.7
        Assert.Contains(HealthTag.BloodTypeA, homepage.Tags);
        Assert.Equal(["u-exam-1", "u-bp-1"], homepage.Activities.Select(a => a.Kind == ServiceKind.HealthExamination ? "u-exam-1" : "u-bp-1"));
        Assert.Equal(today.AddDays(-1).Day, homepage.LastServiceDate.Day);
    }

    [Fact]
    public async Task InvalidServices_AreRefusedWithTheirReason_WithoutBlockingTheRest()
    {
        // Logic checks: a service in the future is refused at the district (field), one before the
        // resident's birth by the city (it knows the birth date); the good record still goes through.
        var entry = await EnrollAsync("500103C02", "500103002001", 970_002);
        using var clinic = fixture.Clinic("500103C02");
        using var queue = Uploads.NewQueue();
        var born = new DateOnly(1940, 1, 1).AddDays((int)(970_002 / 999)); // TestIdentities' birth date
        queue.Enqueue([
            Uploads.Service("u-future", entry.RecordNumber, "500103C02", Uploads.Today.AddDays(3)),
            Uploads.Service("u-unborn", entry.RecordNumber, "500103C02", born.AddDays(-1)),
            Uploads.Service("u-good", entry.RecordNumber, "500103C02", Uploads.Today),
        ]);

        var result = await Uploads.SyncAsync(clinic, queue);
        await Uploads.EventuallyAsync(async () =>
            (await clinic.ListUploadsAsync(rejectedOnly: true, 100, "")).Uploads.Any(u => u.Record.UploadId == "u-unborn"),
            TimeSpan.FromSeconds(30), "the city's rejection recorded at the district");
        var cityRejections = (await clinic.ListUploadsAsync(rejectedOnly: true, 100, "")).Uploads;

        Assert.Equal(1, result.Rejected);
        var refused = Assert.Single(queue.Rejections(10));
        Assert.Equal(("u-future", "service_date"), (refused.UploadId, refused.Code));
        var unborn = Assert.Single(cityRejections, u => u.Record.UploadId == "u-unborn");
        Assert.Equal("service_date", unborn.CityAck.RejectionCode);
        Assert.Contains("birth", unborn.CityAck.RejectionReason);
        Assert.Equal(1, await Uploads.CityScalarAsync(fixture.Federation, "SELECT COUNT(*) FROM service_records WHERE upload_id = 'u-good'"));
    }

    [Fact]
    public async Task ResentUploads_AreAcknowledgedAgain_AndStoredOnce()
    {
        // Exactly-once effect: the same upload id at any hop gets the same answer and no second copy.
        var entry = await EnrollAsync("500105C01", "500105001001", 970_003);
        using var clinic = fixture.Clinic("500105C01");
        using var queue = Uploads.NewQueue();
        var services = Enumerable.Range(0, 50).Select(i => Uploads.Service($"u-repeat-{i}", entry.RecordNumber, "500105C01", Uploads.Today)).ToList();

        queue.Enqueue(services.Select(s => s.Clone()));
        await Uploads.SyncAsync(clinic, queue);
        queue.Enqueue(services.Select(s => s.Clone()));
        var second = await Uploads.SyncAsync(clinic, queue);
        var reused = Uploads.Service("u-repeat-0", entry.RecordNumber, "500105C01", Uploads.Today.AddDays(-1));
        queue.Enqueue([reused]);
        var third = await Uploads.SyncAsync(clinic, queue);
        await Uploads.EventuallyAsync(async () => await Uploads.CityScalarAsync(fixture.Federation,
            "SELECT COUNT(*) FROM service_records WHERE upload_id LIKE 'u-repeat-%'") == 50, TimeSpan.FromSeconds(30), "50 at the city");

        Assert.Equal(50, second.Acknowledged);
        Assert.Equal(0, second.Rejected);
        Assert.Equal(1, third.Rejected); // the id was used for different content
        Assert.Contains(queue.Rejections(10), r => r.UploadId == "u-repeat-0" && r.Code == "upload_id");
    }

    [Fact]
    public async Task LateUploads_AreAcceptedFlaggedAndReportedPerInstitution()
    {
        // R-RC-4: 5 days in the chongqing profile; late uploads are accepted and flagged.
        var entry = await EnrollAsync("500106C02", "500106101001", 970_004);
        using var clinic = fixture.Clinic("500106C02");
        using var queue = Uploads.NewQueue();
        queue.Enqueue([
            Uploads.Service("u-ontime", entry.RecordNumber, "500106C02", Uploads.Today.AddDays(-5)),
            Uploads.Service("u-late", entry.RecordNumber, "500106C02", Uploads.Today.AddDays(-6)),
        ]);

        await Uploads.SyncAsync(clinic, queue);
        using var city = TestChannel.For(fixture.Federation.City.Address);
        var timeline = Uploads.CityTimeline(city, "500106");
        UploadLateness? row = null;
        await Uploads.EventuallyAsync(async () =>
        {
            var report = await timeline.UnaryAsync<ListUploadLatenessRequest, ListUploadLatenessResponse>("ListUploadLateness", new() { DistrictCode = "500106" });
            row = report.Institutions.SingleOrDefault(i => i.InstitutionCode == "500106C02");
            return row?.Uploads == 2;
        }, TimeSpan.FromSeconds(30), "lateness report");

        Assert.Equal(1, row!.Late);
        var stored = await timeline.UnaryAsync<ListServiceRecordsRequest, ListServiceRecordsResponse>("ListServiceRecords", new() { RecordNumber = entry.RecordNumber });
        Assert.True(stored.Records.Single(r => r.UploadId == "u-late").Late);
        Assert.Equal(6, stored.Records.Single(r => r.UploadId == "u-late").DaysAfterService);
        Assert.False(stored.Records.Single(r => r.UploadId == "u-ontime").Late);
    }

    [Fact]
    public async Task AnUploadMessageOverTheLimit_IsRefusedNamingTheField_AndNothingIsStored()
    {
        // Bad input: a message of more than 1,000 records ends the stream with INVALID_ARGUMENT on `records`.
        var entry = await EnrollAsync("500103C03", "500103003001", 970_009);
        using var clinic = fixture.Clinic("500103C03");
        using var call = clinic.OpenUploadStream(default);
        var request = new Contracts.District.V1.UploadServiceRecordsRequest();
        request.Records.AddRange(Enumerable.Range(0, 1001).Select(i => Uploads.Service($"u-big-{i}", entry.RecordNumber, "500103C03", Uploads.Today)));

        await call.RequestStream.WriteAsync(request, default);
        var e = await Assert.ThrowsAsync<RpcException>(async () => await call.ResponseStream.MoveNext(default));

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Equal("records", Assert.Single(e.GetDetail<Google.Rpc.BadRequest>()!.FieldViolations).Field);
        Assert.Equal(0, await Uploads.CityScalarAsync(fixture.Federation, "SELECT COUNT(*) FROM service_records WHERE upload_id LIKE 'u-big-%'"));
    }
}
