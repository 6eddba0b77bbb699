using HealthRecords.Contracts.Types.V1;
using HealthRecords.Rpc;
using HealthRecords.TestSupport;
using City = HealthRecords.Contracts.City.V1;

namespace HealthRecords.Integration.Tests;

/// <summary>The city → district event feed, and the counts of both tiers, through real processes.</summary>
public sealed class DistrictFeedTests(FederationFixture fixture) : IClassFixture<FederationFixture>
{
    private Federation Federation => fixture.Federation;

    [Fact]
    public async Task EnrollmentsThroughEveryDistrict_ReachEachDistrictsIndex_AndBothTiersCountTheSame()
    {
        // R-CN-1, R-CN-2: every clinic's figures are equal at the city and at its district.
        // Arrange
        var enrollments = new (string Institution, string Committee, int Count)[]
        {
            ("500103C01", "500103001001", 7), ("500103C02", "500103002001", 3),
            ("500105C01", "500105001001", 5), ("500106C01", "500106001001", 4), ("500106C02", "500106101001", 2),
        };

        // Act
        var n = 0;
        foreach (var (institution, committee, count) in enrollments)
        {
            using var clinic = fixture.Clinic(institution);
            for (var i = 0; i < count; i++)
                await clinic.EnrollAsync(Requests.Enroll(TestIdentities.CitizenId(990_000 + n++), institution, committee));
        }

        // Assert
        using var city = TestChannel.For(Federation.City.Address);
        foreach (var (code, node) in Federation.Districts)
        {
            using var district = TestChannel.For(node.Address);
            await Feeds.BothTiersAgreeAsync(city, district, code);
        }
        var cityCounts = await Feeds.CityCountsAsync(city, "", asDistrict: "500106"); // aggregates: any district may read the city-wide figures
        Assert.Contains(new ManagedCount { DistrictCode = "500103", InstitutionCode = "500103C01", Managed = 7 }, cityCounts);
        Assert.Contains(new ManagedCount { DistrictCode = "500105", InstitutionCode = "500105C03" }, cityCounts); // zeros are listed
        Assert.Equal(["500103", "500105", "500106"], cityCounts.Where(c => c.InstitutionCode == "").Select(c => c.DistrictCode));
        Assert.Equal(cityCounts.Where(c => c.InstitutionCode != "").Sum(c => c.Managed), cityCounts.Where(c => c.InstitutionCode == "").Sum(c => c.Managed));
    }

    [Fact]
    public async Task SubscribingToAnotherDistrictsLog_IsPermissionDenied()
    {
        // A district reads its own log only.
        using var city = TestChannel.For(Federation.City.Address);
        var feed = Feeds.CityService(city, "500105", City.DistrictEventsReflection.Descriptor, "DistrictEventFeed");

        using var call = feed.ServerStreaming<City.SubscribeDistrictEventsRequest, DistrictEvent>("SubscribeDistrictEvents",
            new City.SubscribeDistrictEventsRequest { DistrictCode = "500103" });
        var e = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext());

        Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
        Assert.Equal("NOT_OWN_DISTRICT", e.GetDetail<Google.Rpc.ErrorInfo>()!.Reason);
    }

    [Fact]
    public async Task AClinicWatchesItsOwnEvents_AndDistrictItWatchesThemAll_WithTheCitysSequence()
    {
        // Arrange: a clinic and district IT watch 500105's events as they are applied.
        using var district = TestChannel.For(Federation.Districts["500105"].Address);
        using var clinicWatch = Feeds.Watch(district, "institution:500105C02");
        using var itWatch = Feeds.Watch(district, "district:500105");
        using var own = fixture.Clinic("500105C02");
        using var neighbour = fixture.Clinic("500105C01");

        // Act: the clinic's, a neighbour's, then the clinic's again
        var first = await own.EnrollAsync(Requests.Enroll(TestIdentities.CitizenId(991_001), "500105C02", "500105002001"));
        var other = await neighbour.EnrollAsync(Requests.Enroll(TestIdentities.CitizenId(991_002), "500105C01", "500105001002"));
        var second = await own.EnrollAsync(Requests.Enroll(TestIdentities.CitizenId(991_003), "500105C02", "500105002001"));
        var clinicSaw = await Feeds.ReadUntilAsync(clinicWatch, e => e.RecordChanged?.RecordNumber == second.RecordNumber);
        var itSaw = await Feeds.ReadUntilAsync(itWatch, e => e.RecordChanged?.RecordNumber == second.RecordNumber);
        var refused = await Assert.ThrowsAsync<RpcException>(() => Feeds.DistrictEventsAsync(district, "institution:500105C02", "500105C01"));

        // Assert
        Assert.Equal([first.RecordNumber, second.RecordNumber], clinicSaw.Select(e => e.RecordChanged.RecordNumber));
        var enrolledHere = new[] { first.RecordNumber, other.RecordNumber, second.RecordNumber };
        var mine = itSaw.Where(e => enrolledHere.Contains(e.RecordChanged?.RecordNumber)).ToList();
        Assert.Equal([first.RecordNumber, other.RecordNumber, second.RecordNumber], mine.Select(e => e.RecordChanged.RecordNumber));
        Assert.Equal(clinicSaw.Select(e => e.Sequence), mine.Where(e => e.RecordChanged.OwningInstitutionCode == "500105C02").Select(e => e.Sequence));
        Assert.Equal(itSaw.Select(e => e.Sequence).Order(), itSaw.Select(e => e.Sequence));
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
    }

    [Fact]
    public async Task AClinicSeesItsOwnCountsOnly_DistrictItSeesTheDistrictsTotalAndEveryClinic()
    {
        using var district = TestChannel.For(Federation.Districts["500106"].Address);

        var clinic = await Feeds.DistrictCountsAsync(district, "institution:500106C03");
        var it = await Feeds.DistrictCountsAsync(district, "district:500106");

        Assert.Equal(["500106C03"], clinic.Select(c => c.InstitutionCode));
        Assert.Equal(["", "500106C01", "500106C02", "500106C03"], it.Select(c => c.InstitutionCode));
    }
}
