using HealthRecords.Contracts.Types.V1;
using HealthRecords.Rpc;
using HealthRecords.TestSupport;
using City = HealthRecords.Contracts.City.V1;

namespace HealthRecords.Integration.Tests;

/// <summary>
/// Off-site service on real processes (R-OS-1..5): a resident owned by a clinic of district 500103 is
/// served by clinics of 500106 and 500105, which look the resident up through their districts and the
/// city, upload on the normal path, and the owning clinic is told through its district's inbox.
/// </summary>
public sealed class OffsiteServiceTests(FederationFixture fixture) : IClassFixture<FederationFixture>
{
    private const string Owner = "500103C01";
    private const string Serving = "500106C01";
    private const string SecondServing = "500105C01";
    private static int _next;

    private Federation Federation => fixture.Federation;

    private static DateOnly Today => Uploads.Today;

    private async Task<MasterIndexEntry> EnrollAsync(GrpcChannel city, int bornYear) =>
        await OffsiteCalls.EnrollBornAsync(city, Interlocked.Increment(ref _next), bornYear, Owner, "500103001001");

    [Fact]
    public async Task OffsiteExamination_IsNoticedInTheOwnersInbox_CountsForTheServingClinic_AndASecondLookupSaysItWasGiven()
    {
        // R-OS-1 (elderly = key population), R-OS-2 (summary through district and city, audited),
        // R-OS-3 (notice in the owning clinic's inbox until read), R-OS-4 (given this year, and where), R-OS-5.
        // Arrange
        using var city = TestChannel.For(Federation.City.Address);
        using var ownerDistrict = TestChannel.For(Federation.Districts["500103"].Address);
        using var servingDistrict = TestChannel.For(Federation.Districts["500106"].Address);
        using var secondDistrict = TestChannel.For(Federation.Districts["500105"].Address);
        var record = await EnrollAsync(city, bornYear: 1950);
        var workloadsBefore = await WorkloadsAsync(city);
        var countsBefore = await OffsiteCountsAsync(city);
        var exam = Uploads.Service($"os-exam-{record.RecordNumber}", record.RecordNumber, Serving, Today, ServiceKind.HealthExamination,
            ("annual_free_exam", "true"), ("systolic_mmhg", "150"), ("diastolic_mmhg", "92"));

        // Act
        var before = await OffsiteCalls.LookUpAsync(servingDistrict, Serving, record.RecordNumber);
        await OffsiteCalls.UploadAsync(Federation, exam);
        var notice = await EventuallyNoticeAsync(ownerDistrict, exam.UploadId);
        var second = await OffsiteCalls.LookUpAsync(secondDistrict, SecondServing, record.RecordNumber);
        var stored = await Uploads.CityTimeline(city, "500103").UnaryAsync<City.ListServiceRecordsRequest, City.ListServiceRecordsResponse>(
            "ListServiceRecords", new() { RecordNumber = record.RecordNumber });
        var audit = await OffsiteCalls.AuditOfRecordAsync(ownerDistrict, Owner, record.RecordNumber);
        var workloadsAfter = await WorkloadsAsync(city);
        var countsAfter = await OffsiteCountsAsync(city);

        // Assert
        Assert.Equal(AccessBasis.KeyPopulation, before.AccessBasis);
        Assert.Contains(KeyPopulation.Elderly, before.KeyPopulations);
        Assert.Equal(record.RecordNumber, before.Cover.Entry.RecordNumber);
        Assert.Equal(Owner, before.Cover.Entry.OwningInstitutionCode);
        Assert.False(Assert.Single(before.FreeAnnualServices).GivenThisYear);

        Assert.True(Assert.Single(stored.Records).Offsite);
        Assert.Equal(Serving, notice.ServingInstitutionCode);
        Assert.Equal("500106", notice.ServingDistrictCode);
        Assert.Equal(Owner, notice.OwningInstitutionCode);
        Assert.Equal(ServiceKind.HealthExamination, notice.Kind);

        var given = Assert.Single(second.FreeAnnualServices);
        Assert.Equal("elderly_annual_health_examination", given.Service);
        Assert.True(given.GivenThisYear);
        Assert.Equal(Serving, given.GivenByInstitutionCode);
        Assert.Equal("500106", given.GivenByDistrictCode);
        Assert.Contains(second.FollowUps, f => f.Kind == ServiceKind.HealthExamination && f.Measurements["systolic_mmhg"] == "150");

        Assert.Equal([(Serving, "500106"), (SecondServing, "500105")], audit.Select(a => (a.InstitutionCode, a.CallerDistrictCode)));
        Assert.All(audit, a => Assert.Equal(City.AccessOutcome.Allowed, a.Outcome));
        Assert.All(audit, a => Assert.Equal("key_population", a.Basis));
        Assert.Equal(second.AuditId, audit[^1].AuditId);

        // R-OS-5: the serving clinic's workload and off-site count, not the owner's workload.
        Assert.Equal(workloadsBefore[Serving] + 1, workloadsAfter[Serving]);
        Assert.Equal(workloadsBefore[Owner], workloadsAfter[Owner]);
        Assert.Equal(countsBefore[Serving].ServedForOthers + 1, countsAfter[Serving].ServedForOthers);
        Assert.Equal(countsBefore[Owner].ServedElsewhere + 1, countsAfter[Owner].ServedElsewhere);
        Assert.Equal(countsBefore["500106"].ServedForOthers + 1, countsAfter["500106"].ServedForOthers);
        Assert.Equal(countsBefore["500103"].ServedElsewhere + 1, countsAfter["500103"].ServedElsewhere);
    }

    [Fact]
    public async Task NoticeStaysInTheInbox_UntilAStaffMemberMarksItRead()
    {
        // R-OS-3: the owning clinic's staff are prompted until one of them has seen it.
        // Arrange
        using var city = TestChannel.For(Federation.City.Address);
        using var ownerDistrict = TestChannel.For(Federation.Districts["500103"].Address);
        var record = await EnrollAsync(city, bornYear: 1948);
        var visit = Uploads.Service($"os-visit-{record.RecordNumber}", record.RecordNumber, Serving, Today, ServiceKind.ElderlyFollowUp);
        await OffsiteCalls.UploadAsync(Federation, visit);
        await EventuallyNoticeAsync(ownerDistrict, visit.UploadId);

        // Act
        var read = await OffsiteCalls.Inbox(ownerDistrict, Owner).UnaryAsync<Contracts.District.V1.MarkNoticeReadRequest, OffsiteServiceNotice>(
            "MarkNoticeRead", new() { InstitutionCode = Owner, NoticeId = visit.UploadId, ReadBy = "钱护士" });
        var inbox = await OffsiteCalls.InboxAsync(ownerDistrict, Owner);

        // Assert
        Assert.Equal("钱护士", read.ReadBy);
        Assert.NotNull(read.ReadAt);
        Assert.DoesNotContain(inbox, i => i.OffsiteServiceNotice?.NoticeId == visit.UploadId);
    }

    [Fact]
    public async Task OffsiteSummary_OfAResidentOutsideTheKeyPopulations_WithoutAVerifiedAuthorization_IsPermissionDenied_AndAudited()
    {
        // R-OS-2: another clinic sees a resident outside the key populations only with the resident's authorization,
        // and since R-AC-2 that is the resident's code verified by the city, not the clinic's own statement.
        // Arrange
        using var city = TestChannel.For(Federation.City.Address);
        using var ownerDistrict = TestChannel.For(Federation.Districts["500103"].Address);
        using var servingDistrict = TestChannel.For(Federation.Districts["500106"].Address);
        var record = await EnrollAsync(city, bornYear: 1995);
        var stated = new ResidentAuthorization { Method = ConsentMethod.SignedOnSite, Evidence = "授权书 2026-118" };

        // Act
        var refused = await Assert.ThrowsAsync<RpcException>(() => OffsiteCalls.LookUpAsync(servingDistrict, Serving, record.RecordNumber, purpose: "门诊"));
        var statedOnly = await Assert.ThrowsAsync<RpcException>(() => OffsiteCalls.LookUpAsync(servingDistrict, Serving, record.RecordNumber, stated, purpose: "门诊"));
        var grant = await Security.ResidentCodes.GrantAsync(Federation, Serving, record.RecordNumber, "门诊");
        var authorized = await OffsiteCalls.LookUpAsync(servingDistrict, Serving, record.RecordNumber, stated, purpose: "门诊");
        var audit = await OffsiteCalls.AuditOfRecordAsync(ownerDistrict, Owner, record.RecordNumber);

        // Assert
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        var info = refused.GetDetail<Google.Rpc.ErrorInfo>()!;
        Assert.Equal("NOT_KEY_POPULATION", info.Reason);
        Assert.Equal("R-OS-2", info.Metadata["rule"]);
        Assert.Equal((StatusCode.PermissionDenied, "NOT_KEY_POPULATION"), (statedOnly.StatusCode, statedOnly.GetDetail<Google.Rpc.ErrorInfo>()!.Reason));
        Assert.Empty(authorized.KeyPopulations);
        Assert.Equal(AccessBasis.ResidentAuthorization, authorized.AccessBasis);
        Assert.Equal(3, audit.Count);
        Assert.Equal((City.AccessOutcome.Denied, "R-OS-2", "门诊"), (audit[0].Outcome, audit[0].Basis, audit[0].Purpose));
        Assert.Equal(info.Metadata["audit_id"], audit[0].AuditId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal((City.AccessOutcome.Denied, "R-OS-2"), (audit[1].Outcome, audit[1].Basis));
        Assert.Equal((City.AccessOutcome.Allowed, "resident_authorization"), (audit[2].Outcome, audit[2].Basis));
        Assert.Equal($"grant {grant.GrantId}; 授权书 2026-118", audit[2].Authorization.Evidence);
        Assert.Equal("赵医生", audit[2].Staff);
    }

    [Fact]
    public async Task OffsiteSummary_ByAUserOfAnotherClinic_OrWithoutAToken_IsRefused()
    {
        // R-OS-2, R-AC-5: the lookup is made by a signed-in user of the serving clinic
        // Arrange
        using var city = TestChannel.For(Federation.City.Address);
        using var servingDistrict = TestChannel.For(Federation.Districts["500106"].Address);
        var record = await EnrollAsync(city, bornYear: 1950);
        var request = new City.GetOffsiteSummaryRequest { ServingInstitutionCode = Serving, Staff = "赵医生", RecordNumber = record.RecordNumber, Purpose = "体检" };
        ServiceClient Offsite(Metadata headers) => new(servingDistrict,
            Contracts.District.V1.OffsiteServicesReflection.Descriptor.FindTypeByName<Google.Protobuf.Reflection.ServiceDescriptor>("ClinicOffsiteService"), () => headers);

        // Act
        var noToken = await Assert.ThrowsAsync<RpcException>(() => Offsite(new Metadata { { "hr-caller", $"institution:{Serving}" } })
            .UnaryAsync<City.GetOffsiteSummaryRequest, OffsiteSummary>("GetOffsiteSummary", request));
        var neighboursToken = await Assert.ThrowsAsync<RpcException>(() => Offsite(new Metadata
            {
                { "hr-caller", "district:500106" }, { "authorization", TestTokens.Clinician("500106C02") },
            }).UnaryAsync<City.GetOffsiteSummaryRequest, OffsiteSummary>("GetOffsiteSummary", request));

        // Assert
        Assert.Equal((StatusCode.Unauthenticated, "USER_TOKEN_REQUIRED"), (noToken.StatusCode, noToken.GetDetail<Google.Rpc.ErrorInfo>()!.Reason));
        Assert.Equal((StatusCode.PermissionDenied, "NOT_SERVING_CLINIC_STAFF"), (neighboursToken.StatusCode, neighboursToken.GetDetail<Google.Rpc.ErrorInfo>()!.Reason));
    }

    [Fact]
    public async Task OffsiteSummary_ForAResidentLivingHereSixMonths_IsRefusedUnderROS1()
    {
        // R-OS-1: off-site service is for residents living at the serving place less than the policy's 6 months.
        // Arrange
        using var city = TestChannel.For(Federation.City.Address);
        using var servingDistrict = TestChannel.For(Federation.Districts["500106"].Address);
        var record = await EnrollAsync(city, bornYear: 1945);

        // Act
        var fiveMonths = await OffsiteCalls.LookUpAsync(servingDistrict, Serving, record.RecordNumber, monthsHere: 5);
        var sixMonths = await Assert.ThrowsAsync<RpcException>(() => OffsiteCalls.LookUpAsync(servingDistrict, Serving, record.RecordNumber, monthsHere: 6));

        // Assert
        Assert.Equal(AccessBasis.KeyPopulation, fiveMonths.AccessBasis);
        Assert.Equal(StatusCode.FailedPrecondition, sixMonths.StatusCode);
        Assert.Equal("R-OS-1", CityTransfers.Rule(sixMonths));
    }

    [Fact]
    public async Task OffsiteSummary_LeavesOutSevereMentalDisorderFollowUps_AndSaysSo()
    {
        // R-AC-3 within R-OS-2: information under special protection is not in another clinic's summary.
        // Arrange
        using var city = TestChannel.For(Federation.City.Address);
        using var ownerDistrict = TestChannel.For(Federation.Districts["500103"].Address);
        using var servingDistrict = TestChannel.For(Federation.Districts["500106"].Address);
        var record = await EnrollAsync(city, bornYear: 1952);
        var mental = Uploads.Service($"os-smd-{record.RecordNumber}", record.RecordNumber, Owner, Today, ServiceKind.SevereMentalDisorderFollowUp);
        var hypertension = Uploads.Service($"os-htn-{record.RecordNumber}", record.RecordNumber, Owner, Today, ServiceKind.HypertensionFollowUp);
        await OffsiteCalls.UploadAsync(Federation, mental, hypertension);
        // The district's administration reads for management, without the severe mental disorder follow-up (R-AC-3), and is told so.
        await Uploads.EventuallyAsync(async () => await Uploads.CityTimeline(city, "500103")
            .UnaryAsync<City.ListServiceRecordsRequest, City.ListServiceRecordsResponse>("ListServiceRecords", new() { RecordNumber = record.RecordNumber })
            is { Records.Count: 1, Withheld.SevereMentalDisorderItems: 1 },
            Feeds.Timeout, "both services at the city, one withheld from the district's administration");

        // Act
        var others = await OffsiteCalls.LookUpAsync(servingDistrict, Serving, record.RecordNumber);
        var owners = await OffsiteCalls.LookUpAsync(ownerDistrict, Owner, record.RecordNumber);

        // Assert
        Assert.True(others.RestrictedInformationWithheld);
        Assert.Equal([ServiceKind.HypertensionFollowUp], others.FollowUps.Select(f => f.Kind));
        Assert.Equal([KeyPopulation.Elderly, KeyPopulation.Hypertension], others.KeyPopulations);
        Assert.Equal(AccessBasis.OwningClinic, owners.AccessBasis);
        Assert.False(owners.RestrictedInformationWithheld);
        Assert.Equal(2, owners.FollowUps.Count);
    }

    [Fact]
    public async Task OffsiteSummary_BadRequests_AreInvalidArgumentOrPermissionDenied_NamingTheField()
    {
        // Arrange
        using var city = TestChannel.For(Federation.City.Address);
        using var servingDistrict = TestChannel.For(Federation.Districts["500106"].Address);
        var record = await EnrollAsync(city, bornYear: 1950);

        // Act
        var noPurpose = await Assert.ThrowsAsync<RpcException>(() => OffsiteCalls.LookUpAsync(servingDistrict, Serving, record.RecordNumber, purpose: " "));
        var badEvidence = await Assert.ThrowsAsync<RpcException>(() => OffsiteCalls.LookUpAsync(servingDistrict, Serving, record.RecordNumber,
            new ResidentAuthorization { Method = ConsentMethod.Video }));
        var otherClinic = await Assert.ThrowsAsync<RpcException>(() => OffsiteCalls.Offsite(servingDistrict, Serving)
            .UnaryAsync<City.GetOffsiteSummaryRequest, OffsiteSummary>("GetOffsiteSummary", new()
            {
                ServingInstitutionCode = "500106C02", Staff = "赵医生", RecordNumber = record.RecordNumber, Purpose = "体检",
            }));
        var unknown = await Assert.ThrowsAsync<RpcException>(() => OffsiteCalls.LookUpAsync(servingDistrict, Serving, "50010300100199999"));

        // Assert
        Assert.Equal(StatusCode.InvalidArgument, noPurpose.StatusCode);
        Assert.Contains(noPurpose.GetDetail<Google.Rpc.BadRequest>()!.FieldViolations, v => v.Field == "purpose");
        Assert.Contains(badEvidence.GetDetail<Google.Rpc.BadRequest>()!.FieldViolations, v => v.Field == "authorization.evidence");
        Assert.Equal(StatusCode.PermissionDenied, otherClinic.StatusCode);
        Assert.Equal("NOT_OWN_INSTITUTION", otherClinic.GetDetail<Google.Rpc.ErrorInfo>()!.Reason);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
    }

    private static async Task<OffsiteServiceNotice> EventuallyNoticeAsync(GrpcChannel ownerDistrict, string noticeId)
    {
        OffsiteServiceNotice? found = null;
        await Uploads.EventuallyAsync(async () =>
        {
            found = (await OffsiteCalls.InboxAsync(ownerDistrict, Owner)).Select(i => i.OffsiteServiceNotice).FirstOrDefault(n => n?.NoticeId == noticeId);
            return found is not null;
        }, Feeds.Timeout, $"notice {noticeId} in {Owner}'s inbox");
        return found!;
    }

    private static async Task<Dictionary<string, long>> WorkloadsAsync(GrpcChannel city) =>
        (await Feeds.CityService(city, "500103", City.CountsReflection.Descriptor, "CountService")
            .UnaryAsync<City.ListYearWorkloadsRequest, City.ListYearWorkloadsResponse>("ListYearWorkloads", new() { Year = Today.Year, PageSize = 1000 }))
        .Workloads.Where(w => w.InstitutionCode != "").ToDictionary(w => w.InstitutionCode, w => w.Services);

    private static async Task<Dictionary<string, OffsiteServiceCount>> OffsiteCountsAsync(GrpcChannel city) =>
        (await Feeds.CityService(city, "500103", City.CountsReflection.Descriptor, "CountService")
            .UnaryAsync<City.ListOffsiteServiceCountsRequest, City.ListOffsiteServiceCountsResponse>("ListOffsiteServiceCounts", new() { Year = Today.Year, PageSize = 1000 }))
        .Counts.ToDictionary(c => c.InstitutionCode == "" ? c.DistrictCode : c.InstitutionCode);
}
