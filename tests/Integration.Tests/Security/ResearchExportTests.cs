using Google.Protobuf;
using HealthRecords.Contracts.Types.V1;
using HealthRecords.Grains.Access;
using HealthRecords.Rpc;
using HealthRecords.TestSupport;
using City = HealthRecords.Contracts.City.V1;
using Role = HealthRecords.Grains.Access.Role;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace HealthRecords.Integration.Tests.Security;

/// <summary>
/// De-identified research exports through a real city process (R-AC-4): requested by a researcher,
/// approved by a city administrator, downloaded by the requester without any direct identifier.
/// </summary>
public sealed class ResearchExportTests(FederationFixture fixture) : IClassFixture<FederationFixture>
{
    private const string Clinic = "500103C01";
    private static readonly Principal Researcher = new("re-zhou", Principal.CityInstitution, Role.Researcher);
    private static readonly Principal Administrator = new("ca-sun", Principal.CityInstitution, Role.CityAdministrator);

    private Federation Federation => fixture.Federation;

    [Fact]
    public async Task Export_BeforeApproval_IsRefused_AndAfterApproval_HasNoDirectIdentifier_AndCountsAddUp()
    {
        // R-AC-4: approval first, de-identified rows, small groups suppressed (k = 5 in the default profile)
        // Arrange: five residents born 1960 and two born 1975 in district 500103, one with two services
        using var city = TestChannel.For(Federation.City.Address);
        var enrolled = new List<(City.EnrollResidentRequest Request, string RecordNumber)>();
        for (var n = 1; n <= 7; n++)
            enrolled.Add(await EnrollAsync(city, n, n <= 5 ? 1960 : 1975));
        var served = enrolled[0].RecordNumber;
        var today = Uploads.Today;
        await OffsiteCalls.UploadAsync(Federation,
            Uploads.Service($"rx-htn-{served}", served, Clinic, today, ServiceKind.HypertensionFollowUp),
            Uploads.Service($"rx-visit-{served}", served, Clinic, today));
        await Uploads.EventuallyAsync(async () => await Uploads.CityScalarAsync(Federation, "SELECT COUNT(*) FROM service_records") == 2,
            Feeds.Timeout, "two services at the city");
        var researcher = Exports(Researcher);
        var administrator = Exports(Administrator);
        var request = new City.RequestResearchExportRequest
        {
            RequestId = "study-1", Purpose = "高血压管理效果研究", IntendedUse = City.ResearchUse.AcademicResearch,
            Scope = new City.ResearchExportScope { DistrictCodes = { "500103" } },
        };

        // Act
        var requested = await researcher.UnaryAsync<City.RequestResearchExportRequest, City.ResearchExport>("RequestResearchExport", request);
        var repeated = await researcher.UnaryAsync<City.RequestResearchExportRequest, City.ResearchExport>("RequestResearchExport", request);
        var early = await Assert.ThrowsAsync<RpcException>(() => RowsAsync(researcher, requested.ExportId, ""));
        var ownApproval = await Assert.ThrowsAsync<RpcException>(() => DecideAsync(researcher, requested.ExportId));
        var approved = await DecideAsync(administrator, requested.ExportId);
        var rows = new List<City.ResearchExportRow>();
        var token = "";
        City.ListResearchExportRowsResponse page;
        do
        {
            page = await RowsAsync(researcher, requested.ExportId, token, pageSize: 2);
            rows.AddRange(page.Rows);
            token = page.NextPageToken;
        } while (token.Length > 0);
        var seenByResearcher = await researcher.UnaryAsync<City.GetResearchExportRequest, City.ResearchExport>("GetResearchExport",
            new() { ExportId = requested.ExportId });
        var again = await researcher.UnaryAsync<City.RequestResearchExportRequest, City.ResearchExport>("RequestResearchExport",
            new City.RequestResearchExportRequest(request) { RequestId = "study-2" });
        await DecideAsync(administrator, again.ExportId);
        var againRows = await RowsAsync(researcher, again.ExportId, "");
        var listedForAdministrator = await administrator.UnaryAsync<City.ListResearchExportsRequest, City.ListResearchExportsResponse>("ListResearchExports", new());

        // Assert
        Assert.Equal((City.ResearchExportState.Requested, "re-zhou"), (requested.State, requested.RequestedBy));
        Assert.Equal(requested.ExportId, repeated.ExportId);
        Assert.Equal((StatusCode.FailedPrecondition, "R-AC-4"), (early.StatusCode, Rule(early)));
        Assert.Equal((StatusCode.PermissionDenied, "ROLE_NOT_ALLOWED"), (ownApproval.StatusCode, Reason(ownApproval)));
        Assert.Equal((City.ResearchExportState.Approved, "ca-sun", 5L, 2L, 5), (approved.State, approved.DecidedBy, approved.RowCount, approved.SuppressedCount, approved.MinimumGroupSize));
        Assert.Equal(enrolled.Count, rows.Count + page.SuppressedCount);
        Assert.Equal(5, rows.Count);
        Assert.All(rows, r => Assert.Equal((1960, Sex.Male, "500103", RecordStatus.Active), (r.BirthYear, r.Sex, r.DistrictCode, r.Status)));
        var withServices = Assert.Single(rows, r => r.ServiceCount > 0);
        Assert.Equal(2, withServices.ServiceCount);
        Assert.Equal([ServiceKind.HypertensionFollowUp, ServiceKind.Visit], withServices.ServiceCounts.Select(c => c.Kind));
        Assert.Equal(5, rows.Select(r => r.Pseudonym).Distinct().Count());
        // The same residents under another export's secret: no pseudonym links the two exports.
        Assert.Equal(5, againRows.Rows.Count);
        Assert.Empty(rows.Select(r => r.Pseudonym).Intersect(againRows.Rows.Select(r => r.Pseudonym)));
        var text = string.Join("\n", rows.Select(r => JsonFormatter.Default.Format(r)));
        foreach (var (enrollment, recordNumber) in enrolled)
        {
            string[] identifying = [recordNumber, enrollment.Identity.CitizenIdNumber, enrollment.Profile.Name, enrollment.Profile.Phone, enrollment.Profile.CurrentAddress];
            Assert.All(identifying, value => Assert.DoesNotContain(value, text, StringComparison.Ordinal));
        }
        Assert.DoesNotContain(Clinic, text, StringComparison.Ordinal);
        Assert.Equal(approved, seenByResearcher);
        Assert.Contains(listedForAdministrator.Exports, e => e.ExportId == requested.ExportId);
    }

    [Fact]
    public async Task Export_RequestedByOthersOrForCommerce_IsRefused_AndIsForItsRequesterOnly()
    {
        // R-AC-4 (GD art. 40: never commercial), R-AC-5 (roles)
        // Arrange
        using var city = TestChannel.For(Federation.City.Address);
        City.RequestResearchExportRequest Request(City.ResearchUse use, params string[] districts) => new()
        {
            RequestId = Guid.NewGuid().ToString("N"), Purpose = "研究", IntendedUse = use, Scope = new City.ResearchExportScope { DistrictCodes = { districts } },
        };
        var researcher = Exports(Researcher);
        var colleague = Exports(new Principal("re-wu", Principal.CityInstitution, Role.Researcher));
        var asDistrict = new ServiceClient(city, Descriptor, () => CallerMetadata.For("district:500103"));
        var clinicianThroughDistrict = new ServiceClient(city, Descriptor, () => new Metadata
        {
            { "hr-caller", "district:500103" }, { "authorization", TestTokens.Clinician(Clinic) },
        });

        // Act
        var commercial = await Assert.ThrowsAsync<RpcException>(() => RequestAsync(researcher, Request(City.ResearchUse.Commercial)));
        var unknownDistrict = await Assert.ThrowsAsync<RpcException>(() => RequestAsync(researcher, Request(City.ResearchUse.PublicHealth, "500199")));
        var byDistrict = await Assert.ThrowsAsync<RpcException>(() => RequestAsync(asDistrict, Request(City.ResearchUse.PublicHealth)));
        var byClinician = await Assert.ThrowsAsync<RpcException>(() => RequestAsync(clinicianThroughDistrict, Request(City.ResearchUse.PublicHealth)));
        var byAdministrator = await Assert.ThrowsAsync<RpcException>(() => RequestAsync(Exports(Administrator), Request(City.ResearchUse.PublicHealth)));
        var export = await RequestAsync(researcher, Request(City.ResearchUse.PublicHealth, "500105"));
        await DecideAsync(Exports(Administrator), export.ExportId);
        var colleaguesDownload = await Assert.ThrowsAsync<RpcException>(() => RowsAsync(colleague, export.ExportId, ""));
        var colleaguesView = await Assert.ThrowsAsync<RpcException>(() => colleague.UnaryAsync<City.GetResearchExportRequest, City.ResearchExport>("GetResearchExport",
            new() { ExportId = export.ExportId }));
        var colleaguesList = await colleague.UnaryAsync<City.ListResearchExportsRequest, City.ListResearchExportsResponse>("ListResearchExports", new());

        // Assert
        Assert.Equal((StatusCode.FailedPrecondition, "R-AC-4"), (commercial.StatusCode, Rule(commercial)));
        Assert.Equal(StatusCode.InvalidArgument, unknownDistrict.StatusCode);
        Assert.Equal("scope.district_codes", unknownDistrict.GetDetail<Google.Rpc.BadRequest>()!.FieldViolations.Single().Field);
        Assert.Equal((StatusCode.PermissionDenied, "CALLER_NOT_ALLOWED"), (byDistrict.StatusCode, Reason(byDistrict)));
        Assert.Equal((StatusCode.PermissionDenied, "CALLER_NOT_ALLOWED"), (byClinician.StatusCode, Reason(byClinician)));
        Assert.Equal((StatusCode.PermissionDenied, "ROLE_NOT_ALLOWED"), (byAdministrator.StatusCode, Reason(byAdministrator)));
        Assert.Equal((StatusCode.PermissionDenied, "NOT_EXPORT_REQUESTER"), (colleaguesDownload.StatusCode, Reason(colleaguesDownload)));
        Assert.Equal((StatusCode.PermissionDenied, "NOT_EXPORT_REQUESTER"), (colleaguesView.StatusCode, Reason(colleaguesView)));
        Assert.DoesNotContain(colleaguesList.Exports, e => e.ExportId == export.ExportId);
    }

    private static ServiceDescriptor Descriptor => City.ResearchExportsReflection.Descriptor.FindTypeByName<ServiceDescriptor>("ResearchExportService");

    /// <summary>The service called by a city-level user: hr-caller administrator:user with the user's token.</summary>
    private ServiceClient Exports(Principal user) => new(TestChannel.For(Federation.City.Address), Descriptor, () => new Metadata
    {
        { "hr-caller", $"administrator:{user.User}" }, { "authorization", TestTokens.Bearer(user) },
    });

    private static Task<City.ResearchExport> RequestAsync(ServiceClient client, City.RequestResearchExportRequest request) =>
        client.UnaryAsync<City.RequestResearchExportRequest, City.ResearchExport>("RequestResearchExport", request);

    private static Task<City.ResearchExport> DecideAsync(ServiceClient client, string exportId) =>
        client.UnaryAsync<City.DecideResearchExportRequest, City.ResearchExport>("DecideResearchExport",
            new() { ExportId = exportId, Approve = true, Reason = "伦理审查已通过" });

    private static Task<City.ListResearchExportRowsResponse> RowsAsync(ServiceClient client, string exportId, string pageToken, int pageSize = 0) =>
        client.UnaryAsync<City.ListResearchExportRowsRequest, City.ListResearchExportRowsResponse>("ListResearchExportRows",
            new() { ExportId = exportId, PageToken = pageToken, PageSize = pageSize });

    /// <summary>The n-th man (odd sequence digits of the ID number) born in <paramref name="bornYear"/>, with a name, phone and address of their own to search the export for.</summary>
    private static async Task<(City.EnrollResidentRequest, string)> EnrollAsync(GrpcChannel city, int n, int bornYear)
    {
        var days = new DateOnly(bornYear, 1, 1).DayNumber - new DateOnly(1940, 1, 1).DayNumber;
        var request = new City.EnrollResidentRequest
        {
            RequestId = Guid.NewGuid().ToString("N"), EnrollingInstitutionCode = Clinic, EnrolledBy = "王护士", ResidenceCommitteeCode = "500103001001",
            Identity = new ResidentIdentity { CitizenIdNumber = TestIdentities.CitizenId(days * 999L + 500 + 2 * n, "500103") },
            Profile = new ResidentProfile
            {
                Name = $"研究对象{n}", Phone = $"1390000{n:D4}", CurrentAddress = $"重庆市渝中区研究路{n}号",
                DateOfBirth = new CalendarDate { Year = bornYear, Month = 1, Day = 1 },
            },
        };
        var masterIndex = Feeds.CityService(city, "500103", City.MasterIndexReflection.Descriptor, "MasterIndexService");
        var response = await masterIndex.UnaryAsync<City.EnrollResidentRequest, City.EnrollResidentResponse>("EnrollResident", request);
        return (request, response.Entry.RecordNumber);
    }

    private static string? Reason(RpcException e) => e.GetDetail<Google.Rpc.ErrorInfo>()?.Reason;

    private static string Rule(RpcException e) => e.GetDetail<Google.Rpc.PreconditionFailure>() is { Violations.Count: > 0 } f ? f.Violations[0].Type : "";
}
