using HealthRecords.Contracts.Types.V1;
using HealthRecords.Grains.Access;
using HealthRecords.Rpc;
using HealthRecords.TestSupport;
using City = HealthRecords.Contracts.City.V1;
using District = HealthRecords.Contracts.District.V1;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace HealthRecords.Integration.Tests.Merging;

/// <summary>
/// Duplicates found at enrollment, reviewed and merged by a city administrator, through real
/// processes (R-ID-1, R-MG-1..3, R-CN-2): both districts' counts follow the city's.
/// </summary>
public sealed partial class DuplicateMergeTests(FederationFixture fixture) : IClassFixture<FederationFixture>
{
    private static readonly Principal Administrator = new("ca-sun", Principal.CityInstitution, Role.CityAdministrator);

    private Federation Federation => fixture.Federation;

    [Fact]
    public async Task Merge_OfRecordsInTwoDistricts_DropsTheMergedAwayFromBothTiersCounts_AndLooksUpLandOnTheSurvivor()
    {
        // R-MG-1, R-MG-3, R-CN-1, R-CN-2
        // Arrange: a newborn enrolled in 500103 by birth certificate, later again in 500105 by ID number
        using var city = TestChannel.For(Federation.City.Address);
        using var north = TestChannel.For(Federation.Districts["500103"].Address);
        using var south = TestChannel.For(Federation.Districts["500105"].Address);
        var resident = Resident.Newborn();
        var (survivor, away) = await EnrollTwiceAsync(city, resident);
        await Feeds.BothTiersAgreeAsync(city, north, "500103");
        await Feeds.BothTiersAgreeAsync(city, south, "500105");
        var before = await CountsAsync(city, north, south);
        var reviews = Reviews();
        var candidate = Assert.Single((await ListAsync(reviews, away.RecordNumber)).Candidates);

        // Act
        // Two administrators at once: one merge.
        var merges = await Task.WhenAll(ConfirmAsync(reviews, candidate.PairKey, "merge-1"), ConfirmAsync(Reviews(), candidate.PairKey, "merge-1b"));
        var merge = merges[0];
        var repeated = await ConfirmAsync(reviews, candidate.PairKey, "merge-1");
        await Feeds.BothTiersAgreeAsync(city, north, "500103");
        await Feeds.BothTiersAgreeAsync(city, south, "500105");
        var after = await CountsAsync(city, north, south);

        // Assert
        Assert.Equal(City.DuplicateLikelihood.Probable, candidate.Likelihood);
        Assert.Equal("enrollment", candidate.Source);
        Assert.Equal((survivor.RecordNumber, away.RecordNumber, "ca-sun"), (merge.SurvivorRecordNumber, merge.MergedAwayRecordNumber, merge.ConfirmedBy));
        Assert.Equal(merge, repeated);
        Assert.Equal(merge, merges[1]);
        Assert.Equal(before.North, after.North);
        Assert.Equal(Managed(before.South, "500105C01") - 1, Managed(after.South, "500105C01")); // R-MG-3: leaves the counts
        Assert.Equal(Managed(before.City103, "500103C01"), Managed(after.City103, "500103C01"));
        Assert.Equal(after.South, after.City105); // R-CN-2: the district agrees with the city
        var retiredAtDistrict = Assert.Single(await Feeds.DistrictRecordsAsync(south, "500105"), e => e.RecordNumber == away.RecordNumber);
        Assert.Equal((RecordStatus.Merged, survivor.RecordNumber), (retiredAtDistrict.Status, retiredAtDistrict.MergedIntoRecordNumber));
        var byIdentity = await LookupAsync(city, new ResidentIdentity { CitizenIdNumber = resident.CitizenId });
        Assert.Equal(survivor.RecordNumber, byIdentity.RecordNumber); // R-ID-1: the survivor carries the ID number now
        Assert.Equal(IdentityKind.CitizenId, byIdentity.IdentityKind);
        var events = await Feeds.DistrictEventsAsync(south, "district:500105");
        var merged = Assert.Single(events, e => e.EventCase == DistrictEvent.EventOneofCase.RecordsMerged).RecordsMerged;
        Assert.Equal((survivor.RecordNumber, RecordStatus.Merged), (merged.SurvivorRecordNumber, merged.MergedAway.Status));
        Assert.Single(await Feeds.DistrictEventsAsync(north, "district:500103"), e => e.EventCase == DistrictEvent.EventOneofCase.RecordsMerged);
        var masterIndex = Feeds.CityService(city, "500105", City.MasterIndexReflection.Descriptor, "MasterIndexService");
        var byOldNumber = await masterIndex.UnaryAsync<City.GetMasterIndexEntryRequest, MasterIndexEntry>("GetMasterIndexEntry", new() { RecordNumber = away.RecordNumber });
        Assert.Equal(survivor.RecordNumber, byOldNumber.RecordNumber); // R-MG-3: the old number is an alias
        var inspected = await reviews.UnaryAsync<City.ListRecordMergesRequest, City.ListRecordMergesResponse>("ListRecordMerges", new() { RecordNumber = away.RecordNumber });
        Assert.Equal([merge], inspected.Merges);
        Assert.Contains(merge.FieldSources, f => f.FromRecordNumber == away.RecordNumber);
    }

    [Fact]
    public async Task Upload_UnderAMergedAwayNumber_JoinsTheSurvivorsTimeline()
    {
        // R-MG-3: a clinic that worked offline still has the old number
        // Arrange
        using var city = TestChannel.For(Federation.City.Address);
        var resident = Resident.Newborn();
        var (survivor, away) = await EnrollTwiceAsync(city, resident);
        var reviews = Reviews();
        await ConfirmAsync(reviews, Assert.Single((await ListAsync(reviews, away.RecordNumber)).Candidates).PairKey, "merge-3");
        var uploadId = $"offline-{away.RecordNumber}";

        // Act
        await OffsiteCalls.UploadAsync(Federation, Uploads.Service(uploadId, away.RecordNumber, "500105C01", Uploads.Today));

        // Assert
        await Uploads.EventuallyAsync(async () => await Uploads.CityScalarAsync(Federation,
                $"SELECT COUNT(*) FROM service_records WHERE upload_id = '{uploadId}' AND record_number = '{survivor.RecordNumber}' AND merged_from_record = '{away.RecordNumber}'") == 1,
            Feeds.Timeout, "the service on the survivor's timeline");
        var timeline = await Uploads.CityTimeline(city, "500103").UnaryAsync<City.ListServiceRecordsRequest, City.ListServiceRecordsResponse>("ListServiceRecords",
            new() { RecordNumber = away.RecordNumber });
        Assert.Equal([uploadId], timeline.Records.Select(r => r.UploadId));
    }

    [Fact]
    public async Task Confirm_OfContradictingRecords_IsRefusedNamingRMG2_AndTheConflictsStayOnThePair()
    {
        // R-MG-2: two different ID numbers are a contradiction for the owning clinic to verify
        // Arrange
        using var city = TestChannel.For(Federation.City.Address);
        var resident = Resident.Newborn();
        var first = await EnrollAsync(city, "500103C01", "500103001001", new ResidentIdentity { CitizenIdNumber = resident.CitizenId }, resident);
        var second = await EnrollAsync(city, "500106C01", "500106001001", new ResidentIdentity { CitizenIdNumber = resident.SiblingCitizenId }, resident);
        var reviews = Reviews();
        var candidate = Assert.Single((await ListAsync(reviews, second.RecordNumber)).Candidates);

        // Act
        var refused = await Assert.ThrowsAsync<RpcException>(() => ConfirmAsync(reviews, candidate.PairKey, "merge-2"));
        var queued = await reviews.UnaryAsync<City.GetDuplicateCandidateRequest, City.DuplicateCandidate>("GetDuplicateCandidate", new() { PairKey = candidate.PairKey });

        // Assert
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Equal("R-MG-2", refused.GetDetail<Google.Rpc.PreconditionFailure>()!.Violations.Single().Type);
        var info = refused.GetDetail<Google.Rpc.ErrorInfo>()!;
        Assert.Equal(("DUPLICATE_RECORDS_CONTRADICT", "citizen_id_number"), (info.Reason, info.Metadata["conflicting_fields"]));
        Assert.DoesNotContain(resident.CitizenId, refused.Status.Detail, StringComparison.Ordinal); // R-AC-6: masked
        Assert.Contains("citizen_id_number", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(City.DuplicateReviewStatus.Proposed, queued.Status);
        Assert.Equal("citizen_id_number", Assert.Single(queued.Conflicts).Field);
        Assert.Equal((first.RecordNumber, RecordStatus.Active), (queued.First.RecordNumber, queued.First.Status));
        Assert.DoesNotContain(resident.Phone, queued.First.PhoneMasked, StringComparison.Ordinal);
        Assert.Equal(RecordStatus.Active, (await LookupAsync(city, new ResidentIdentity { CitizenIdNumber = resident.SiblingCitizenId })).Status);
    }

    [Fact]
    public async Task Dismissal_IsKept_AndALookAlikeEnrolledLaterIsComparedWithBoth_NotTheDismissedPairAgain()
    {
        // R-ID-1: "not a duplicate" sticks
        // Arrange
        using var city = TestChannel.For(Federation.City.Address);
        var resident = Resident.Newborn();
        var first = await EnrollAsync(city, "500103C01", "500103001001", new ResidentIdentity { CitizenIdNumber = resident.CitizenId }, resident);
        await EnrollAsync(city, "500103C02", "500103002001", new ResidentIdentity { CitizenIdNumber = resident.SiblingCitizenId }, resident);
        var reviews = Reviews();
        var pair = Assert.Single((await ListAsync(reviews, first.RecordNumber)).Candidates).PairKey;

        // Act
        var dismissed = await reviews.UnaryAsync<City.DismissDuplicateRequest, City.DuplicateCandidate>("DismissDuplicate",
            new() { RequestId = "dismiss-1", PairKey = pair, Reason = "twins" });
        var third = await EnrollAsync(city, "500103C01", "500103001001", new ResidentIdentity { CitizenIdNumber = resident.ThirdCitizenId }, resident);

        // Assert
        Assert.Equal((City.DuplicateReviewStatus.Dismissed, "twins", "ca-sun"), (dismissed.Status, dismissed.DismissalReason, dismissed.DecidedBy));
        var firstPage = await reviews.UnaryAsync<City.ListDuplicateCandidatesRequest, City.ListDuplicateCandidatesResponse>("ListDuplicateCandidates",
            new() { RecordNumber = third.RecordNumber, PageSize = 1 });
        var secondPage = await reviews.UnaryAsync<City.ListDuplicateCandidatesRequest, City.ListDuplicateCandidatesResponse>("ListDuplicateCandidates",
            new() { RecordNumber = third.RecordNumber, PageSize = 1, PageToken = firstPage.NextPageToken });
        Assert.Equal(2, firstPage.Candidates.Concat(secondPage.Candidates).Select(c => c.PairKey).Distinct().Count()); // AIP-158 paging
        Assert.Equal("", secondPage.NextPageToken);
        var ofFirst = (await ListAsync(reviews, first.RecordNumber)).Candidates;
        Assert.Equal(City.DuplicateReviewStatus.Dismissed, Assert.Single(ofFirst, c => c.PairKey == pair).Status);
        Assert.Equal(2, ofFirst.Count);
    }

    [Fact]
    public async Task Rekey_ToAnEnrolledIdNumber_ThroughTheDistrict_QueuesThePair_AndAnswersAlreadyExists()
    {
        // R-ID-3: the newborn who got an ID number already enrolled elsewhere goes to the merge procedure
        // Arrange: not look-alikes at enrollment (another phone and address), so only the re-keying finds them
        using var city = TestChannel.For(Federation.City.Address);
        using var north = TestChannel.For(Federation.Districts["500103"].Address);
        var resident = Resident.Newborn();
        var newborn = await EnrollAsync(city, "500103C01", "500103001001", new ResidentIdentity { BirthMedicalCertificateNumber = resident.Certificate }, resident);
        var enrolled = await EnrollAsync(city, "500105C01", "500105001001", new ResidentIdentity { CitizenIdNumber = resident.CitizenId },
            resident with { Phone = "13700000000", Address = "重庆市江北区观音桥" });
        var other = Resident.Newborn();
        var sibling = await EnrollAsync(city, "500103C01", "500103001001", new ResidentIdentity { BirthMedicalCertificateNumber = other.Certificate }, other);
        var lifecycle = Feeds.DistrictService(north, "institution:500103C01", District.RecordLifecycleReflection.Descriptor, "ClinicRecordLifecycleService");
        City.RekeyIdentityRequest Rekey(string recordNumber, string idNumber) => new()
        {
            RequestId = Guid.NewGuid().ToString("N"), RecordNumber = recordNumber, InstitutionCode = "500103C01", RecordedBy = "王护士",
            Consent = "监护人现场签字", CitizenIdNumber = idNumber,
        };

        // Act
        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            lifecycle.UnaryAsync<City.RekeyIdentityRequest, MasterIndexEntry>("RekeyIdentity", Rekey(newborn.RecordNumber, resident.CitizenId)));
        var rekeyed = await lifecycle.UnaryAsync<City.RekeyIdentityRequest, MasterIndexEntry>("RekeyIdentity", Rekey(sibling.RecordNumber, other.CitizenId));

        // Assert
        Assert.Equal(StatusCode.AlreadyExists, refused.StatusCode);
        var info = refused.GetDetail<Google.Rpc.ErrorInfo>()!;
        Assert.Equal("IDENTITY_ALREADY_ENROLLED", info.Reason);
        Assert.Equal(enrolled.RecordNumber, info.Metadata["record_number"]);
        Assert.Equal(enrolled.RecordNumber, refused.GetDetail<ExistingEnrollment>()!.Entry.RecordNumber);
        var queued = Assert.Single((await ListAsync(Reviews(), newborn.RecordNumber)).Candidates);
        Assert.Equal((info.Metadata["pair_key"], "rekey", City.DuplicateLikelihood.Exact), (queued.PairKey, queued.Source, queued.Likelihood));
        Assert.Equal((sibling.RecordNumber, IdentityKind.CitizenId), (rekeyed.RecordNumber, rekeyed.IdentityKind));
    }

    private static int Managed(IEnumerable<ManagedCount> counts, string institution) =>
        (int)counts.Single(c => c.InstitutionCode == institution).Managed;

    private static async Task<(List<ManagedCount> North, List<ManagedCount> South, List<ManagedCount> City103, List<ManagedCount> City105)> CountsAsync(
        GrpcChannel city, GrpcChannel north, GrpcChannel south) =>
        (await Feeds.DistrictCountsAsync(north, "district:500103"), await Feeds.DistrictCountsAsync(south, "district:500105"),
            await Feeds.CityCountsAsync(city, "500103"), await Feeds.CityCountsAsync(city, "500105"));

    /// <summary>The newborn enrolled in 500103 by birth certificate, then again in 500105 by ID number: the earlier record survives (R-MG-1).</summary>
    private static async Task<(MasterIndexEntry Survivor, MasterIndexEntry Away)> EnrollTwiceAsync(GrpcChannel city, Resident resident) =>
        (await EnrollAsync(city, "500103C01", "500103001001", new ResidentIdentity { BirthMedicalCertificateNumber = resident.Certificate }, resident),
            await EnrollAsync(city, "500105C01", "500105001001", new ResidentIdentity { CitizenIdNumber = resident.CitizenId }, resident));

    private static async Task<MasterIndexEntry> EnrollAsync(GrpcChannel city, string institution, string committee, ResidentIdentity identity, Resident resident)
    {
        var masterIndex = Feeds.CityService(city, institution[..6], City.MasterIndexReflection.Descriptor, "MasterIndexService");
        var response = await masterIndex.UnaryAsync<City.EnrollResidentRequest, City.EnrollResidentResponse>("EnrollResident", new City.EnrollResidentRequest
        {
            RequestId = Guid.NewGuid().ToString("N"), EnrollingInstitutionCode = institution, EnrolledBy = "王护士",
            ResidenceCommitteeCode = committee, Identity = identity,
            Profile = new ResidentProfile
            {
                Name = resident.Name, Sex = Sex.Male, Phone = resident.Phone, CurrentAddress = resident.Address,
                DateOfBirth = new CalendarDate { Year = 2026, Month = 1, Day = 1 },
            },
        });
        return response.Entry;
    }

    private static async Task<MasterIndexEntry> LookupAsync(GrpcChannel city, ResidentIdentity identity)
    {
        var masterIndex = Feeds.CityService(city, "500103", City.MasterIndexReflection.Descriptor, "MasterIndexService");
        var found = await masterIndex.UnaryAsync<City.LookupEnrollmentRequest, City.LookupEnrollmentResponse>("LookupEnrollment", new() { Identity = identity });
        Assert.True(found.Enrolled);
        return found.Entry;
    }

    private static Task<City.ListDuplicateCandidatesResponse> ListAsync(ServiceClient reviews, string recordNumber) =>
        reviews.UnaryAsync<City.ListDuplicateCandidatesRequest, City.ListDuplicateCandidatesResponse>("ListDuplicateCandidates", new() { RecordNumber = recordNumber });

    private static Task<City.RecordMerge> ConfirmAsync(ServiceClient reviews, string pairKey, string requestId) =>
        reviews.UnaryAsync<City.ConfirmDuplicateRequest, City.RecordMerge>("ConfirmDuplicate", new() { PairKey = pairKey, RequestId = requestId });

    private ServiceClient Reviews() => new(TestChannel.For(Federation.City.Address),
        City.DuplicateReviewReflection.Descriptor.FindTypeByName<ServiceDescriptor>("DuplicateReviewService"), () => new Metadata
        {
            { "hr-caller", $"administrator:{Administrator.User}" }, { "authorization", TestTokens.Bearer(Administrator) },
        });

    /// <summary>A look-alike resident of its own (name, phone and ID numbers unique per test), born 2026-01-01, male.</summary>
    private sealed record Resident(string Name, string Phone, string Certificate, string CitizenId, string SiblingCitizenId, string ThirdCitizenId)
    {
        public string Address { get; init; } = "重庆市渝中区七星岗";

        private static int _next = Random.Shared.Next(100, 900);

        public static Resident Newborn()
        {
            var n = Interlocked.Increment(ref _next);
            var sequence = $"{n % 500 * 2 + 1:D3}"; // odd: male
            return new($"宝宝{n}", $"13900{n:D6}", $"Q{n:D9}", ValidId($"50010320260101{sequence}"),
                ValidId($"50010520260101{sequence}"), ValidId($"50010620260101{sequence}"));
        }

        // GB 11643: the 18th character is the check digit of the first 17.
        private static string ValidId(string first17)
        {
            int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
            var sum = first17.Select((c, i) => (c - '0') * weights[i]).Sum();
            return first17 + "10X98765432"[sum % 11];
        }
    }
}
