using HealthRecords.Contracts.City.V1;
using HealthRecords.Contracts.Types.V1;
using HealthRecords.Rpc;
using HealthRecords.Storage;
using HealthRecords.Grains.Access;
using HealthRecords.TestSupport;
using Microsoft.Data.Sqlite;

namespace HealthRecords.Integration.Tests.Reconciliation;

/// <summary>
/// R-CN-2 through real processes: a city and districts 500103 and 500105 on SQLite. A district's index
/// is corrupted directly in its database; reconciliation names exactly the corrupted records, a repair
/// re-sends the city's facts, and the next run is clean.
/// </summary>
public sealed class ReconciliationTests : IAsyncLifetime
{
    private readonly Federation _federation = new();
    private CityAdministrator _administrator = null!;
    private static int _next;

    public async Task InitializeAsync()
    {
        _administrator = await CityAdministrator.CreateAsync();
        await _federation.StartCityAsync(settings: _administrator.Settings);
        await _federation.StartDistrictAsync("500103");
        await _federation.StartDistrictAsync("500105");
    }

    public async Task DisposeAsync() => await _federation.DisposeAsync();

    [Fact]
    public async Task Reconciliation_OfCorruptedDistrictIndex_NamesExactlyTheCorruptedRecords_AndRepairMakesItConsistent()
    {
        // R-CN-2
        // Arrange: 36 residents in three clinics of 500103 and 6 in 500105, applied at both tiers.
        using var city = TestChannel.For(_federation.City.Address);
        var records = new List<MasterIndexEntry>();
        foreach (var (institution, committee, count) in new[] { ("500103C01", "500103001001", 12), ("500103C02", "500103002001", 12), ("500103C03", "500103003001", 12), ("500105C01", "500105001001", 6) })
            for (var i = 0; i < count; i++)
                records.Add(await EnrollAsync(city, institution, committee));
        await AgreeAsync(city);
        var calls = ReconciliationCalls.As(city, _administrator);
        var clean = await calls.RunAsync("500103", "500105");
        Assert.Equal(ReconciliationOutcome.Consistent, clean.Outcome);
        Assert.Equal(42, clean.RecordsCompared);
        var dropped = records[0];
        var reowned = records[13];   // 500103C02's → 500103C03 at the district only
        var restated = records[26];  // 500103C03's → deceased at the district only

        // Act: corrupt 500103's index behind its node's back, then reconcile.
        await using (var districtDb = new SqliteDatabase(Path.Combine(_federation.DataRoot, "district-500103", "district.db")))
        await using (var connection = await districtDb.OpenAsync())
        {
            await ExecuteAsync(connection, $"DELETE FROM district_records WHERE record_number = '{dropped.RecordNumber}'");
            await ExecuteAsync(connection, $"UPDATE district_records SET owner_institution = '500103C03' WHERE record_number = '{reowned.RecordNumber}'");
            await ExecuteAsync(connection, $"UPDATE district_records SET status = 3 WHERE record_number = '{restated.RecordNumber}'");
        }
        var found = await calls.RunAsync("500103", "500105");

        // Assert: exactly the three records, each with both tiers' facts.
        Assert.Equal(ReconciliationOutcome.DifferencesFound, found.Outcome);
        Assert.Equal(3, found.FindingCount);
        var district = found.Districts.Single(d => d.DistrictCode == "500103");
        Assert.Equal(ReconciliationOutcome.DifferencesFound, district.Outcome);
        Assert.Equal(["500103C01", "500103C02", "500103C03"], district.Clinics.Where(c => !c.Matches).Select(c => c.InstitutionCode));
        Assert.Equal(11, district.Clinics.Single(c => c.InstitutionCode == "500103C01").District.Managed);
        Assert.Equal(12, district.Clinics.Single(c => c.InstitutionCode == "500103C01").City.Managed);
        Assert.Equal(ReconciliationOutcome.Consistent, found.Districts.Single(d => d.DistrictCode == "500105").Outcome);
        var findings = (await calls.FindingsAsync(found.ReconciliationId, pageSize: 2)).ToDictionary(f => f.RecordNumber);
        Assert.Equal(new[] { dropped.RecordNumber, reowned.RecordNumber, restated.RecordNumber }.Order(), findings.Keys.Order());
        Assert.Equal(FindingKind.MissingAtDistrict, findings[dropped.RecordNumber].Kind);
        Assert.Null(findings[dropped.RecordNumber].District);
        Assert.Equal("500103C01", findings[dropped.RecordNumber].City.OwningInstitutionCode);
        Assert.Equal(FindingKind.FactsDiffer, findings[reowned.RecordNumber].Kind);
        Assert.Equal(["owning_institution_code"], findings[reowned.RecordNumber].DifferingFields);
        Assert.Equal(("500103C02", "500103C03"), (findings[reowned.RecordNumber].City.OwningInstitutionCode, findings[reowned.RecordNumber].District.OwningInstitutionCode));
        Assert.Equal(["status"], findings[restated.RecordNumber].DifferingFields);
        Assert.Equal((RecordStatus.Active, RecordStatus.Deceased), (findings[restated.RecordNumber].City.Status, findings[restated.RecordNumber].District.Status));
        Assert.InRange(district.RoundTrips, 4, 6); // clinics, last digit, last two, last three, records (+ a recheck)

        // Act: repair from the city's facts, repeat the repair (idempotent), reconcile again.
        var repaired = await calls.RepairAsync(found.ReconciliationId, "repair-1");
        var repeated = await calls.RepairAsync(found.ReconciliationId, "repair-1");
        var after = await calls.RunAsync("500103", "500105");

        // Assert: three logged repairs, the same on repeat, and a clean second run.
        Assert.Equal(3, repaired.Repairs.Count);
        Assert.Equal(repaired.Repairs.Select(r => r.RepairId).Order(), repeated.Repairs.Select(r => r.RepairId).Order());
        Assert.All(repaired.Repairs, r => Assert.Equal("admin", r.RequestedBy));
        Assert.Equal(ReconciliationOutcome.Consistent, after.Outcome);
        Assert.Equal(0, after.FindingCount);
        var logged = await calls.RepairsAsync(found.ReconciliationId);
        Assert.Equal(3, logged.Repairs.Count);
        Assert.Equal("500103C03", logged.Repairs.Single(r => r.RecordNumber == reowned.RecordNumber).Before.OwningInstitutionCode);
        Assert.Equal("500103C02", logged.Repairs.Single(r => r.RecordNumber == reowned.RecordNumber).After.OwningInstitutionCode);
        Assert.All(await calls.FindingsAsync(found.ReconciliationId), f => Assert.NotEmpty(f.RepairId));
        using var districtChannel = TestChannel.For(_federation.Districts["500103"].Address);
        await Feeds.BothTiersAgreeAsync(city, districtChannel, "500103");
        var history = await calls.HistoryAsync(pageSize: 2);
        Assert.Equal([after.ReconciliationId, found.ReconciliationId], history.Reconciliations.Select(r => r.ReconciliationId));
        Assert.Equal(clean.ReconciliationId, (await calls.HistoryAsync(2, history.NextPageToken)).Reconciliations.Single().ReconciliationId);
    }

    [Fact]
    public async Task Reconciliation_OfDistrictNotConnected_IsIncomplete_WithTheCityFiguresOnly()
    {
        // R-CN-2: 500106 runs no node here; its figures cannot be proven, and the run says so.
        using var city = TestChannel.For(_federation.City.Address);
        await EnrollAsync(city, "500103C01", "500103001001");
        await AgreeAsync(city);

        var run = await ReconciliationCalls.As(city, _administrator).RunAsync();

        Assert.Equal(ReconciliationOutcome.Incomplete, run.Outcome);
        var absent = run.Districts.Single(d => d.DistrictCode == "500106");
        Assert.Equal(ReconciliationOutcome.Incomplete, absent.Outcome);
        Assert.Contains("no digest exchange", absent.Detail);
        Assert.All(absent.Clinics, c => Assert.Null(c.District));
        Assert.Equal(ReconciliationOutcome.Consistent, run.Districts.Single(d => d.DistrictCode == "500103").Outcome);
    }

    [Fact]
    public async Task ReconciliationService_RefusesDistrictsBadTokensAndOtherRoles_AndAdministratorsCannotCallDistrictServices()
    {
        // R-CN-2 is the administrators' proof: only they run it, authenticated by a signed token (R-AC-5).
        using var city = TestChannel.For(_federation.City.Address);
        var researcher = TestTokens.Bearer(new Principal("admin", Principal.CityInstitution, Role.Researcher));
        var otherUsers = TestTokens.Bearer(new Principal("someone-else", Principal.CityInstitution, Role.CityAdministrator));

        var asDistrict = await Assert.ThrowsAsync<RpcException>(() => new ReconciliationCalls(city, [new("hr-caller", "district:500103")]).RunAsync());
        var forgedToken = await Assert.ThrowsAsync<RpcException>(() => new ReconciliationCalls(city, _administrator.Headers("Bearer " + Forged())).RunAsync());
        var noToken = await Assert.ThrowsAsync<RpcException>(() => new ReconciliationCalls(city, [new("hr-caller", "administrator:admin")]).RunAsync());
        var asResearcher = await Assert.ThrowsAsync<RpcException>(() => new ReconciliationCalls(city, _administrator.Headers(researcher)).RunAsync());
        var anotherUsersToken = await Assert.ThrowsAsync<RpcException>(() => new ReconciliationCalls(city, _administrator.Headers(otherUsers)).RunAsync());
        var counts = await Assert.ThrowsAsync<RpcException>(() =>
            new ServiceClient(city, Contracts.City.V1.CountsReflection.Descriptor.FindTypeByName<Google.Protobuf.Reflection.ServiceDescriptor>("CountService"),
                () => ReconciliationCalls.ToMetadata(_administrator.Headers())).UnaryAsync<ListManagedCountsRequest, ListManagedCountsResponse>("ListManagedCounts", new ListManagedCountsRequest()));
        var unknownDistrict = await Assert.ThrowsAsync<RpcException>(() => ReconciliationCalls.As(city, _administrator).RunAsync("500199"));

        Assert.Equal(StatusCode.PermissionDenied, asDistrict.StatusCode);
        Assert.Equal((StatusCode.Unauthenticated, "TOKEN_SIGNATURE_INVALID"), (forgedToken.StatusCode, forgedToken.GetDetail<Google.Rpc.ErrorInfo>()?.Reason));
        Assert.Equal((StatusCode.Unauthenticated, "USER_TOKEN_REQUIRED"), (noToken.StatusCode, noToken.GetDetail<Google.Rpc.ErrorInfo>()?.Reason));
        Assert.Equal((StatusCode.PermissionDenied, "ROLE_NOT_ALLOWED"), (asResearcher.StatusCode, asResearcher.GetDetail<Google.Rpc.ErrorInfo>()?.Reason));
        Assert.Equal((StatusCode.Unauthenticated, "TOKEN_INSTITUTION_MISMATCH"), (anotherUsersToken.StatusCode, anotherUsersToken.GetDetail<Google.Rpc.ErrorInfo>()?.Reason));
        Assert.Equal(StatusCode.PermissionDenied, counts.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, unknownDistrict.StatusCode);
        Assert.Contains("district_codes", unknownDistrict.Status.Detail);
    }

    /// <summary>A well-formed token for the administrator signed with a key that is not the city's.</summary>
    private static string Forged()
    {
        using var other = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        return Hosting.Security.AccessToken.Issue(other, new Principal("admin", Principal.CityInstitution, Role.CityAdministrator), DateTimeOffset.UtcNow, TimeSpan.FromHours(1));
    }

    [Fact]
    public async Task RunReconciliation_RepeatedRequestId_ReturnsTheSameRun()
    {
        // R-CN-2: a retried request does not start a second run.
        using var city = TestChannel.For(_federation.City.Address);
        var calls = ReconciliationCalls.As(city, _administrator);
        var request = new RunReconciliationRequest { RequestId = "nightly-check-1" };
        request.DistrictCodes.Add("500105");

        var first = await calls.RunAsync(request);
        var second = await calls.RunAsync(request);

        Assert.Equal(first.ReconciliationId, second.ReconciliationId);
        Assert.Single((await calls.HistoryAsync()).Reconciliations);
    }

    private static async Task<MasterIndexEntry> EnrollAsync(GrpcChannel city, string institution, string committee) =>
        await Feeds.EnrollAtCityAsync(city, TestIdentities.CitizenId(610_000 + Interlocked.Increment(ref _next)), institution, committee);

    private async Task AgreeAsync(GrpcChannel city)
    {
        foreach (var (code, node) in _federation.Districts)
        {
            using var district = TestChannel.For(node.Address);
            await Feeds.BothTiersAgreeAsync(city, district, code);
        }
    }

    private static async Task ExecuteAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
