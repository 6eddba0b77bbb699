using System.Diagnostics;
using Google.Protobuf.Reflection;
using HealthRecords.Contracts.Types.V1;
using HealthRecords.Grains.Access;
using HealthRecords.Rpc;
using HealthRecords.TestSupport;
using City = HealthRecords.Contracts.City.V1;
using District = HealthRecords.Contracts.District.V1;
using Role = HealthRecords.Grains.Access.Role;

namespace HealthRecords.Integration.Tests.Security;

/// <summary>
/// R-AC-5 over real processes: every read of a resident's record is in the city's hash-chained audit
/// log, allowed or refused; administrators query it by record and by user and verify it.
/// </summary>
public sealed class AccessAuditTests(FederationFixture fixture) : IClassFixture<FederationFixture>
{
    private const string Owner = "500103C01";
    private const string Other = "500105C01";
    private static long _next = 9_000;

    private Federation Federation => fixture.Federation;

    private async Task<MasterIndexEntry> EnrollAsync()
    {
        using var city = TestChannel.For(Federation.City.Address);
        return await OffsiteCalls.EnrollBornAsync(city, Interlocked.Increment(ref _next), 1990, Owner, "500103001001");
    }

    [Fact]
    public async Task Read_ByTheOwningClinic_IsAudited_WithUserInstitutionRecordPurposeAndOutcome()
    {
        // R-AC-5: who, for which institution, through which node, what, which record, why, and allowed
        // Arrange
        var record = await EnrollAsync();
        var owner = Timeline("500103", $"institution:{Owner}", Clinician(Owner, "dr-audit-1"), purpose: "hypertension follow-up");

        // Act
        await HomepageAsync(owner, record.RecordNumber);
        var entries = await ListAsync(new() { RecordNumber = record.RecordNumber });

        // Assert
        var entry = Assert.Single(entries.Entries);
        Assert.Equal(("read_homepage", "dr-audit-1", "clinician", Owner, "500103"), (entry.Action, entry.UserId, entry.Role, entry.InstitutionCode, entry.CallerDistrictCode));
        Assert.Equal((record.RecordNumber, "hypertension follow-up", City.AccessOutcome.Allowed, 0), (entry.RecordNumber, entry.Purpose, entry.Outcome, entry.OutcomeCode));
        Assert.Equal("OwningInstitution", entry.Basis);
    }

    [Fact]
    public async Task Read_RefusedToAnotherClinic_OrWithoutAToken_IsAuditedAsDenied_WithItsReason()
    {
        // R-AC-5: every refusal is itself audited, PERMISSION_DENIED by the city and UNAUTHENTICATED by the district alike
        // Arrange
        var record = await EnrollAsync();

        // Act
        var foreign = await Assert.ThrowsAsync<RpcException>(() => HomepageAsync(Timeline("500105", $"institution:{Other}", Clinician(Other, "dr-audit-2")), record.RecordNumber));
        var anonymous = await Assert.ThrowsAsync<RpcException>(() => HomepageAsync(Timeline("500103", $"institution:{Owner}", null), record.RecordNumber));
        var entries = (await ListAsync(new() { RecordNumber = record.RecordNumber })).Entries;
        var atDistrict = await DistrictEntriesAsync("500103", record.RecordNumber);

        // Assert
        Assert.Equal((StatusCode.PermissionDenied, StatusCode.Unauthenticated), (foreign.StatusCode, anonymous.StatusCode));
        var denied = Assert.Single(entries); // the district refused the anonymous read: it never reached the city
        Assert.Equal(City.AccessOutcome.Denied, denied.Outcome);
        Assert.Equal(("dr-audit-2", Other, "500105", (int)StatusCode.PermissionDenied, "RESIDENT_AUTHORIZATION_REQUIRED"),
            (denied.UserId, denied.InstitutionCode, denied.CallerDistrictCode, denied.OutcomeCode, denied.OutcomeReason));
        Assert.Contains("R-AC-2", denied.Basis, StringComparison.Ordinal);
        var anonymousEntry = Assert.Single(atDistrict);
        Assert.Equal(("read_homepage", false, null, Owner, (int)StatusCode.Unauthenticated, "USER_TOKEN_REQUIRED"),
            (anonymousEntry.Action, anonymousEntry.Allowed, anonymousEntry.UserId, anonymousEntry.InstitutionCode, anonymousEntry.OutcomeCode, anonymousEntry.OutcomeReason));
    }

    [Fact]
    public async Task Administrator_ListsByRecordAndByUser_Paged_AndADistrictOnlyItsOwn()
    {
        // R-AC-5: the city administrator queries everything; a district only its institutions' and records' entries
        // Arrange
        var record = await EnrollAsync();
        var owner = Timeline("500103", $"institution:{Owner}", Clinician(Owner, "dr-audit-3"));
        await HomepageAsync(owner, record.RecordNumber);
        await ServicesAsync(owner, record.RecordNumber);
        await HomepageAsync(owner, record.RecordNumber);

        // Act
        var first = await ListAsync(new() { UserId = "dr-audit-3", PageSize = 2 });
        var second = await ListAsync(new() { UserId = "dr-audit-3", PageSize = 2, PageToken = first.NextPageToken });
        var services = await ListAsync(new() { RecordNumber = record.RecordNumber, Action = "list_service_records" });
        var asDistrict = Service(Federation.City.Address, "district:500103", null, City.OffsiteServicesReflection.Descriptor, "AccessAuditService");
        var ownRecord = await asDistrict.UnaryAsync<City.ListAccessAuditRequest, City.ListAccessAuditResponse>("ListAccessAudit",
            new() { RecordNumber = record.RecordNumber, UserId = "dr-audit-3" });
        var otherDistrict = Service(Federation.City.Address, "district:500105", null, City.OffsiteServicesReflection.Descriptor, "AccessAuditService");
        var refused = await Assert.ThrowsAsync<RpcException>(() => otherDistrict.UnaryAsync<City.ListAccessAuditRequest, City.ListAccessAuditResponse>(
            "ListAccessAudit", new() { RecordNumber = record.RecordNumber }));
        var researcher = await Assert.ThrowsAsync<RpcException>(() => Administration(new Principal("admin", Principal.CityInstitution, Role.Researcher))
            .UnaryAsync<City.ListAccessAuditRequest, City.ListAccessAuditResponse>("ListAccessAudit", new()));

        // Assert
        Assert.Equal(2, first.Entries.Count);
        Assert.NotEmpty(first.NextPageToken);
        Assert.Single(second.Entries);
        Assert.Empty(second.NextPageToken);
        Assert.Equal(["read_homepage", "list_service_records", "read_homepage"], first.Entries.Concat(second.Entries).Select(e => e.Action));
        Assert.Equal(record.RecordNumber, Assert.Single(services.Entries).RecordNumber);
        Assert.Equal(3, ownRecord.Entries.Count);
        Assert.Equal((StatusCode.PermissionDenied, "NOT_OWN_DISTRICT"), (refused.StatusCode, refused.GetDetail<Google.Rpc.ErrorInfo>()?.Reason));
        Assert.Equal((StatusCode.PermissionDenied, "ROLE_NOT_ALLOWED"), (researcher.StatusCode, researcher.GetDetail<Google.Rpc.ErrorInfo>()?.Reason));
    }

    [Fact]
    public async Task EditedRow_InTheCitysDatabase_MakesVerifyAuditExit3_AndVerifyAccessAuditReportIt()
    {
        // R-AC-5: an audit row changed behind the node's back is found by the command and by the service
        // Arrange
        var record = await EnrollAsync();
        await HomepageAsync(Timeline("500103", $"institution:{Owner}", Clinician(Owner, "dr-audit-4")), record.RecordNumber);
        var entry = Assert.Single((await ListAsync(new() { RecordNumber = record.RecordNumber })).Entries);
        var before = await VerifyAsync();
        var (beforeExit, _) = await VerifyAuditCommandAsync();

        // Act
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={CityDatabase}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"UPDATE access_audit SET purpose = 'nothing to see' WHERE audit_id = {entry.AuditId}";
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }
        var after = await VerifyAsync();
        var (afterExit, output) = await VerifyAuditCommandAsync();

        // Assert
        Assert.True(before.Intact, before.Problem);
        Assert.Equal(0, beforeExit);
        Assert.False(after.Intact);
        Assert.Equal(entry.AuditId, after.BrokenAuditId);
        Assert.Equal(3, afterExit);
        Assert.Contains($"audit_id {entry.AuditId}", output, StringComparison.Ordinal);
    }

    /// <summary>The district's own log, read from its SQLite file as its operator would.</summary>
    private async Task<IReadOnlyList<Storage.Audit.AuditedAccess>> DistrictEntriesAsync(string district, string recordNumber)
    {
        await using var database = new Storage.SqliteDatabase(Path.Combine(Federation.DataRoot, $"district-{district}", "district.db"));
        return await new Storage.Audit.AccessAuditLog(database).ListAsync(new Storage.Audit.AuditQuery(RecordNumber: recordNumber), 0, 100, default);
    }

    private string CityDatabase => Path.Combine(Federation.DataRoot, "city0", "city.db");

    private async Task<(int ExitCode, string Output)> VerifyAuditCommandAsync()
    {
        var dll = RepoPaths.NodeDll("CityNode");
        var start = new ProcessStartInfo("dotnet", [dll, "verify-audit", $"--Storage:DataDirectory={Path.GetDirectoryName(CityDatabase)}"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output + await process.StandardError.ReadToEndAsync());
    }

    private static string Clinician(string institution, string user) => TestTokens.Bearer(new Principal(user, institution, Role.Clinician));

    private ServiceClient Timeline(string district, string caller, string? bearer, string? purpose = null) =>
        Service(Federation.Districts[district].Address, caller, bearer, District.RecordTimelineReflection.Descriptor, "ClinicRecordTimelineService", purpose);

    private ServiceClient Administration(Principal administrator) =>
        Service(Federation.City.Address, $"administrator:{administrator.User}", TestTokens.Bearer(administrator),
            City.OffsiteServicesReflection.Descriptor, "AccessAuditService");

    private static ServiceClient Service(string address, string caller, string? bearer, FileDescriptor file, string service, string? purpose = null) =>
        new(TestChannel.For(address), file.FindTypeByName<ServiceDescriptor>(service), () =>
        {
            var headers = new Metadata { { "hr-caller", caller } };
            if (bearer is not null)
                headers.Add("authorization", bearer);
            if (purpose is not null)
                headers.Add("hr-purpose", purpose);
            return headers;
        });

    private Task<City.ListAccessAuditResponse> ListAsync(City.ListAccessAuditRequest request) =>
        Administration(new Principal("admin", Principal.CityInstitution, Role.CityAdministrator))
            .UnaryAsync<City.ListAccessAuditRequest, City.ListAccessAuditResponse>("ListAccessAudit", request);

    private Task<City.AccessAuditVerification> VerifyAsync() =>
        Administration(new Principal("admin", Principal.CityInstitution, Role.CityAdministrator))
            .UnaryAsync<City.VerifyAccessAuditRequest, City.AccessAuditVerification>("VerifyAccessAudit", new());

    private static Task<City.RecordHomepage> HomepageAsync(ServiceClient timeline, string recordNumber) =>
        timeline.UnaryAsync<City.GetRecordHomepageRequest, City.RecordHomepage>("GetRecordHomepage", new() { RecordNumber = recordNumber });

    private static Task<City.ListServiceRecordsResponse> ServicesAsync(ServiceClient timeline, string recordNumber) =>
        timeline.UnaryAsync<City.ListServiceRecordsRequest, City.ListServiceRecordsResponse>("ListServiceRecords", new() { RecordNumber = recordNumber, PageSize = 100 });
}
