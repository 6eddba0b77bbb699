using Google.Protobuf.Reflection;
using HealthRecords.Contracts.Types.V1;
using HealthRecords.Rpc;
using HealthRecords.TestSupport;
using City = HealthRecords.Contracts.City.V1;
using District = HealthRecords.Contracts.District.V1;

namespace HealthRecords.Integration.Tests;

/// <summary>
/// Helpers for the city → district event feed: both tiers' indexes, counts and event logs, read as
/// district IT, and enrollments made at the city directly as a district (while that district is down).
/// </summary>
internal static class Feeds
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static ServiceClient CityService(GrpcChannel city, string asDistrict, FileDescriptor file, string service) =>
        new(city, file.FindTypeByName<ServiceDescriptor>(service), () => CallerMetadata.For($"district:{asDistrict}"));

    /// <summary>A district node's service called as the given caller (district IT: district:code; a clinic: institution:code).</summary>
    public static ServiceClient DistrictService(GrpcChannel district, string caller, FileDescriptor file, string service) =>
        new(district, file.FindTypeByName<ServiceDescriptor>(service), () => CallerMetadata.For(caller));

    /// <summary>Watches a district's applied events from the first, as the given caller (district IT: district:code; a clinic: institution:code).</summary>
    public static AsyncServerStreamingCall<DistrictEvent> Watch(GrpcChannel district, string caller) =>
        DistrictService(district, caller, District.DistrictEventsReflection.Descriptor, "DistrictEventService")
            .ServerStreaming<District.WatchDistrictEventsRequest, DistrictEvent>("WatchDistrictEvents", new District.WatchDistrictEventsRequest());

    /// <summary>Reads a watch until an event satisfies <paramref name="until"/>: the events seen, that one last.</summary>
    public static async Task<List<DistrictEvent>> ReadUntilAsync(AsyncServerStreamingCall<DistrictEvent> watch, Func<DistrictEvent, bool> until)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        var seen = new List<DistrictEvent>();
        while (await watch.ResponseStream.MoveNext(timeout.Token))
        {
            seen.Add(watch.ResponseStream.Current);
            if (until(watch.ResponseStream.Current))
                return seen;
        }
        throw new InvalidOperationException("The watch ended before the event arrived.");
    }

    /// <summary>Enrolls at the city as the district would, without going through the district node.</summary>
    public static async Task<MasterIndexEntry> EnrollAtCityAsync(GrpcChannel city, string citizenId, string institution, string committee)
    {
        var masterIndex = CityService(city, institution[..6], City.MasterIndexReflection.Descriptor, "MasterIndexService");
        var request = Requests.Enroll(citizenId, institution, committee);
        var response = await masterIndex.UnaryAsync<City.EnrollResidentRequest, City.EnrollResidentResponse>("EnrollResident", new City.EnrollResidentRequest
        {
            RequestId = request.RequestId, EnrollingInstitutionCode = institution, EnrolledBy = request.EnrolledBy,
            ResidenceCommitteeCode = committee, Identity = request.Identity, Profile = request.Profile,
        });
        return response.Entry;
    }

    /// <summary>The city's counts of one district (empty: city-wide), asked by that district or the one given.</summary>
    public static async Task<List<ManagedCount>> CityCountsAsync(GrpcChannel city, string districtCode, string? asDistrict = null)
    {
        var counts = CityService(city, asDistrict ?? districtCode, City.CountsReflection.Descriptor, "CountService");
        return await AllPagesAsync<ManagedCount>(async token =>
        {
            var page = await counts.UnaryAsync<City.ListManagedCountsRequest, City.ListManagedCountsResponse>("ListManagedCounts",
                new() { DistrictCode = districtCode, PageSize = 2, PageToken = token });
            return (page.Counts, page.NextPageToken);
        });
    }

    public static async Task<List<ManagedCount>> DistrictCountsAsync(GrpcChannel district, string caller)
    {
        var counts = DistrictService(district, caller, District.CountsReflection.Descriptor, "CountService");
        return await AllPagesAsync<ManagedCount>(async token =>
        {
            var page = await counts.UnaryAsync<District.ListManagedCountsRequest, District.ListManagedCountsResponse>("ListManagedCounts",
                new() { PageSize = 2, PageToken = token });
            return (page.Counts, page.NextPageToken);
        });
    }

    public static async Task<List<MasterIndexEntry>> CityRecordsAsync(GrpcChannel city, string districtCode)
    {
        var masterIndex = CityService(city, districtCode, City.MasterIndexReflection.Descriptor, "MasterIndexService");
        return await AllPagesAsync<MasterIndexEntry>(async token =>
        {
            var page = await masterIndex.UnaryAsync<City.ListMasterIndexEntriesRequest, City.ListMasterIndexEntriesResponse>("ListMasterIndexEntries",
                new() { OwningDistrictCode = districtCode, PageSize = 1000, PageToken = token });
            return (page.Entries, page.NextPageToken);
        });
    }

    /// <summary>The district's own index, all of it, as its IT sees it.</summary>
    public static async Task<List<MasterIndexEntry>> DistrictRecordsAsync(GrpcChannel district, string districtCode)
    {
        var gateway = DistrictService(district, $"district:{districtCode}", District.DistrictGatewayReflection.Descriptor, "DistrictGateway");
        return await AllPagesAsync<MasterIndexEntry>(async token =>
        {
            var page = await gateway.UnaryAsync<District.ListDistrictRecordsRequest, District.ListDistrictRecordsResponse>("ListDistrictRecords",
                new() { PageSize = 1000, PageToken = token });
            return (page.Entries, page.NextPageToken);
        });
    }

    public static async Task<List<DistrictEvent>> DistrictEventsAsync(GrpcChannel district, string caller, string institution = "")
    {
        var events = DistrictService(district, caller, District.DistrictEventsReflection.Descriptor, "DistrictEventService");
        return await AllPagesAsync<DistrictEvent>(async token =>
        {
            var page = await events.UnaryAsync<District.ListDistrictEventsRequest, District.ListDistrictEventsResponse>("ListDistrictEvents",
                new() { InstitutionCode = institution, PageSize = 1000, PageToken = token });
            return (page.Events, page.NextPageToken);
        });
    }

    /// <summary>The last sequence number of a district's log at the city (SQLite city only).</summary>
    public static Task<long> CityHeadAsync(Federation federation, string districtCode) =>
        Uploads.CityScalarAsync(federation, $"SELECT COALESCE(MAX(last_sequence), 0) FROM district_event_heads WHERE district_code = '{districtCode}'");

    /// <summary>
    /// Waits until the district's index holds exactly the city's entries for the district (same
    /// versions) and both tiers count the same for every clinic (R-CN-2).
    /// </summary>
    public static async Task BothTiersAgreeAsync(GrpcChannel city, GrpcChannel district, string districtCode)
    {
        var last = "";
        try
        {
            await Uploads.EventuallyAsync(async () =>
            {
                var (cityRecords, districtRecords) = (await CityRecordsAsync(city, districtCode), await DistrictRecordsAsync(district, districtCode));
                var (cityCounts, districtCounts) = (await CityCountsAsync(city, districtCode), await DistrictCountsAsync(district, $"district:{districtCode}"));
                last = $"city {cityRecords.Count} records, district {districtRecords.Count}; city counts {string.Join(" ", cityCounts)}, district counts {string.Join(" ", districtCounts)}";
                return cityRecords.Select(IndexFields).SequenceEqual(districtRecords) && cityCounts.SequenceEqual(districtCounts);
            }, Timeout, $"district {districtCode} agrees with the city");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}; last seen: {last}", e);
        }
    }

    /// <summary>The fields a district's index copies; the city's entry adds the lifecycle (R-ST-7, R-TR-2, R-TR-5).</summary>
    public static MasterIndexEntry IndexFields(MasterIndexEntry cityEntry)
    {
        var entry = cityEntry.Clone();
        entry.StatusChangedAt = null;
        entry.StatusReason = "";
        entry.DateOfDeath = null;
        entry.Destination = "";
        entry.PendingTransferId = "";
        entry.LastCrossDistrictTransferAt = null;
        return entry;
    }

    private static async Task<List<T>> AllPagesAsync<T>(Func<string, Task<(IEnumerable<T> Items, string Next)>> page)
    {
        var all = new List<T>();
        var token = "";
        do
        {
            var (items, next) = await page(token);
            all.AddRange(items);
            token = next;
        }
        while (token.Length > 0);
        return all;
    }
}
