using Google.Protobuf.Reflection;
using HealthRecords.Contracts.Types.V1;
using HealthRecords.Grains.Access;
using HealthRecords.Rpc;
using HealthRecords.TestSupport;
using City = HealthRecords.Contracts.City.V1;
using District = HealthRecords.Contracts.District.V1;
using Role = HealthRecords.Grains.Access.Role;
using AccessGrant = HealthRecords.Contracts.Types.V1.AccessGrant;

namespace HealthRecords.Integration.Tests.Security;

/// <summary>
/// Reads of a resident's record through real district and city processes, with users' signed tokens:
/// the owner, another clinic's clinician with the resident's SMS code or in an emergency, guardians
/// and residents (R-AC-1, R-AC-2, R-AC-3, R-AC-5).
/// </summary>
public sealed class RecordAccessTests(FederationFixture fixture) : IClassFixture<FederationFixture>
{
    private const string Owner = "500103C01";
    private const string Other = "500105C01";
    private static long _next = 7_000;

    private Federation Federation => fixture.Federation;

    /// <summary>A resident of 500103C01 born 1960 with a hypertension follow-up, a severe mental disorder follow-up and a not-open visit.</summary>
    private async Task<MasterIndexEntry> ResidentWithServicesAsync()
    {
        using var city = TestChannel.For(Federation.City.Address);
        var record = await OffsiteCalls.EnrollBornAsync(city, Interlocked.Increment(ref _next), 1960, Owner, "500103001001");
        var today = Uploads.Today;
        var notOpen = Uploads.Service($"ac-private-{record.RecordNumber}", record.RecordNumber, Owner, today);
        notOpen.PrivacyLevel = Contracts.Types.V1.PrivacyLevel.NotOpen;
        await OffsiteCalls.UploadAsync(Federation,
            Uploads.Service($"ac-htn-{record.RecordNumber}", record.RecordNumber, Owner, today, ServiceKind.HypertensionFollowUp),
            Uploads.Service($"ac-smd-{record.RecordNumber}", record.RecordNumber, Owner, today, ServiceKind.SevereMentalDisorderFollowUp),
            notOpen);
        var owner = Timeline("500103", $"institution:{Owner}", Clinician(Owner));
        await Uploads.EventuallyAsync(async () => (await ServicesAsync(owner, record.RecordNumber)).Records.Count == 3, Feeds.Timeout, "three services at the city");
        return record;
    }

    [Fact]
    public async Task Read_ByAnotherClinicsClinician_NeedsTheResidentsSmsCode_AndThenWithholdsProtectedInformation()
    {
        // R-AC-2 (resident's code, verified by the city), R-AC-3 (severe mental disorder and not-open information withheld, and said so)
        // Arrange
        var record = await ResidentWithServicesAsync();
        var doctor = Clinician(Other, "dr-he");
        var timeline = Timeline("500105", $"institution:{Other}", doctor);
        var access = RecordAccess("500105", $"institution:{Other}", doctor);

        // Act
        var before = await Assert.ThrowsAsync<RpcException>(() => HomepageAsync(timeline, record.RecordNumber));
        var challenge = await access.UnaryAsync<City.RequestResidentAuthorizationRequest, City.ResidentAuthorizationChallenge>("RequestResidentAuthorization",
            new() { RecordNumber = record.RecordNumber, Purpose = "高血压复诊" });
        var code = LastSmsCode("13800000000");
        var wrong = await Assert.ThrowsAsync<RpcException>(() => ConfirmAsync(access, challenge.ChallengeId, code == "000000" ? "111111" : "000000"));
        var colleague = await Assert.ThrowsAsync<RpcException>(() => ConfirmAsync(RecordAccess("500105", $"institution:{Other}", Clinician(Other, "dr-zhang")), challenge.ChallengeId, code));
        var grant = await ConfirmAsync(access, challenge.ChallengeId, code);
        var reused = await Assert.ThrowsAsync<RpcException>(() => ConfirmAsync(access, challenge.ChallengeId, code));
        var homepage = await HomepageAsync(timeline, record.RecordNumber);
        var services = await ServicesAsync(timeline, record.RecordNumber);
        var ownersView = await ServicesAsync(Timeline("500103", $"institution:{Owner}", Clinician(Owner)), record.RecordNumber);

        // Assert
        Assert.Equal((StatusCode.PermissionDenied, "RESIDENT_AUTHORIZATION_REQUIRED"), (before.StatusCode, Reason(before)));
        Assert.Equal("138****0000", challenge.SentTo);
        Assert.Equal((StatusCode.PermissionDenied, "RESIDENT_CODE_WRONG"), (wrong.StatusCode, Reason(wrong)));
        Assert.Equal("NOT_CHALLENGE_REQUESTER", Reason(colleague));
        Assert.Equal("RESIDENT_CODE_USED", Reason(reused));
        Assert.Equal((RecordAccessBasis.ResidentAuthorization, Other, "dr-he"), (grant.Basis, grant.InstitutionCode, grant.User));
        Assert.Equal(RecordAccessBasis.ResidentAuthorization, homepage.AccessBasis);
        Assert.DoesNotContain(City.HealthTag.SevereMentalDisorder, homepage.Tags);
        Assert.Contains(City.HealthTag.ChronicDisease, homepage.Tags);
        Assert.Equal((1, 1), (homepage.Withheld.SevereMentalDisorderItems, homepage.Withheld.PrivacyLevelItems));
        Assert.Equal([ServiceKind.HypertensionFollowUp], services.Records.Select(r => r.Kind));
        Assert.Equal(3, ownersView.Records.Count);
        Assert.Equal((0, 0), (ownersView.Withheld.SevereMentalDisorderItems, ownersView.Withheld.PrivacyLevelItems));
        Assert.Equal(RecordAccessBasis.OwningInstitution, ownersView.AccessBasis);
    }

    [Fact]
    public async Task EmergencyAccess_IsAllowedAtOnce_WithAReason_AndReportedToTheOwner()
    {
        // R-AC-2: break the glass — allowed, recorded, reported to the owning clinic through its district's events.
        // Arrange
        var record = await ResidentWithServicesAsync();
        var doctor = Clinician(Other, "dr-er");
        var access = RecordAccess("500105", $"institution:{Other}", doctor);
        var request = new City.DeclareEmergencyAccessRequest
        {
            RequestId = $"er-{record.RecordNumber}", RecordNumber = record.RecordNumber, Kind = City.EmergencyKind.LifeAtRisk,
            Reason = "昏迷送医，需要既往病史和用药",
        };

        // Act
        var noReason = await Assert.ThrowsAsync<RpcException>(() => access.UnaryAsync<City.DeclareEmergencyAccessRequest, AccessGrant>("DeclareEmergencyAccess",
            new() { RequestId = "er-x", RecordNumber = record.RecordNumber, Kind = City.EmergencyKind.LifeAtRisk, Reason = "急" }));
        var grant = await access.UnaryAsync<City.DeclareEmergencyAccessRequest, AccessGrant>("DeclareEmergencyAccess", request);
        var repeated = await access.UnaryAsync<City.DeclareEmergencyAccessRequest, AccessGrant>("DeclareEmergencyAccess", request);
        var homepage = await HomepageAsync(Timeline("500105", $"institution:{Other}", doctor), record.RecordNumber);
        using var ownerDistrict = TestChannel.For(Federation.Districts["500103"].Address);
        DistrictEvent? notice = null;
        await Uploads.EventuallyAsync(async () =>
        {
            notice = (await Feeds.DistrictEventsAsync(ownerDistrict, $"institution:{Owner}", Owner))
                .LastOrDefault(e => e.EmergencyAccess?.Grant.GrantId == grant.GrantId);
            return notice is not null;
        }, Feeds.Timeout, "the emergency notice in the owner's district");

        // Assert
        Assert.Equal(StatusCode.InvalidArgument, noReason.StatusCode);
        Assert.Contains("reason", noReason.Status.Detail);
        Assert.Equal(RecordAccessBasis.Emergency, grant.Basis);
        Assert.Equal(grant.GrantId, repeated.GrantId);
        Assert.Equal(TimeSpan.FromHours(4), grant.ExpiresAt.ToDateTimeOffset() - grant.GrantedAt.ToDateTimeOffset());
        Assert.Equal(RecordAccessBasis.Emergency, homepage.AccessBasis);
        Assert.Equal(1, homepage.Withheld.SevereMentalDisorderItems);
        Assert.Equal(Owner, notice!.EmergencyAccess.OwnerInstitutionCode);
        Assert.Contains("昏迷送医", notice.EmergencyAccess.Grant.Reason);
        Assert.Equal(("dr-er", Other), (notice.EmergencyAccess.Grant.User, notice.EmergencyAccess.Grant.InstitutionCode));
    }

    [Fact]
    public async Task Guardian_OfAnAdult_SeesGeneralInformationButNotMentalDisorderInformation_TheResidentSeesAll()
    {
        // R-AC-1: through the district's resident portal (caller = the district, user = resident or guardian).
        // Arrange
        var record = await ResidentWithServicesAsync();
        var guardian = TestTokens.Bearer(new Principal("guardian-1", "500103", Role.Guardian, Wards: [record.RecordNumber]));
        var resident = TestTokens.Bearer(new Principal("resident-1", "500103", Role.Resident, RecordNumber: record.RecordNumber));
        var stranger = TestTokens.Bearer(new Principal("guardian-2", "500103", Role.Guardian, Wards: ["50010300100199999"]));

        // Act
        var asGuardian = await HomepageAsync(Timeline("500103", "district:500103", guardian), record.RecordNumber);
        var asResident = await HomepageAsync(Timeline("500103", "district:500103", resident), record.RecordNumber);
        var notAWard = await Assert.ThrowsAsync<RpcException>(() => HomepageAsync(Timeline("500103", "district:500103", stranger), record.RecordNumber));

        // Assert
        Assert.Equal(RecordAccessBasis.GuardianOfAdult, asGuardian.AccessBasis);
        Assert.DoesNotContain(City.HealthTag.SevereMentalDisorder, asGuardian.Tags);
        Assert.Equal(1, asGuardian.Withheld.SevereMentalDisorderItems);
        Assert.Equal(RecordAccessBasis.Self, asResident.AccessBasis);
        Assert.Contains(City.HealthTag.SevereMentalDisorder, asResident.Tags);
        Assert.Equal((0, 0), (asResident.Withheld.SevereMentalDisorderItems, asResident.Withheld.PrivacyLevelItems));
        Assert.Equal((StatusCode.PermissionDenied, "NOT_A_WARD"), (notAWard.StatusCode, Reason(notAWard)));
    }

    [Fact]
    public async Task Read_WithoutAToken_OrWithAnotherDistrictsToken_IsUnauthenticated()
    {
        // R-AC-5: every read is by an authenticated user whom the calling node may act for.
        var record = await ResidentWithServicesAsync();

        var noToken = await Assert.ThrowsAsync<RpcException>(() => HomepageAsync(Timeline("500103", $"institution:{Owner}", null), record.RecordNumber));
        var foreign = await Assert.ThrowsAsync<RpcException>(() => HomepageAsync(Timeline("500103", $"institution:{Owner}", Clinician(Other)), record.RecordNumber));
        var expired = await Assert.ThrowsAsync<RpcException>(() => HomepageAsync(
            Timeline("500103", $"institution:{Owner}", TestTokens.Bearer(new Principal("dr", Owner, Role.Clinician), DateTimeOffset.UtcNow.AddDays(-2), TimeSpan.FromDays(1))),
            record.RecordNumber));

        Assert.Equal((StatusCode.Unauthenticated, "USER_TOKEN_REQUIRED"), (noToken.StatusCode, Reason(noToken)));
        Assert.Equal((StatusCode.Unauthenticated, "TOKEN_INSTITUTION_MISMATCH"), (foreign.StatusCode, Reason(foreign)));
        Assert.Equal((StatusCode.Unauthenticated, "TOKEN_EXPIRED"), (expired.StatusCode, Reason(expired)));
    }

    private static string Clinician(string institution, string user = "dr-owner") => TestTokens.Bearer(new Principal(user, institution, Role.Clinician));

    private ServiceClient Timeline(string district, string caller, string? bearer) =>
        Service(district, caller, bearer, District.RecordTimelineReflection.Descriptor, "ClinicRecordTimelineService");

    private ServiceClient RecordAccess(string district, string caller, string bearer) =>
        Service(district, caller, bearer, District.RecordAccessReflection.Descriptor, "ClinicRecordAccessService");

    private ServiceClient Service(string district, string caller, string? bearer, FileDescriptor file, string service) =>
        new(TestChannel.For(Federation.Districts[district].Address), file.FindTypeByName<ServiceDescriptor>(service), () =>
            bearer is null ? new Metadata { { "hr-caller", caller } } : new Metadata { { "hr-caller", caller }, { "authorization", bearer } });

    private static Task<City.RecordHomepage> HomepageAsync(ServiceClient timeline, string recordNumber) =>
        timeline.UnaryAsync<City.GetRecordHomepageRequest, City.RecordHomepage>("GetRecordHomepage", new() { RecordNumber = recordNumber });

    private static Task<City.ListServiceRecordsResponse> ServicesAsync(ServiceClient timeline, string recordNumber) =>
        timeline.UnaryAsync<City.ListServiceRecordsRequest, City.ListServiceRecordsResponse>("ListServiceRecords", new() { RecordNumber = recordNumber, PageSize = 100 });

    private static Task<AccessGrant> ConfirmAsync(ServiceClient access, string challengeId, string code) =>
        access.UnaryAsync<City.ConfirmResidentAuthorizationRequest, AccessGrant>("ConfirmResidentAuthorization", new() { ChallengeId = challengeId, Code = code });

    private string LastSmsCode(string phone) => ResidentCodes.LastSmsCode(Federation, phone);

    private static string? Reason(RpcException e) => e.GetDetail<Google.Rpc.ErrorInfo>()?.Reason;
}
