using System.Text.RegularExpressions;
using HealthRecords.Contracts.Types.V1;
using HealthRecords.Rpc;
using HealthRecords.TestSupport;

namespace HealthRecords.Integration.Tests;

/// <summary>Enrollment through real district and city processes over gRPC on loopback.</summary>
public sealed partial class EnrollmentTests(FederationFixture fixture) : IClassFixture<FederationFixture>
{
    [Fact]
    public async Task Enrollment_ThroughDistrict_ReturnsTheCityEntry_AndReachesTheDistrictsIndex()
    {
        // R-ID-5: not enrolled → enrolled here; the city returns the master index entry. R-ID-4: number format.
        // Arrange
        using var clinic = fixture.Clinic("500103C02");
        var id = TestIdentities.CitizenId(900_001);

        // Act
        var entry = await clinic.EnrollAsync(Requests.Enroll(id, "500103C02", "500103002001"));
        // R-CN-2: the district's index follows the city's event feed, so it holds the record shortly after.
        await Uploads.EventuallyAsync(async () => (await clinic.ListRecordsAsync(1000, "")).Entries.Any(e => e.RecordNumber == entry.RecordNumber),
            TimeSpan.FromSeconds(30), "the record in the district's index");
        var kept = await clinic.ListRecordsAsync(1000, "");

        // Assert
        Assert.Matches(RecordNumberPattern(), entry.RecordNumber);
        Assert.StartsWith("500103002001", entry.RecordNumber);
        Assert.Equal("500103C02", entry.OwningInstitutionCode);
        Assert.Equal("500103", entry.OwningDistrictCode);
        Assert.Equal(RecordStatus.Active, entry.Status);
        Assert.DoesNotContain(id[6..14], entry.IdentityMasked); // the identity number is masked
        Assert.Contains(kept.Entries, e => e.RecordNumber == entry.RecordNumber && e.Version == entry.Version);
    }

    [Fact]
    public async Task SameIdentity_200ConcurrentEnrollmentsThroughThreeDistricts_MakeExactlyOneRecord()
    {
        // R-ID-1: one person, one record, also under concurrent enrollment from different districts.
        // Arrange
        var id = TestIdentities.CitizenId(900_002);
        var clinics = new[] { ("500103C01", "500103001001"), ("500105C01", "500105001001"), ("500106C01", "500106001001") };
        var connections = clinics.Select(c => fixture.Clinic(c.Item1)).ToArray();

        // Act
        var attempts = await Task.WhenAll(Enumerable.Range(0, 200).Select(async i =>
        {
            var (institution, committee) = clinics[i % 3];
            try
            {
                return (Entry: await connections[i % 3].EnrollAsync(Requests.Enroll(id, institution, committee)), Error: (RpcException?)null);
            }
            catch (RpcException e)
            {
                return (Entry: (MasterIndexEntry?)null, Error: e);
            }
        }));

        // Assert
        var winner = Assert.Single(attempts, a => a.Entry is not null).Entry!;
        var refusals = attempts.Where(a => a.Error is not null).Select(a => a.Error!).ToList();
        Assert.Equal(199, refusals.Count);
        Assert.All(refusals, e =>
        {
            Assert.Equal(StatusCode.AlreadyExists, e.StatusCode);
            var existing = e.GetDetail<ExistingEnrollment>();
            Assert.NotNull(existing);
            Assert.Equal(winner.RecordNumber, existing.Entry.RecordNumber); // R-ID-5: names the record and owner
            Assert.Equal(winner.OwningInstitutionCode, existing.Entry.OwningInstitutionCode);
            Assert.Contains(winner.RecordNumber, e.Status.Detail);
        });
        var lookup = await connections[1].LookupAsync(new ResidentIdentity { CitizenIdNumber = id });
        Assert.Equal(winner.RecordNumber, lookup.Entry.RecordNumber);
        foreach (var c in connections)
            c.Dispose();
    }

    [Fact]
    public async Task Distinct_1000ConcurrentEnrollments_GetDistinctWellFormedNumbers()
    {
        // R-ID-4: 12-digit committee code + 5-digit serial, allocated by the city, never reused.
        // Arrange
        var committees = new[] { "500105001001", "500105001002" };
        using var clinic = fixture.Clinic("500105C01");

        // Act
        var entries = await Task.WhenAll(Enumerable.Range(0, 1000).Select(i =>
            clinic.EnrollAsync(Requests.Enroll(TestIdentities.CitizenId(100_000 + i), "500105C01", committees[i % 2]))));

        // Assert
        Assert.Equal(1000, entries.Select(e => e.RecordNumber).Distinct().Count());
        Assert.All(entries, e => Assert.Matches(RecordNumberPattern(), e.RecordNumber));
        foreach (var committee in committees)
        {
            var serials = entries.Where(e => e.ResidenceCommitteeCode == committee)
                .Select(e => int.Parse(e.RecordNumber[12..])).Order().ToList();
            Assert.All(entries.Where(e => e.ResidenceCommitteeCode == committee), e => Assert.StartsWith(committee, e.RecordNumber));
            Assert.Equal(500, serials.Count);
            Assert.Equal(serials.Count, serials.Distinct().Count());
            Assert.InRange(serials[0], 1, 99999);
        }
    }

    [Fact]
    public async Task InvalidIdentity_IsInvalidArgument_NamingTheField()
    {
        // R-ID-2: invalid keys are rejected with a field-level error.
        using var clinic = fixture.Clinic("500106C01");

        var wrongCheck = await Assert.ThrowsAsync<RpcException>(() =>
            clinic.EnrollAsync(Requests.Enroll("440308199901101513", "500106C01", "500106001001")));
        var impossibleDate = await Assert.ThrowsAsync<RpcException>(() =>
            clinic.EnrollAsync(Requests.Enroll("440308199902301512", "500106C01", "500106001001")));

        foreach (var e in new[] { wrongCheck, impossibleDate })
        {
            Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
            var violation = Assert.Single(e.GetDetail<Google.Rpc.BadRequest>()!.FieldViolations);
            Assert.Equal("identity.citizen_id_number", violation.Field);
        }
        Assert.Contains("check", wrongCheck.GetDetail<Google.Rpc.BadRequest>()!.FieldViolations[0].Description);
        Assert.Contains("19990230", impossibleDate.GetDetail<Google.Rpc.BadRequest>()!.FieldViolations[0].Description);
    }

    [Fact]
    public async Task Enrollment_RetriedWithTheSameRequestId_ReturnsTheSameRecord()
    {
        // R-ID-5 with idempotency: a retry after a lost answer is not "already enrolled".
        using var clinic = fixture.Clinic("500106C02");
        var request = Requests.Enroll(TestIdentities.CitizenId(900_003), "500106C02", "500106101001");

        var first = await clinic.EnrollAsync(request);
        var retry = await clinic.EnrollAsync(request);
        var other = await Assert.ThrowsAsync<RpcException>(() => clinic.EnrollAsync(request.Clone().WithRequestId("another")));

        Assert.Equal(first, retry);
        Assert.Equal(StatusCode.AlreadyExists, other.StatusCode);
    }

    [Fact]
    public async Task Lookup_FindsEnrolledResidents_AcrossDistricts()
    {
        // CQ-A1 2(2): enrollment first searches the city index; any district sees any enrollment.
        using var owner = fixture.Clinic("500103C03");
        using var elsewhere = fixture.Clinic("500106C03");
        var id = TestIdentities.CitizenId(900_004);
        var entry = await owner.EnrollAsync(Requests.Enroll(id, "500103C03", "500103003001"));

        var found = await elsewhere.LookupAsync(new ResidentIdentity { CitizenIdNumber = id });
        var missing = await elsewhere.LookupAsync(new ResidentIdentity { CitizenIdNumber = TestIdentities.CitizenId(900_005) });
        var byNumber = await elsewhere.GetEntryAsync(entry.RecordNumber);

        Assert.True(found.Enrolled);
        Assert.Equal(entry.RecordNumber, found.Entry.RecordNumber);
        Assert.False(missing.Enrolled);
        Assert.Equal("500103C03", byNumber.OwningInstitutionCode);
    }

    [Fact]
    public async Task UnknownRecordNumber_IsNotFound_AndMalformedOneIsInvalid()
    {
        using var clinic = fixture.Clinic("500103C01");

        var missing = await Assert.ThrowsAsync<RpcException>(() => clinic.GetEntryAsync("50010300100199999"));
        var malformed = await Assert.ThrowsAsync<RpcException>(() => clinic.GetEntryAsync("5001"));

        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, malformed.StatusCode);
        Assert.Equal("record_number", malformed.GetDetail<Google.Rpc.BadRequest>()!.FieldViolations[0].Field);
    }

    [Fact]
    public async Task ContactUpdate_ByOwner_IsApplied_ByAnotherClinic_IsRefusedNamingTheRule()
    {
        // R-ID-6: contact fields are kept by the owning clinic.
        using var owner = fixture.Clinic("500105C02");
        using var neighbour = fixture.Clinic("500105C03");
        var entry = await owner.EnrollAsync(Requests.Enroll(TestIdentities.CitizenId(900_006), "500105C02", "500105002001"));

        var updated = await owner.UpdateContactAsync(new() { RequestId = "u-1", RecordNumber = entry.RecordNumber, InstitutionCode = "500105C02", UpdatedBy = "李医生", Phone = "13911112222" });
        var refused = await Assert.ThrowsAsync<RpcException>(() => neighbour.UpdateContactAsync(new() { RequestId = "u-2", RecordNumber = entry.RecordNumber, InstitutionCode = "500105C03", UpdatedBy = "赵医生", Phone = "0" }));

        Assert.Equal(entry.Version + 1, updated.Version);
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Equal("R-ID-6", refused.GetDetail<Google.Rpc.PreconditionFailure>()!.Violations[0].Type);
    }

    [Fact]
    public async Task DistrictRecords_ArePagedWithTokens()
    {
        // AIP-158 paging on the district's own index.
        using var clinic = fixture.Clinic("500106C03");
        for (var i = 0; i < 5; i++)
            await clinic.EnrollAsync(Requests.Enroll(TestIdentities.CitizenId(910_000 + i), "500106C03", "500106101201"));
        await Uploads.EventuallyAsync(async () => (await clinic.ListRecordsAsync(1000, "")).Entries.Count >= 5,
            TimeSpan.FromSeconds(30), "five records in the district's index");

        var seen = new List<string>();
        var token = "";
        var pages = 0;
        do
        {
            var page = await clinic.ListRecordsAsync(2, token);
            seen.AddRange(page.Entries.Select(e => e.RecordNumber));
            token = page.NextPageToken;
            pages++;
        }
        while (token.Length > 0);

        Assert.Equal(seen.Order(StringComparer.Ordinal), seen);
        Assert.True(seen.Count >= 5);
        Assert.Equal((seen.Count + 1) / 2, pages);
    }

    [GeneratedRegex("^[1-9][0-9]{5}[0-9]{3}[0-9]{3}[0-9]{5}$")]
    private static partial Regex RecordNumberPattern();
}

internal static class RequestExtensions
{
    public static Contracts.District.V1.EnrollResidentRequest WithRequestId(this Contracts.District.V1.EnrollResidentRequest r, string id)
    {
        r.RequestId = id;
        return r;
    }
}
