using Google.Protobuf;
using HealthRecords.Grains.Access;
using HealthRecords.Rpc;
using HealthRecords.TestSupport;
using City = HealthRecords.Contracts.City.V1;
using Role = HealthRecords.Grains.Access.Role;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace HealthRecords.Integration.Tests.Quality;

/// <summary>R-CN-4 data-quality reports through a real city process, each administrator tier within its scope.</summary>
public sealed class DataQualityTests(FederationFixture fixture) : IClassFixture<FederationFixture>
{
    private const string Clinic = "500103C02";
    private static readonly Principal Administrator = new("ca-qian", Principal.CityInstitution, Role.CityAdministrator);

    private Federation Federation => fixture.Federation;

    [Fact]
    public async Task Report_AndPagedFindings_AgreeAndNameNoIdentity_AndAreAudited()
    {
        // R-CN-4, R-AC-5 (audited), R-AC-6 (no identity number in the answer)
        // Arrange: two residents of one clinic, one enrolled without a phone
        using var city = TestChannel.For(Federation.City.Address);
        var withPhone = Enrollment(TestIdentities.CitizenId(810_001), "13800000000");
        var withoutPhone = Enrollment(TestIdentities.CitizenId(820_002), "");
        var masterIndex = Feeds.CityService(city, "500103", City.MasterIndexReflection.Descriptor, "MasterIndexService");
        var complete = (await masterIndex.UnaryAsync<City.EnrollResidentRequest, City.EnrollResidentResponse>("EnrollResident", withPhone)).Entry.RecordNumber;
        var phoneless = (await masterIndex.UnaryAsync<City.EnrollResidentRequest, City.EnrollResidentResponse>("EnrollResident", withoutPhone)).Entry.RecordNumber;
        var quality = AsCityAdministrator();
        var scope = new City.QualityScope { InstitutionCode = Clinic };

        // Act
        var report = await quality.UnaryAsync<City.GetQualityReportRequest, City.QualityReport>("GetQualityReport", new() { Scope = scope });
        var missing = new List<City.QualityFinding>();
        var token = "";
        var pages = 0;
        do
        {
            var page = await ListAsync(quality, new() { Scope = scope, Kind = City.QualityFindingKind.MissingField, PageSize = 1, PageToken = token });
            missing.AddRange(page.Findings);
            token = page.NextPageToken;
            pages++;
        } while (token.Length > 0);
        var badToken = await Assert.ThrowsAsync<RpcException>(() => ListAsync(quality, new() { Scope = scope, PageToken = "bm90LW91cnM=" }));
        var unknownClinic = await Assert.ThrowsAsync<RpcException>(() => ListAsync(quality, new() { Scope = new() { InstitutionCode = "500199C01" } }));
        var unknownDistrict = await Assert.ThrowsAsync<RpcException>(() => quality.UnaryAsync<City.GetQualityReportRequest, City.QualityReport>(
            "GetQualityReport", new() { Scope = new() { DistrictCode = "500199" } }));
        var negativePageSize = await Assert.ThrowsAsync<RpcException>(() => ListAsync(quality, new() { Scope = scope, PageSize = -1 }));
        var audit = await AuditAsync("list_quality_findings");

        // Assert
        var clinic = Assert.Single(report.Clinics);
        Assert.Equal((Clinic, "500103", 2L), (clinic.InstitutionCode, clinic.DistrictCode, clinic.Figures.RecordsOwned));
        Assert.True(clinic.Figures.Score < 100, $"score {clinic.Figures.Score}");
        Assert.Equal(report.Total.Findings.MissingField, missing.Count);
        Assert.Equal(missing.Count, pages);
        Assert.Contains(missing, f => (f.RecordNumber, f.Field) == (phoneless, "phone"));
        Assert.DoesNotContain(missing, f => (f.RecordNumber, f.Field) == (complete, "phone"));
        Assert.All(missing, f => Assert.Equal((Clinic, City.QualityFindingKind.MissingField), (f.InstitutionCode, f.Kind)));
        var text = string.Join("\n", missing.Select(f => JsonFormatter.Default.Format(f)));
        Assert.DoesNotContain(withPhone.Identity.CitizenIdNumber, text, StringComparison.Ordinal);
        Assert.DoesNotContain(withoutPhone.Identity.CitizenIdNumber, text, StringComparison.Ordinal);
        Assert.DoesNotContain(withPhone.Profile.Name, text, StringComparison.Ordinal);
        Assert.Equal((StatusCode.InvalidArgument, "page_token"), (badToken.StatusCode, Field(badToken)));
        Assert.Equal((StatusCode.InvalidArgument, "scope.institution_code"), (unknownClinic.StatusCode, Field(unknownClinic)));
        Assert.Equal((StatusCode.InvalidArgument, "scope.district_code"), (unknownDistrict.StatusCode, Field(unknownDistrict)));
        Assert.Equal((StatusCode.InvalidArgument, "page_size"), (negativePageSize.StatusCode, Field(negativePageSize)));
        Assert.Contains(audit, e => e.Outcome == City.AccessOutcome.Allowed && e.UserId == Administrator.User
            && e.Basis.Contains($"on records {missing[0].RecordNumber}..{missing[0].RecordNumber}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DistrictAdministrator_ReadsOwnDistrict_AndIsRefusedAnotherDistrictsReport()
    {
        // R-CN-4 (tiered administrators, R-AC-5): refused with the rule, and the refusal audited
        var yuzhong = ThroughDistrict("500103", new Principal("da-chen", "500103", Role.DistrictAdministrator));

        var own = await yuzhong.UnaryAsync<City.GetQualityReportRequest, City.QualityReport>("GetQualityReport",
            new() { Scope = new() { DistrictCode = "500103" } });
        var other = await Assert.ThrowsAsync<RpcException>(() => yuzhong.UnaryAsync<City.GetQualityReportRequest, City.QualityReport>(
            "GetQualityReport", new() { Scope = new() { DistrictCode = "500105" } }));
        var wholeCity = await Assert.ThrowsAsync<RpcException>(() => yuzhong.UnaryAsync<City.GetQualityReportRequest, City.QualityReport>(
            "GetQualityReport", new() { Scope = new() }));
        var audit = await AuditAsync("read_quality_report");

        Assert.Equal("500103", own.Scope.DistrictCode);
        Assert.All(own.Districts, d => Assert.Equal("500103", d.DistrictCode));
        var info = other.GetDetail<Google.Rpc.ErrorInfo>();
        Assert.Equal((StatusCode.PermissionDenied, "NOT_OWN_SCOPE", "R-CN-4"), (other.StatusCode, info?.Reason, info?.Metadata["rule"]));
        Assert.Contains("R-CN-4", other.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.PermissionDenied, wholeCity.StatusCode);
        Assert.Contains(audit, e => e.Outcome == City.AccessOutcome.Denied && e.UserId == "da-chen" && e.Basis.Contains("500105", StringComparison.Ordinal));
    }

    private static City.EnrollResidentRequest Enrollment(string citizenId, string phone)
    {
        var request = Requests.Enroll(citizenId, Clinic, "500103001001");
        request.Profile.Phone = phone;
        return new City.EnrollResidentRequest
        {
            RequestId = request.RequestId, EnrollingInstitutionCode = Clinic, EnrolledBy = request.EnrolledBy,
            ResidenceCommitteeCode = request.ResidenceCommitteeCode, Identity = request.Identity, Profile = request.Profile,
        };
    }

    private static ServiceDescriptor Descriptor => City.DataQualityReflection.Descriptor.FindTypeByName<ServiceDescriptor>("DataQualityService");

    private ServiceClient AsCityAdministrator() => new(TestChannel.For(Federation.City.Address), Descriptor, () => new Metadata
    {
        { "hr-caller", $"administrator:{Administrator.User}" }, { "authorization", TestTokens.Bearer(Administrator) },
    });

    private ServiceClient ThroughDistrict(string district, Principal user) => new(TestChannel.For(Federation.City.Address), Descriptor, () => new Metadata
    {
        { "hr-caller", $"district:{district}" }, { "authorization", TestTokens.Bearer(user) },
    });

    private static Task<City.ListQualityFindingsResponse> ListAsync(ServiceClient client, City.ListQualityFindingsRequest request) =>
        client.UnaryAsync<City.ListQualityFindingsRequest, City.ListQualityFindingsResponse>("ListQualityFindings", request);

    private async Task<IReadOnlyList<City.AccessAuditEntry>> AuditAsync(string action)
    {
        var auditService = new ServiceClient(TestChannel.For(Federation.City.Address),
            City.OffsiteServicesReflection.Descriptor.FindTypeByName<ServiceDescriptor>("AccessAuditService"), () => new Metadata
            {
                { "hr-caller", $"administrator:{Administrator.User}" }, { "authorization", TestTokens.Bearer(Administrator) },
            });
        var response = await auditService.UnaryAsync<City.ListAccessAuditRequest, City.ListAccessAuditResponse>("ListAccessAudit",
            new() { Action = action, PageSize = 100 });
        return response.Entries;
    }

    private static string? Field(RpcException e) => e.GetDetail<Google.Rpc.BadRequest>()?.FieldViolations.Single().Field;
}
