using Google.Protobuf.Reflection;
using Google.Rpc;
using HealthRecords.ClinicAgent;
using HealthRecords.Contracts.City.V1;
using HealthRecords.Contracts.Types.V1;
using HealthRecords.Rpc;
using HealthRecords.TestSupport;
using District = HealthRecords.Contracts.District.V1;
using StatusCode = HealthRecords.Rpc.StatusCode;

namespace HealthRecords.Integration.Tests;

/// <summary>Corrections of saved service records clinic → district → city through real processes (R-RC-3).</summary>
public sealed class CorrectionTests(FederationFixture fixture) : IClassFixture<FederationFixture>
{
    [Fact]
    public async Task Correction_IsApprovedOnlyByADesignatedAdministratorNotTheRequester_AndKeepsTheOldVersion()
    {
        // R-RC-3: request with reason and evidence, approval by the designated administrator, old version kept with its time
        // Arrange
        var (upload, atCity) = await UploadAtCityAsync("500103C01", "500103001001", 985_001, "u-corr-1");
        using var clinic = fixture.Clinic("500103C01");
        var request = new RequestCorrectionRequest
        {
            CorrectionId = "corr-1", UploadId = upload.UploadId, RequestedBy = "500103C01-admin",
            Reason = "收缩压录入错误", Evidence = "纸质随访表照片", ChangedMeasurements = { ["systolic_mmhg"] = "140" },
            ChangedMainProblems = { "高血压", "头晕" },
        };

        // Act
        var requested = await clinic.RequestCorrectionAsync(request);
        var byRequester = await Assert.ThrowsAsync<RpcException>(() => clinic.ApproveCorrectionAsync("corr-1", "500103C01-admin"));
        var byNurse = await Assert.ThrowsAsync<RpcException>(() => clinic.ApproveCorrectionAsync("corr-1", "赵护士"));
        var approved = await clinic.ApproveCorrectionAsync("corr-1", "500103C01-director");
        var versions = (await clinic.ListServiceRecordVersionsAsync(upload.UploadId, 0, "")).Versions;
        var timeline = await TimelineAsync("500103", upload.RecordNumber);

        // Assert
        Assert.Equal(CorrectionState.Pending, requested.State);
        AssertRefusedByRcRule(byRequester, "requester");
        AssertRefusedByRcRule(byNurse, "designated administrator");
        Assert.Equal((CorrectionState.Approved, "500103C01-director"), (approved.State, approved.DecidedBy));
        Assert.Equal([1, 2], versions.Select(v => v.Version));
        Assert.Equal(("150", "", atCity.ReceivedAt), (versions[0].Record.Measurements["systolic_mmhg"], versions[0].CorrectionId, versions[0].ValidFrom));
        Assert.Equal(["随访"], versions[0].Record.MainProblems);
        Assert.Equal(("140", "corr-1", "500103C01-director", approved.DecidedAt),
            (versions[1].Record.Measurements["systolic_mmhg"], versions[1].CorrectionId, versions[1].ApprovedBy, versions[1].ValidFrom));
        Assert.Equal(["高血压", "头晕"], versions[1].Record.MainProblems);
        var current = Assert.Single(timeline);
        Assert.Equal(("140", "95"), (current.Measurements["systolic_mmhg"], current.Measurements["diastolic_mmhg"]));
        Assert.Equal(["高血压", "头晕"], current.MainProblems);
    }

    [Fact]
    public async Task OriginalUpload_ResentAfterACorrection_GetsItsOriginalAckAndNoSecondCopy()
    {
        // R-RC-3 with exactly-once uploads: the upload's fingerprint is kept, the corrected content stays current
        // Arrange
        var (upload, _) = await UploadAtCityAsync("500103C02", "500103002001", 985_002, "u-corr-2");
        using var clinic = fixture.Clinic("500103C02");
        await clinic.RequestCorrectionAsync(new RequestCorrectionRequest
        {
            CorrectionId = "corr-2", UploadId = upload.UploadId, RequestedBy = "王医生", Reason = "录入错误", Evidence = "原始记录",
            ChangedMeasurements = { ["systolic_mmhg"] = "135" },
        });
        await clinic.ApproveCorrectionAsync("corr-2", "500103C02-admin");
        using var queue = Uploads.NewQueue();
        queue.Enqueue([upload.Clone()]);

        // Act: again through the clinic's queue, and straight to the city as the district's relay would
        var resent = await Uploads.SyncAsync(clinic, queue);
        var cityAck = await RelayToCityAsync("500103", upload);

        // Assert
        Assert.Equal((1L, 0L), (resent.Acknowledged, resent.Rejected));
        Assert.Equal(UploadOutcome.Accepted, cityAck.Outcome);
        Assert.Equal(1, await Uploads.CityScalarAsync(fixture.Federation, "SELECT COUNT(*) FROM service_records WHERE upload_id = 'u-corr-2'"));
        Assert.Equal("135", Assert.Single(await TimelineAsync("500103", upload.RecordNumber)).Measurements["systolic_mmhg"]);
    }

    [Fact]
    public async Task Correction_ByAClinicOfAnotherDistrict_IsRefused()
    {
        // R-RC-3: only the institution that made the service requests its correction
        // Arrange
        var (upload, _) = await UploadAtCityAsync("500103C03", "500103003001", 985_003, "u-corr-3");
        using var otherClinic = fixture.Clinic("500105C01");
        var request = new RequestCorrectionRequest
        {
            CorrectionId = "corr-3", UploadId = upload.UploadId, RequestedBy = "赵医生", Reason = "录入错误", Evidence = "原始记录",
            ChangedMeasurements = { ["systolic_mmhg"] = "135" },
        };

        using var districtChannel = TestChannel.For(fixture.Federation.Districts["500105"].Address);
        using var cityChannel = TestChannel.For(fixture.Federation.City.Address);
        var asTheOwner = new RequestCorrectionRequest(request) { InstitutionCode = "500103C03" };

        // Act: as itself; naming the clinic that served, at its district; its district naming that clinic at the city
        var asItself = await Assert.ThrowsAsync<RpcException>(() => otherClinic.RequestCorrectionAsync(request));
        var posingAtItsDistrict = await Assert.ThrowsAsync<RpcException>(() => Corrections(districtChannel, "institution:500105C01", district: true)
            .UnaryAsync<RequestCorrectionRequest, ServiceCorrection>("RequestCorrection", asTheOwner));
        var itsDistrictAtTheCity = await Assert.ThrowsAsync<RpcException>(() => Corrections(cityChannel, "district:500105", district: false)
            .UnaryAsync<RequestCorrectionRequest, ServiceCorrection>("RequestCorrection", asTheOwner));

        // Assert
        AssertRefusedByRcRule(asItself, "institution that made the service");
        AssertInvalidInstitution(posingAtItsDistrict);
        AssertInvalidInstitution(itsDistrictAtTheCity);
        Assert.Equal(0, await Uploads.CityScalarAsync(fixture.Federation, "SELECT COUNT(*) FROM service_corrections WHERE upload_id = 'u-corr-3'"));
    }

    [Fact]
    public async Task Correction_RequestedAgain_IsTheSame_ReusedIdIsRefused_AndARejectionIsFinal()
    {
        // R-RC-3: a re-sent request is recognised; a rejected correction changes nothing and is decided once
        // Arrange
        var (upload, atCity) = await UploadAtCityAsync("500105C02", "500105002001", 985_004, "u-corr-4");
        using var clinic = fixture.Clinic("500105C02");
        var request = new RequestCorrectionRequest
        {
            CorrectionId = "corr-4", UploadId = upload.UploadId, RequestedBy = "王医生", Reason = "录入错误", Evidence = "原始记录",
            ChangedMeasurements = { ["diastolic_mmhg"] = "" },
        };

        // Act
        var first = await clinic.RequestCorrectionAsync(request);
        var repeat = await clinic.RequestCorrectionAsync(request);
        var reused = await Assert.ThrowsAsync<RpcException>(() => clinic.RequestCorrectionAsync(new(request) { Reason = "别的原因" }));
        var unknown = await Assert.ThrowsAsync<RpcException>(() => clinic.RequestCorrectionAsync(new(request) { CorrectionId = "corr-4b", UploadId = "no-such-upload" }));
        var rejected = await clinic.RejectCorrectionAsync("corr-4", "500105C02-admin", "证据不足");
        var approvedLater = await Assert.ThrowsAsync<RpcException>(() => clinic.ApproveCorrectionAsync("corr-4", "500105C02-admin"));
        var listed = await clinic.ListCorrectionsAsync(CorrectionState.Rejected, 0, "");
        using var districtChannel = TestChannel.For(fixture.Federation.Districts["500105"].Address);
        var listedForDistrictIt = await Corrections(districtChannel, "district:500105", district: true)
            .UnaryAsync<ListCorrectionsRequest, ListCorrectionsResponse>("ListCorrections", new());
        var versions = (await clinic.ListServiceRecordVersionsAsync(upload.UploadId, 0, "")).Versions;

        // Assert
        Assert.Equal(first, repeat);
        Assert.Equal(StatusCode.InvalidArgument, reused.StatusCode);
        Assert.Equal("correction_id", Assert.Single(reused.GetDetail<BadRequest>()!.FieldViolations).Field);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        Assert.Equal((CorrectionState.Rejected, "证据不足"), (rejected.State, rejected.DecisionReason));
        AssertRefusedByRcRule(approvedLater, "already rejected");
        Assert.Equal(["corr-4"], listed.Corrections.Select(c => c.CorrectionId));
        Assert.Contains(listedForDistrictIt.Corrections, c => c.CorrectionId == "corr-4"); // district IT: all its clinics', no other's
        Assert.All(listedForDistrictIt.Corrections, c => Assert.StartsWith("500105", c.InstitutionCode));
        var only = Assert.Single(versions);
        Assert.Equal(("95", atCity.ReceivedAt), (only.Record.Measurements["diastolic_mmhg"], only.ValidFrom));
    }

    /// <summary>Enrolls a resident, uploads one hypertension follow-up through the district, waits until the city has it.</summary>
    private async Task<(ServiceRecord Upload, ServiceRecord AtCity)> UploadAtCityAsync(string institution, string committee, long identity, string uploadId)
    {
        using var clinic = fixture.Clinic(institution);
        var entry = await clinic.EnrollAsync(Requests.Enroll(TestIdentities.CitizenId(identity), institution, committee));
        var upload = Uploads.Service(uploadId, entry.RecordNumber, institution, Uploads.Today.AddDays(-1), ServiceKind.HypertensionFollowUp,
            ("systolic_mmhg", "150"), ("diastolic_mmhg", "95"));
        using var queue = Uploads.NewQueue();
        queue.Enqueue([upload.Clone()]);
        await Uploads.SyncAsync(clinic, queue);
        IReadOnlyList<ServiceRecord> atCity = [];
        await Uploads.EventuallyAsync(async () => (atCity = await TimelineAsync(institution[..6], entry.RecordNumber)).Count == 1,
            TimeSpan.FromSeconds(30), $"{uploadId} at the city");
        return (upload, atCity[0]);
    }

    private async Task<IReadOnlyList<ServiceRecord>> TimelineAsync(string district, string recordNumber)
    {
        using var city = TestChannel.For(fixture.Federation.City.Address);
        var response = await Uploads.CityTimeline(city, district)
            .UnaryAsync<ListServiceRecordsRequest, ListServiceRecordsResponse>("ListServiceRecords", new() { RecordNumber = recordNumber });
        return response.Records;
    }

    private async Task<UploadAck> RelayToCityAsync(string district, ServiceRecord upload)
    {
        using var city = TestChannel.For(fixture.Federation.City.Address);
        var relay = new ServiceClient(city, ServiceRelayReflection.Descriptor.FindTypeByName<ServiceDescriptor>("ServiceRecordRelay"),
            () => CallerMetadata.For($"district:{district}"));
        using var call = relay.DuplexStreaming<RelayServiceRecordsRequest, RelayServiceRecordsResponse>("RelayServiceRecords");
        await call.RequestStream.WriteAsync(new RelayServiceRecordsRequest { Records = { upload } });
        Assert.True(await call.ResponseStream.MoveNext());
        var ack = Assert.Single(call.ResponseStream.Current.Acks);
        await call.RequestStream.CompleteAsync();
        return ack;
    }

    /// <summary>The correction service of a district or of the city, called with the given identity.</summary>
    private static ServiceClient Corrections(GrpcChannel channel, string caller, bool district) =>
        new(channel,
            district
                ? District.ServiceCorrectionsReflection.Descriptor.FindTypeByName<ServiceDescriptor>("ClinicCorrectionService")
                : ServiceCorrectionsReflection.Descriptor.FindTypeByName<ServiceDescriptor>("ServiceCorrectionService"),
            () => CallerMetadata.For(caller));

    private static void AssertRefusedByRcRule(RpcException e, string why)
    {
        Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode);
        Assert.Equal("R-RC-3", e.GetDetail<PreconditionFailure>()!.Violations.Single().Type);
        Assert.Contains(why, e.Status.Detail);
    }

    private static void AssertInvalidInstitution(RpcException e)
    {
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Equal("institution_code", Assert.Single(e.GetDetail<BadRequest>()!.FieldViolations).Field);
    }
}
