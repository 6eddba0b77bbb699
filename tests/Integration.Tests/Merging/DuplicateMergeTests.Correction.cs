using HealthRecords.Contracts.Types.V1;
using HealthRecords.Rpc;
using HealthRecords.TestSupport;
using City = HealthRecords.Contracts.City.V1;
using District = HealthRecords.Contracts.District.V1;

namespace HealthRecords.Integration.Tests.Merging;

/// <summary>R-MG-2, R-ID-6: a merge blocked by contradictions is resolved by the owning clinic's correction, then confirmed again.</summary>
public sealed partial class DuplicateMergeTests
{
    private static readonly CalendarDate NewYear = new() { Year = 2026, Month = 1, Day = 1 };

    [Fact]
    public async Task BlockedMerge_AfterTheOwningClinicCorrectsTheDateOfBirth_IsConfirmedAgain_AndMerged()
    {
        // R-MG-2, R-ID-6
        // Arrange: look-alikes (same name and date of birth) are queued; the newborn's record then gets another date of
        // birth (the guardian's word at the first clinic), so the records contradict each other when the administrator confirms
        using var city = TestChannel.For(Federation.City.Address);
        using var north = TestChannel.For(Federation.Districts["500103"].Address);
        var resident = Resident.Newborn();
        var (newborn, byId) = await EnrollTwiceAsync(city, resident);
        var lifecycle = ClinicLifecycle(north, "500103C01");
        await CorrectAsync(lifecycle, Correction(newborn.RecordNumber, "500103C01", new CalendarDate { Year = 2026, Month = 1, Day = 2 }));
        var reviews = Reviews();
        var pair = Assert.Single((await ListAsync(reviews, byId.RecordNumber)).Candidates).PairKey;
        var blocked = await Assert.ThrowsAsync<RpcException>(() => ConfirmAsync(reviews, pair, "merge-c1"));
        var onThePair = await CandidateAsync(reviews, pair);

        // Act: the clinic verifies with the guardian (the ID number says 2026-01-01) and corrects; the administrator confirms again
        var corrected = await CorrectAsync(lifecycle, Correction(newborn.RecordNumber, "500103C01", NewYear));
        var merge = await ConfirmAsync(reviews, pair, "merge-c2");

        // Assert
        Assert.Equal((StatusCode.FailedPrecondition, "date_of_birth"), (blocked.StatusCode, blocked.GetDetail<Google.Rpc.ErrorInfo>()!.Metadata["conflicting_fields"]));
        Assert.Equal(("date_of_birth", "2026-01-02", "2026-01-01"), (Assert.Single(onThePair.Conflicts).Field, onThePair.Conflicts[0].SurvivorValue, onThePair.Conflicts[0].MergedAwayValue));
        Assert.Equal(newborn.RecordNumber, corrected.RecordNumber);
        Assert.Equal((newborn.RecordNumber, byId.RecordNumber), (merge.SurvivorRecordNumber, merge.MergedAwayRecordNumber));
        var merged = await CandidateAsync(reviews, pair);
        Assert.Equal(City.DuplicateReviewStatus.Merged, merged.Status);
        Assert.Empty(merged.Conflicts); // the blocked conflicts are replaced by the merge
        var history = await lifecycle.UnaryAsync<City.ListRecordHistoryRequest, City.ListRecordHistoryResponse>("ListRecordHistory",
            new() { RecordNumber = newborn.RecordNumber });
        var corrections = history.Entries.Where(h => h.Change == "basic_information_corrected").ToList();
        Assert.Equal(2, corrections.Count);
        Assert.Contains("date of birth 2026-01-02 → 2026-01-01", corrections[1].Reason, StringComparison.Ordinal);
        Assert.Equal("500103C01", corrections[1].InstitutionCode);
    }

    [Fact]
    public async Task CorrectBasicInformation_WithoutConsent_IsRefused_AndByAnotherClinic_IsRefused()
    {
        // R-ID-6: identity fields change only with consent, recorded, and only by the owning clinic
        // Arrange
        using var city = TestChannel.For(Federation.City.Address);
        using var north = TestChannel.For(Federation.Districts["500103"].Address);
        using var south = TestChannel.For(Federation.Districts["500105"].Address);
        var resident = Resident.Newborn();
        var record = await EnrollAsync(city, "500103C01", "500103001001", new ResidentIdentity { BirthMedicalCertificateNumber = resident.Certificate }, resident);
        var born = new CalendarDate { Year = 2026, Month = 1, Day = 3 };
        var unconsented = Correction(record.RecordNumber, "500103C01", born);
        unconsented.Consent = " ";

        // Act
        var withoutConsent = await Assert.ThrowsAsync<RpcException>(() =>
            CorrectAsync(ClinicLifecycle(north, "500103C01"), unconsented));
        var byAnother = await Assert.ThrowsAsync<RpcException>(() =>
            CorrectAsync(ClinicLifecycle(south, "500105C01"), Correction(record.RecordNumber, "500105C01", born)));

        // Assert
        Assert.Equal(StatusCode.InvalidArgument, withoutConsent.StatusCode);
        Assert.Equal("consent", withoutConsent.GetDetail<Google.Rpc.BadRequest>()!.FieldViolations.Single().Field);
        Assert.Contains("R-ID-6", withoutConsent.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.FailedPrecondition, byAnother.StatusCode);
        Assert.Equal("R-ID-6", byAnother.GetDetail<Google.Rpc.PreconditionFailure>()!.Violations.Single().Type);
        var history = await ClinicLifecycle(north, "500103C01").UnaryAsync<City.ListRecordHistoryRequest, City.ListRecordHistoryResponse>("ListRecordHistory",
            new() { RecordNumber = record.RecordNumber });
        Assert.DoesNotContain(history.Entries, h => h.Change == "basic_information_corrected");
    }

    private static ServiceClient ClinicLifecycle(GrpcChannel district, string institution) =>
        Feeds.DistrictService(district, $"institution:{institution}", District.RecordLifecycleReflection.Descriptor, "ClinicRecordLifecycleService");

    private static City.CorrectBasicInformationRequest Correction(string recordNumber, string institution, CalendarDate born) => new()
    {
        RequestId = Guid.NewGuid().ToString("N"), RecordNumber = recordNumber, InstitutionCode = institution, RecordedBy = "王护士",
        Consent = "guardian, signed the correction form on site", DateOfBirth = born,
    };

    private static Task<MasterIndexEntry> CorrectAsync(ServiceClient lifecycle, City.CorrectBasicInformationRequest request) =>
        lifecycle.UnaryAsync<City.CorrectBasicInformationRequest, MasterIndexEntry>("CorrectBasicInformation", request);

    private static Task<City.DuplicateCandidate> CandidateAsync(ServiceClient reviews, string pairKey) =>
        reviews.UnaryAsync<City.GetDuplicateCandidateRequest, City.DuplicateCandidate>("GetDuplicateCandidate", new() { PairKey = pairKey });
}
